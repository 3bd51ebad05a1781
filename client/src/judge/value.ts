import type { Aspect } from '../api/contracts';

/** WorldSkills judgement: each judge gives 0, 1, 2 or 3. */
export function isWorldSkills(aspect: Aspect): boolean {
  return aspect.kind === 'judgement' && aspect.aggregation === 'worldskills';
}

/** The range the judge types in: 0–3 for WorldSkills scores, else 0–max. */
export function scaleMax(aspect: Aspect): number {
  return isWorldSkills(aspect) ? 3 : aspect.max;
}

export function scaleStep(aspect: Aspect): number {
  return isWorldSkills(aspect) ? 1 : (aspect.step ?? 0.01);
}

/** The same checks as the server (errors.<CODE>), so nothing hopeless is queued offline. */
export function valueError(aspect: Aspect, value: number): string | null {
  if (!Number.isFinite(value)) {
    return 'MARK_NOT_NUMBER';
  }
  if (isWorldSkills(aspect)) {
    return Number.isInteger(value) && value >= 0 && value <= 3 ? null : 'MARK_SCALE';
  }
  if (value < 0 || value > aspect.max) {
    return 'MARK_OUT_OF_RANGE';
  }
  const hundredths = Math.round(value * 100);
  if (Math.abs(value * 100 - hundredths) > 1e-6) {
    return 'MARK_OFF_STEP';
  }
  return hundredths % Math.round(scaleStep(aspect) * 100) === 0 ? null : 'MARK_OFF_STEP';
}

import { MarkError } from './errors';
import { decimalPlaces, divRoundHalfUp, fromHundredths, toHundredths } from './numbers';

/**
 * Marking schemes and how judges' marks become aspect, module and component marks.
 * docs/domain.md, phase 5: "each aspect by N judges. With 5 or more judges drop the highest and lowest
 * and average the rest; otherwise average. A spread above the aspect's limit is flagged for the
 * chief judge." The aspect kinds follow WorldSkills-style schemes, which Chinese national and
 * provincial competitions have adopted: measurement (objective, one agreed value), judgement
 * (several judges), and deductions (penalties such as safety or material overuse).
 * All arithmetic is on integer hundredths (see numbers.ts); results are rounded half up once.
 * Over 300 lines on purpose: a scheme's validation and the aggregation of its marks read the same
 * aspect kinds and steps, and the table-driven spec checks them side by side.
 */

/** Objective aspect: judges agree on one value from 0 to `max` in multiples of `step`. */
export interface MeasurementAspect {
  kind: 'measurement';
  code: string;
  max: number;
  step: number;
}

export type JudgementAggregation = 'mean' | 'trimmed-mean' | 'worldskills';

/**
 * Subjective aspect marked by several judges.
 * - `mean`: each judge gives 0..max on `step`; the aspect mark is the mean.
 * - `trimmed-mean`: as `mean`, but with 5 or more judges the one highest and one lowest value
 *   are dropped first (docs/domain.md phase 5; with fewer, dropping two would leave too few).
 * - `worldskills`: each judge gives an integer 0–3; aspect mark = mean ÷ 3 × max, and judges
 *   may differ by at most 1 point (the WorldSkills judgement rule), hence maxSpread 1 by default.
 * `maxSpread` is in the judges' units (marks, or 0–3 points for worldskills); absent = no flag,
 * except for worldskills where it defaults to 1.
 */
export interface JudgementAspect {
  kind: 'judgement';
  code: string;
  max: number;
  aggregation: JudgementAggregation;
  /** Required for mean and trimmed-mean; ignored for worldskills (integers 0–3). */
  step?: number;
  maxSpread?: number;
}

/** Penalty aspect: 0..max taken off the module (one agreed value). */
export interface DeductionAspect {
  kind: 'deduction';
  code: string;
  max: number;
  step: number;
}

export type Aspect = MeasurementAspect | JudgementAspect | DeductionAspect;

export interface MarkingModule {
  code: string;
  aspects: Aspect[];
}

/** Practical modules plus an optional theory part (an event may have no theory, docs/domain.md). */
export interface MarkingScheme {
  theory: { max: number } | null;
  modules: MarkingModule[];
}

export type MarkErrorCode =
  | 'MARK_NOT_NUMBER'
  | 'MARK_OUT_OF_RANGE'
  | 'MARK_OFF_STEP'
  | 'MARK_SCALE'
  | 'MARK_COUNT'
  | 'MARK_MISSING'
  | 'MARK_UNKNOWN_ASPECT';

export interface MarkValueError {
  code: MarkErrorCode;
  /** The aspect and the values the message needs, for wording it in any language. */
  params: Record<string, unknown>;
  message: string;
}

export const WORLDSKILLS_DEFAULT_MAX_SPREAD = 1;

/** Checks one value as a judge enters it; null when it is acceptable. */
export function validateMarkValue(aspect: Aspect, value: number): MarkValueError | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return {
      code: 'MARK_NOT_NUMBER',
      params: { aspect: aspect.code },
      message: `${aspect.code}: the mark is not a number.`,
    };
  }
  if (aspect.kind === 'judgement' && aspect.aggregation === 'worldskills') {
    return Number.isInteger(value) && value >= 0 && value <= 3
      ? null
      : {
          code: 'MARK_SCALE',
          params: { aspect: aspect.code, value },
          message: `${aspect.code}: a judgement score is 0, 1, 2 or 3.`,
        };
  }
  if (value < 0 || value > aspect.max) {
    return {
      code: 'MARK_OUT_OF_RANGE',
      params: { aspect: aspect.code, value, max: aspect.max },
      message: `${aspect.code}: ${value} is outside 0–${aspect.max}.`,
    };
  }
  const step = aspect.step ?? 0.01;
  if (decimalPlaces(value) > 2 || toHundredths(value) % toHundredths(step) !== 0) {
    return {
      code: 'MARK_OFF_STEP',
      params: { aspect: aspect.code, value, step },
      message: `${aspect.code}: ${value} is not a multiple of ${step}.`,
    };
  }
  return null;
}

export interface AspectResult {
  /** The aspect's mark, rounded half up to 2 decimals; negative for a deduction. */
  mark: number;
  /** Highest minus lowest value entered, in the judges' units (0 for a single value). */
  spread: number;
  /** spread > the aspect's maxSpread: the chief judge must look at it before locking. */
  flagged: boolean;
}

/**
 * Turns the values entered for one aspect into its mark. Throws MarkError on any invalid value
 * or on a wrong number of values (measurement and deduction take exactly one agreed value).
 */
export function aggregateAspect(aspect: Aspect, values: readonly number[]): AspectResult {
  values.forEach((v) => {
    const error = validateMarkValue(aspect, v);
    if (error !== null) {
      throw new MarkError(
        error.code,
        error.message,
        { aspect: aspect.code, value: v },
        error.params,
      );
    }
  });
  if (aspect.kind !== 'judgement') {
    if (values.length !== 1) {
      throw new MarkError(
        'MARK_COUNT',
        `${aspect.code}: a ${aspect.kind} aspect takes one agreed value, not ${values.length}.`,
      );
    }
    const h = toHundredths(values[0]);
    return {
      mark: fromHundredths(aspect.kind === 'deduction' ? -h : h),
      spread: 0,
      flagged: false,
    };
  }
  if (values.length === 0) {
    throw new MarkError('MARK_COUNT', `${aspect.code}: no judge has marked this aspect.`);
  }
  const hs = values.map(toHundredths);
  const spreadH = Math.max(...hs) - Math.min(...hs);
  const spread = fromHundredths(spreadH);
  const maxSpread =
    aspect.maxSpread ??
    (aspect.aggregation === 'worldskills' ? WORLDSKILLS_DEFAULT_MAX_SPREAD : undefined);
  const flagged = maxSpread !== undefined && spreadH > toHundredths(maxSpread);
  return { mark: fromHundredths(judgementHundredths(aspect, hs)), spread, flagged };
}

function judgementHundredths(aspect: JudgementAspect, hs: number[]): number {
  switch (aspect.aggregation) {
    case 'mean':
      return divRoundHalfUp(sum(hs), hs.length);
    case 'trimmed-mean': {
      if (hs.length < 5) {
        return divRoundHalfUp(sum(hs), hs.length);
      }
      const sorted = [...hs].sort((a, b) => a - b).slice(1, -1);
      return divRoundHalfUp(sum(sorted), sorted.length);
    }
    case 'worldskills': {
      // hs are scores × 100; mark = (Σscore / N) / 3 × max, computed as one exact fraction.
      const scoreSum = sum(hs) / 100;
      return divRoundHalfUp(scoreSum * toHundredths(aspect.max), 3 * hs.length);
    }
  }
}

/**
 * Module mark = sum of its aspect marks (deductions negative), never below 0: a penalty cannot
 * take more than the module was worth. `marksByAspect` holds aggregateAspect's marks by code.
 */
export function moduleMark(
  aspects: readonly Aspect[],
  marksByAspect: Readonly<Record<string, number>>,
): number {
  const known = new Set(aspects.map((a) => a.code));
  const unknown = Object.keys(marksByAspect).filter((code) => !known.has(code));
  if (unknown.length > 0) {
    throw new MarkError('MARK_UNKNOWN_ASPECT', `Unknown aspects: ${unknown.join(', ')}.`, {
      unknown,
    });
  }
  let total = 0;
  for (const aspect of aspects) {
    const mark = marksByAspect[aspect.code];
    if (mark === undefined) {
      throw new MarkError('MARK_MISSING', `${aspect.code} has no mark.`, { aspect: aspect.code });
    }
    const h = toHundredths(mark);
    const maxH = toHundredths(aspect.max);
    const ok = aspect.kind === 'deduction' ? h <= 0 && h >= -maxH : h >= 0 && h <= maxH;
    if (!ok) {
      throw new MarkError('MARK_OUT_OF_RANGE', `${aspect.code}: ${mark} is out of range.`, {
        aspect: aspect.code,
        mark,
      });
    }
    total += h;
  }
  return fromHundredths(Math.max(0, total));
}

/** The practical (or any) component: the sum of its module marks, each already rounded. */
export function componentMark(moduleMarks: readonly number[]): number {
  return fromHundredths(sum(moduleMarks.map(toHundredths)));
}

export interface SchemeError {
  path: string;
  code: string;
  message: string;
}

/**
 * Checks a scheme before any mark is entered: marks on a 100-point scale (docs/domain.md: "each on a
 * 100-point scale"), so practical maxima (deductions excluded, they only take away) add up to
 * 100 and the theory part, when there is one, is out of 100; codes are unique across the scheme
 * because judges' tablets and the mark ledger key on them.
 */
export function validateScheme(scheme: MarkingScheme): SchemeError[] {
  const errors: SchemeError[] = [];
  const push = (path: string, code: string, message: string) =>
    errors.push({ path, code, message });
  if (scheme.theory !== null && scheme.theory.max !== 100) {
    push('theory.max', 'SCHEME_THEORY_MAX', 'The theory part is marked out of 100.');
  }
  if (scheme.modules.length === 0) {
    push('modules', 'SCHEME_NO_MODULES', 'The practical part needs at least one module.');
  }
  const seenModules = new Set<string>();
  const seenAspects = new Set<string>();
  let practicalH = 0;
  scheme.modules.forEach((module, m) => {
    if (seenModules.has(module.code)) {
      push(`modules[${m}].code`, 'SCHEME_DUPLICATE_CODE', `Module ${module.code} appears twice.`);
    }
    seenModules.add(module.code);
    if (module.aspects.length === 0) {
      push(`modules[${m}].aspects`, 'SCHEME_EMPTY_MODULE', `Module ${module.code} has no aspects.`);
    }
    module.aspects.forEach((aspect, a) => {
      const path = `modules[${m}].aspects[${a}]`;
      if (seenAspects.has(aspect.code)) {
        push(`${path}.code`, 'SCHEME_DUPLICATE_CODE', `Aspect ${aspect.code} appears twice.`);
      }
      seenAspects.add(aspect.code);
      if (!validPositive(aspect.max)) {
        push(`${path}.max`, 'SCHEME_BAD_MAX', `${aspect.code}: max must be > 0, 2 decimals.`);
        return;
      }
      if (aspect.kind !== 'deduction') {
        practicalH += toHundredths(aspect.max);
      }
      const worldskills = aspect.kind === 'judgement' && aspect.aggregation === 'worldskills';
      if (!worldskills) {
        if (aspect.step === undefined || !validPositive(aspect.step)) {
          push(`${path}.step`, 'SCHEME_BAD_STEP', `${aspect.code}: step must be > 0, 2 decimals.`);
        } else if (toHundredths(aspect.max) % toHundredths(aspect.step) !== 0) {
          push(`${path}.step`, 'SCHEME_BAD_STEP', `${aspect.code}: max is not a multiple of step.`);
        }
      }
      if (
        aspect.kind === 'judgement' &&
        aspect.maxSpread !== undefined &&
        !(Number.isFinite(aspect.maxSpread) && aspect.maxSpread >= 0)
      ) {
        push(`${path}.maxSpread`, 'SCHEME_BAD_SPREAD', `${aspect.code}: maxSpread must be ≥ 0.`);
      }
    });
  });
  if (practicalH !== 100 * 100) {
    push(
      'modules',
      'SCHEME_PRACTICAL_TOTAL',
      `Practical aspect maxima add up to ${fromHundredths(practicalH)}, not 100.`,
    );
  }
  return errors;
}

function validPositive(n: number): boolean {
  return Number.isFinite(n) && n > 0 && decimalPlaces(n) <= 2;
}

function sum(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}

import { LADDER_PRESETS } from '@domain/policy-ladders';
import { compareLevels, type QualificationLevel } from '@domain/qualification';
import type { PolicyDocument } from '../../../api/awards';

/**
 * The policy rules the console's form edits (docs/domain.md "Rewards"): which ladder, up to which
 * level, one promotion a year, and 公示's minimum. The presets and their clauses are the domain's
 * own (src/domain/policy-ladders.ts), so a ladder chosen here cites the same source the server checks.
 */
export type LadderChoice = keyof typeof LADDER_PRESETS | 'custom';

export const LADDER_CHOICES = Object.keys(LADDER_PRESETS) as (keyof typeof LADDER_PRESETS)[];

/** Which preset a document's ladder is, or 'custom' when it is neither. */
export function ladderChoice(doc: PolicyDocument): LadderChoice {
  const levels = doc.promotion.ladder.levels.join(',');
  return LADDER_CHOICES.find((k) => LADDER_PRESETS[k].levels.join(',') === levels) ?? 'custom';
}

/**
 * Puts a preset ladder on the document with its clause (added once), and keeps the cap on the
 * ladder: 高级技师 when the ladder has it (特级/首席 are chosen by employers), else its top.
 */
export function chooseLadder(doc: PolicyDocument, choice: keyof typeof LADDER_PRESETS): void {
  const preset = LADDER_PRESETS[choice];
  if (!doc.clauses.some((c) => c.id === preset.clause.id)) {
    doc.clauses.push({ ...preset.clause });
  }
  doc.promotion.ladder = { levels: [...preset.levels], clause: preset.clause.id };
  if (!preset.levels.includes(doc.promotion.cap.level as QualificationLevel)) {
    doc.promotion.cap.level = preset.levels.includes('senior_technician')
      ? 'senior_technician'
      : preset.levels[preset.levels.length - 1];
  }
}

/** The levels a prize may promote to: on the ladder, not above the cap. */
export function targetLevels(doc: PolicyDocument): string[] {
  const cap = doc.promotion.cap.level as QualificationLevel;
  return doc.promotion.ladder.levels.filter(
    (l) => compareLevels(l as QualificationLevel, cap) <= 0,
  );
}

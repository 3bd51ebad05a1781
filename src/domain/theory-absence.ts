/**
 * 缺考 in theory (docs/domain.md "Scoring and ranking"): a competitor who sat the practical but
 * not the theory exam is marked absent from theory by the chief judge, with a reason; theory
 * then counts 0 and every sheet says 缺考. Without that mark a missing theory score stops the
 * results (THEORY_MISSING): a forgotten import must not look like an absence.
 */

export interface TheoryAbsenceState {
  resultsStatus: 'none' | 'provisional' | 'published' | 'final';
  theoryWeight: number;
  /** The competitor's stored theory score, if any. */
  current: { absent: boolean } | null;
  reason: string | null | undefined;
}

export type TheoryAbsenceRefusal =
  | 'RESULTS_FINAL'
  | 'EVENT_HAS_NO_THEORY'
  | 'THEORY_ABSENT_REASON_REQUIRED'
  | 'THEORY_ALREADY_SCORED';

/** 'unchanged' when already marked absent (a second click, a concurrent request). */
export function theoryAbsenceVerdict(
  s: TheoryAbsenceState,
): TheoryAbsenceRefusal | 'unchanged' | 'mark' {
  if (s.resultsStatus === 'final') {
    return 'RESULTS_FINAL';
  }
  if (s.theoryWeight === 0) {
    return 'EVENT_HAS_NO_THEORY';
  }
  if (!s.reason || s.reason.trim().length === 0) {
    return 'THEORY_ABSENT_REASON_REQUIRED';
  }
  if (s.current?.absent) {
    return 'unchanged';
  }
  // A score was imported: correct it through the import (with a reason once locked), not here.
  return s.current ? 'THEORY_ALREADY_SCORED' : 'mark';
}

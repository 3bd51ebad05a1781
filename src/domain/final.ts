/**
 * Final means final, and the lock means the lock: the rules for changing what a result is
 * computed from (marks, theory scores, times, the scheme, the event's scoring fields).
 */
import type { Role } from './competition';

export interface ScoringState {
  resultsStatus: 'none' | 'provisional' | 'published' | 'final';
  /** Every module locked. */
  resultsLockedAt: string | null;
  decryptedAt: string | null;
}

export type InputRefusal = 'RESULTS_FINAL' | 'LOCKED_CHIEF_ONLY' | 'REASON_REQUIRED';

/**
 * Theory scores and times belong to the lock: before it anyone allowed may record them; once
 * the event's modules are locked (and after decryption, even if a module is reopened for an
 * appeal) only the chief judge changes them, with a reason; after final, nobody.
 */
export function lockedInputRefusal(
  state: ScoringState,
  role: Role | 'system',
  reason: string | null | undefined,
): InputRefusal | null {
  if (state.resultsStatus === 'final') {
    return 'RESULTS_FINAL';
  }
  if (state.resultsLockedAt === null && state.decryptedAt === null) {
    return null;
  }
  if (role !== 'chief_judge') {
    return 'LOCKED_CHIEF_ONLY';
  }
  return reason && reason.trim().length > 0 ? null : 'REASON_REQUIRED';
}

/** The event fields a result is computed or printed from: frozen once the results are final. */
export const SCORING_EVENT_FIELDS = [
  'level',
  'group',
  'contestantGroup',
  'mode',
  'theoryWeight',
  'practicalWeight',
  'prizeRule',
  'sharedRanks',
  'tieBreak',
] as const;

/** The scoring fields an update would change (present in the input and different). */
export function scoringFieldsChanged(
  current: Record<string, unknown>,
  input: Record<string, unknown>,
): string[] {
  return SCORING_EVENT_FIELDS.filter(
    (f) =>
      f in input &&
      input[f] !== undefined &&
      JSON.stringify(input[f]) !== JSON.stringify(current[f]),
  );
}

export interface FinalizeState {
  resultsStatus: ScoringState['resultsStatus'];
  publicationEnd: string | null;
  resultsLockedAt: string | null;
  resultsComputedAt: string | null;
  openAppeals: number;
  unlockedModules: number;
}

export type FinalizeRefusal =
  | 'RESULTS_FINAL'
  | 'RESULTS_NOT_PUBLISHED'
  | 'PUBLICATION_NOT_OVER'
  | 'APPEALS_OPEN'
  | 'RESULTS_NOT_LOCKED'
  | 'RESULTS_STALE';

/**
 * Why the results cannot become final now, or null: publication over, every appeal decided,
 * every module locked, and the results computed after the last lock, unlock or correction.
 * The console shows the same answer on its disabled button.
 */
export function finalizeRefusal(s: FinalizeState, now: string): FinalizeRefusal | null {
  if (s.resultsStatus === 'final') {
    return 'RESULTS_FINAL';
  }
  if (s.resultsStatus !== 'published' || s.publicationEnd === null) {
    return 'RESULTS_NOT_PUBLISHED';
  }
  if (now < s.publicationEnd) {
    return 'PUBLICATION_NOT_OVER';
  }
  if (s.openAppeals > 0) {
    return 'APPEALS_OPEN';
  }
  if (s.unlockedModules > 0 || s.resultsLockedAt === null) {
    return 'RESULTS_NOT_LOCKED';
  }
  if (s.resultsComputedAt === null || s.resultsComputedAt < s.resultsLockedAt) {
    return 'RESULTS_STALE';
  }
  return null;
}

import { seededShuffle } from './draw';
import { DomainError } from './errors';
import { DEFAULT_RANKING, rankContestants } from './ranking';

/**
 * 复核: which work-pieces a second judge re-enters before the chief judge signs. The provisional
 * top (by practical mark) is always rechecked, plus a share of the rest drawn at random, so that
 * no judge can know in advance which sheets will be looked at again.
 */
export interface RecheckRule {
  /** Places always rechecked; a tie at the last place brings in everyone sharing it. */
  top: number;
  /** Percent of the pieces outside the top drawn at random, rounded up. */
  randomPercent: number;
}

export const DEFAULT_RECHECK_RULE: RecheckRule = { top: 10, randomPercent: 15 };

export interface RecheckCandidate {
  workpieceCode: string;
  practical: number;
  theory: number | null;
  timeUsedSeconds: number | null;
}

export interface RecheckSelection {
  /** In ranking order. */
  top: string[];
  /** In the order drawn. */
  random: string[];
}

/** A uniform integer in [0, bound); the service passes node:crypto's randomInt (a CSPRNG). */
export type RandomInt = (bound: number) => number;

/** How many of `rest` pieces are drawn: randomPercent of them, rounded up (1 of 1..6 at 15 %). */
export function randomShare(rest: number, randomPercent: number): number {
  return Math.ceil((rest * randomPercent) / 100);
}

/**
 * The top by practical mark under the default tie-break chain (practical → less time → theory,
 * shared ranks), so pieces that cannot be told apart at the last place are all in; then
 * randomShare() of the others, drawn by a Fisher–Yates shuffle keyed by 32 random bytes.
 */
export function selectForRecheck(
  candidates: readonly RecheckCandidate[],
  randomInt: RandomInt,
  rule: RecheckRule = DEFAULT_RECHECK_RULE,
): RecheckSelection {
  const codes = new Set(candidates.map((c) => c.workpieceCode));
  if (codes.size !== candidates.length) {
    throw new DomainError('RECHECK_DUPLICATE_CODE', 'A work-piece code appears twice.');
  }
  const ranked = rankContestants(
    candidates.map((c, i) => ({
      id: i + 1,
      total: c.practical,
      practical: c.practical,
      theory: c.theory ?? 0,
      timeUsedSeconds: c.timeUsedSeconds,
    })),
    DEFAULT_RANKING,
  );
  const top = ranked
    .filter((r) => r.rank <= rule.top)
    .map((r) => candidates[r.id - 1].workpieceCode);
  const rest = candidates.map((c) => c.workpieceCode).filter((c) => !top.includes(c));
  const seed = Array.from({ length: 32 }, () => randomInt(256).toString(16).padStart(2, '0')).join(
    '',
  );
  const random = seededShuffle(rest, seed).slice(0, randomShare(rest.length, rule.randomPercent));
  return { top, random };
}

import { weightsAreValid } from './competition';
import { RankingError } from './errors';
import { divRoundHalfUp, fromHundredths, toHundredths } from './numbers';

/**
 * Totals and ranking within one event and group.
 * docs/domain.md, "Scoring and ranking": Total = theory × 30% + practical × 70% by default, each on a
 * 100-point scale; some events have no theory (weight 0). Tie-break chain: higher practical →
 * less time used → higher theory → shared rank; an event may forbid shared ranks (the national
 * competition does). Every comparison is on marks rounded to 2 decimals, the published figures,
 * so that nobody is ranked by a difference the results sheet does not show.
 */

export interface Weights {
  /** Percent of the total, integer; theoryWeight + practicalWeight = 100. */
  theoryWeight: number;
  practicalWeight: number;
}

export const DEFAULT_WEIGHTS: Weights = { theoryWeight: 30, practicalWeight: 70 };

/**
 * total = theory × theoryWeight/100 + practical × practicalWeight/100, rounded half up once.
 * An event without theory has theoryWeight 0 and passes theory null.
 */
export function totalMark(
  theory: number | null,
  practical: number,
  weights: Weights = DEFAULT_WEIGHTS,
): number {
  if (!weightsAreValid(weights.theoryWeight, weights.practicalWeight)) {
    throw new RankingError(
      'RANKING_WEIGHTS',
      `Weights ${weights.theoryWeight}/${weights.practicalWeight} must be integers adding up to 100.`,
    );
  }
  if (theory === null && weights.theoryWeight > 0) {
    throw new RankingError(
      'RANKING_THEORY_MISSING',
      'The event weighs theory but no mark was given.',
    );
  }
  const theoryH = theory === null ? 0 : toHundredths(theory);
  const practicalH = toHundredths(practical);
  for (const [part, h] of [
    ['theory', theoryH],
    ['practical', practicalH],
  ] as const) {
    if (h < 0 || h > 10000) {
      throw new RankingError('RANKING_MARK_RANGE', `The ${part} mark must be within 0–100.`);
    }
  }
  return fromHundredths(
    divRoundHalfUp(theoryH * weights.theoryWeight + practicalH * weights.practicalWeight, 100),
  );
}

/** A criterion after the total: a part, the time used, or one module of the scheme by code. */
export type TieBreak = 'practical' | 'time' | 'theory' | `module:${string}`;
export const MODULE_TIE_BREAK = 'module:';

export interface RankingOptions {
  /** Applied in order after the total; default practical → time → theory (docs/domain.md). */
  tieBreak: TieBreak[];
  /** true: equal rows share a rank (1, 1, 3). false: a strict order, see rankContestants. */
  sharedRanks: boolean;
}

export const DEFAULT_RANKING: RankingOptions = {
  tieBreak: ['practical', 'time', 'theory'],
  sharedRanks: true,
};

export interface RankingRow {
  id: string | number;
  total: number;
  theory: number | null;
  practical: number;
  timeUsedSeconds: number | null;
  /** Module code → mark, for a chain that names a module; a missing mark counts 0. */
  modules?: Readonly<Record<string, number | null>>;
}

export type RankedRow<R extends RankingRow = RankingRow> = R & {
  rank: number;
  /**
   * True when the whole chain could not separate this row from a neighbour: with shared ranks
   * it shares its rank; with strict order its place was decided by id only, which the chief
   * judge should see before signing.
   */
  tied: boolean;
};

/**
 * Ranks rows: total desc, then the tie-break chain, then either a shared rank (standard
 * competition ranking 1, 1, 3) or — when shared ranks are forbidden — a strict order by id
 * (ascending; numbers numerically, strings by code unit). The id is not a merit criterion: it
 * only makes the result reproducible whatever order the rows were loaded in; such rows come back
 * `tied: true` so a human decides (e.g. an extra criterion or a drawn order entered as time).
 * A missing time ranks after any recorded time; a missing theory (no-theory event) counts as 0.
 * The output is sorted by rank, then id.
 */
export function rankContestants<R extends RankingRow>(
  rows: readonly R[],
  options: RankingOptions = DEFAULT_RANKING,
): RankedRow<R>[] {
  const ids = new Set<string>();
  for (const row of rows) {
    const key = `${typeof row.id}:${row.id}`;
    if (ids.has(key)) {
      throw new RankingError('RANKING_DUPLICATE_ID', `Row ${row.id} appears twice.`, {
        id: row.id,
      });
    }
    ids.add(key);
    if (row.timeUsedSeconds !== null && !(row.timeUsedSeconds >= 0)) {
      throw new RankingError('RANKING_TIME', `Row ${row.id}: time used must be ≥ 0 seconds.`);
    }
  }
  const keyed = rows.map((row) => ({ row, key: meritKey(row, options.tieBreak) }));
  keyed.sort((a, b) => compareKeys(a.key, b.key) || compareIds(a.row.id, b.row.id));
  const ranked: RankedRow<R>[] = [];
  keyed.forEach(({ row, key }, i) => {
    const samePrev = i > 0 && compareKeys(keyed[i - 1].key, key) === 0;
    const sameNext = i + 1 < keyed.length && compareKeys(keyed[i + 1].key, key) === 0;
    const rank = options.sharedRanks && samePrev ? ranked[i - 1].rank : i + 1;
    ranked.push({ ...row, rank, tied: samePrev || sameNext });
  });
  return ranked;
}

/** Merit as a list of integers where smaller is better. */
function meritKey(row: RankingRow, chain: readonly TieBreak[]): number[] {
  const key = [-toHundredths(row.total)];
  for (const criterion of chain) {
    if (criterion.startsWith(MODULE_TIE_BREAK)) {
      key.push(-toHundredths(row.modules?.[criterion.slice(MODULE_TIE_BREAK.length)] ?? 0));
      continue;
    }
    switch (criterion) {
      case 'practical':
        key.push(-toHundredths(row.practical));
        break;
      case 'theory':
        key.push(-toHundredths(row.theory ?? 0));
        break;
      case 'time':
        key.push(row.timeUsedSeconds ?? Number.MAX_SAFE_INTEGER);
        break;
    }
  }
  return key;
}

function compareKeys(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) {
      return a[i] < b[i] ? -1 : 1;
    }
  }
  return 0;
}

function compareIds(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') {
    return a - b;
  }
  const [x, y] = [String(a), String(b)];
  return x < y ? -1 : x > y ? 1 : 0;
}

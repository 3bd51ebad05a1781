import type { ContestantGroup } from './competition';
import { RankingError } from './errors';
import { toHundredths } from './numbers';

/**
 * Prize quotas for one event and group (一、二、三等奖).
 * DOMAIN.md, "Prizes": the quota is either fixed counts (e.g. 1 / 2 / 3) or percentages of those
 * who actually competed (e.g. 10% / 20% / 30%) with a rounding rule; a tie across a boundary gets
 * the higher prize; an optional floor (no prize below 60 in either part). Rules are data, set per
 * event and per group, since worker and student groups of one occupation often differ.
 */

export type Prize = 1 | 2 | 3;

export type QuotaRule =
  | { kind: 'fixed'; counts: [number, number, number] }
  | { kind: 'percent'; percents: [number, number, number]; rounding: 'floor' | 'round' | 'ceil' };

export interface PrizeFloor {
  theory?: number;
  practical?: number;
}

export interface PrizeRule {
  quota: QuotaRule;
  floor?: PrizeFloor;
  /**
   * The event demands a strict order (no two contestants on one rank, like the national
   * competition): the ranking must then have been made with sharedRanks false, and a shared
   * rank here is an error rather than silently given the higher prize.
   */
  strictOrder?: boolean;
}

/** One rule per group of an event; worker and student rules are configured separately. */
export type PrizeRulesByGroup = Record<ContestantGroup, PrizeRule>;

/** DOMAIN.md default: 10% / 20% / 30% of those who competed, no floor unless set. */
export const DEFAULT_PRIZE_RULE: PrizeRule = {
  quota: { kind: 'percent', percents: [10, 20, 30], rounding: 'round' },
};

export type ContestStatus = 'competed' | 'absent' | 'withdrawn' | 'disqualified';

export interface PrizeCandidate {
  id: string | number;
  status: ContestStatus;
  /** From rankContestants; null for those who did not compete. */
  rank: number | null;
  theory: number | null;
  practical: number;
}

export type NoPrizeReason = 'did-not-compete' | 'below-floor' | 'beyond-quota';

export interface PrizeOutcome {
  id: string | number;
  rank: number | null;
  prize: Prize | null;
  reason: NoPrizeReason | null;
}

/**
 * Cumulative quota: how many prizes of level 1, 1–2 and 1–3 may be given in all.
 * Percentages are per prize (10 / 20 / 30 means 10% first, 20% second, 30% third) but rounded on
 * the running sum (10%, 30%, 60% of competitors), so rounding error never adds up across the
 * three prizes: with 25 competitors and 'round', 10/20/30 gives 3 / 5 / 7 (cumulative 3, 8, 15),
 * where rounding each alone would give 3 / 5 / 8 = 16 > 60%.
 */
export function cumulativeQuota(quota: QuotaRule, competitors: number): [number, number, number] {
  validateQuota(quota);
  if (quota.kind === 'fixed') {
    const [a, b, c] = quota.counts;
    return [a, a + b, a + b + c];
  }
  const [p1, p2, p3] = quota.percents.map(toHundredths);
  const cut = (p: number) => roundShare(competitors * p, 100 * 100, quota.rounding);
  return [cut(p1), cut(p1 + p2), cut(p1 + p2 + p3)];
}

/**
 * Assigns prizes to ranked rows of one event and group.
 * - Only rows that competed count, both for the percentage base and for prizes.
 * - A row below the floor gets no prize and does not use up a place: the quota is the number of
 *   prizes to give, and the floor decides who may receive one (so the next contestant moves up).
 *   Floors compare the 2-decimal marks; a theory floor is ignored in an event without theory.
 * - Groups sharing a rank are taken whole: a group whose first member falls within prize k's
 *   cumulative quota all get prize k (the tie goes to the higher prize), and the places they
 *   take are counted, so later contestants may get a lower prize or none.
 * Output keeps the input order.
 */
export function assignPrizes(rows: readonly PrizeCandidate[], rule: PrizeRule): PrizeOutcome[] {
  const competed = rows.filter((r) => r.status === 'competed');
  for (const r of competed) {
    if (r.rank === null || !Number.isInteger(r.rank) || r.rank < 1) {
      throw new RankingError('PRIZE_RANK_MISSING', `Row ${r.id} competed but has no rank.`);
    }
  }
  const cuts = cumulativeQuota(rule.quota, competed.length);
  const outcomes = new Map<PrizeCandidate, PrizeOutcome>();
  const eligible: PrizeCandidate[] = [];
  for (const r of rows) {
    if (r.status !== 'competed') {
      outcomes.set(r, { id: r.id, rank: r.rank, prize: null, reason: 'did-not-compete' });
    } else if (belowFloor(r, rule.floor)) {
      outcomes.set(r, { id: r.id, rank: r.rank, prize: null, reason: 'below-floor' });
    } else {
      eligible.push(r);
    }
  }
  eligible.sort((a, b) => (a.rank as number) - (b.rank as number));
  let placesTaken = 0;
  let i = 0;
  while (i < eligible.length) {
    let j = i + 1;
    while (j < eligible.length && eligible[j].rank === eligible[i].rank) {
      j++;
    }
    if (rule.strictOrder && j - i > 1) {
      throw new RankingError(
        'PRIZE_SHARED_RANK',
        `The event demands a strict order but rank ${eligible[i].rank} is shared.`,
        { ids: eligible.slice(i, j).map((r) => r.id) },
      );
    }
    const level = cuts.findIndex((cut) => placesTaken < cut);
    const prize = level === -1 ? null : ((level + 1) as Prize);
    for (const r of eligible.slice(i, j)) {
      outcomes.set(r, {
        id: r.id,
        rank: r.rank,
        prize,
        reason: prize === null ? 'beyond-quota' : null,
      });
    }
    placesTaken += j - i;
    i = j;
  }
  return rows.map((r) => outcomes.get(r) as PrizeOutcome);
}

/** Throws PRIZE_QUOTA for counts or percentages that cannot be a quota. */
export function validateQuota(quota: QuotaRule): void {
  const values = quota.kind === 'fixed' ? quota.counts : quota.percents;
  const bad =
    values.length !== 3 ||
    values.some((v) => !Number.isFinite(v) || v < 0) ||
    (quota.kind === 'fixed' && values.some((v) => !Number.isInteger(v))) ||
    (quota.kind === 'percent' && values.reduce((a, b) => a + b, 0) > 100);
  if (bad) {
    throw new RankingError(
      'PRIZE_QUOTA',
      quota.kind === 'fixed'
        ? 'Fixed counts are three whole numbers ≥ 0.'
        : 'Percentages are three numbers ≥ 0 adding up to at most 100.',
      { quota },
    );
  }
}

function belowFloor(r: PrizeCandidate, floor: PrizeFloor | undefined): boolean {
  if (floor === undefined) {
    return false;
  }
  if (floor.practical !== undefined && toHundredths(r.practical) < toHundredths(floor.practical)) {
    return true;
  }
  return (
    floor.theory !== undefined &&
    r.theory !== null &&
    toHundredths(r.theory) < toHundredths(floor.theory)
  );
}

function roundShare(numerator: number, denominator: number, rounding: 'floor' | 'round' | 'ceil') {
  const q = Math.floor(numerator / denominator);
  const r = numerator - q * denominator;
  switch (rounding) {
    case 'floor':
      return q;
    case 'ceil':
      return r > 0 ? q + 1 : q;
    case 'round':
      return 2 * r >= denominator ? q + 1 : q;
  }
}

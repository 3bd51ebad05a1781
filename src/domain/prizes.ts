import type { ContestantGroup } from './competition';
import { RankingError } from './errors';
import { toHundredths } from './numbers';

/**
 * Prize quotas for one event and group (一、二、三等奖).
 * docs/domain.md, "Prizes": the quota is either fixed counts (e.g. 1 / 2 / 3) or percentages of those
 * who actually competed (e.g. 10% / 20% / 30%) with a rounding rule; a tie across a boundary gets
 * the higher prize; an optional floor (no prize below 60 in either part). Rules are data, set per
 * event and per group, since worker and student groups of one occupation often differ.
 */

export type Prize = 1 | 2 | 3;

/** 优胜奖 (honourable mention), stored as placing 4: a certificate, never a policy grant. */
export const HONOURABLE_MENTION = 4;
export type Placing = Prize | typeof HONOURABLE_MENTION;

/** Half up (the default: 0.5 → 1), down (floor) or up (ceiling), on the exact share. */
export const ROUNDINGS = ['half-up', 'down', 'up'] as const;
export type Rounding = (typeof ROUNDINGS)[number];

export type QuotaRule =
  | { kind: 'fixed'; counts: [number, number, number] }
  | {
      kind: 'percent';
      percents: [number, number, number];
      rounding: Rounding;
      /** Each prize with a positive percentage goes to at least one, where anyone competed. */
      minimumOne?: boolean;
    };

/** 优胜奖 below the third prize: a number of people, or down to a share of the field (cumulative). */
export type HonourableRule = { kind: 'count'; count: number } | { kind: 'share'; percent: number };

export interface PrizeFloor {
  total?: number;
  theory?: number;
  practical?: number;
}

/**
 * A tie across a boundary: 'higher' gives every tied contestant the higher prize (docs/domain.md
 * default); 'strict' never exceeds a prize's count, so a tied group that does not fit takes the
 * next prize down whole (or none).
 */
export const BOUNDARY_TIES = ['higher', 'strict'] as const;
export type BoundaryTie = (typeof BOUNDARY_TIES)[number];

/**
 * With fewer than `competitors` who competed: 'no-prize' gives none; 'lower-only' withholds the
 * first prize (those ranked within it take the second), as some provincial rules do.
 */
export const MINIMUM_FIELD_FORMS = ['no-prize', 'lower-only'] as const;
export interface MinimumField {
  competitors: number;
  form: (typeof MINIMUM_FIELD_FORMS)[number];
}

export interface PrizeRule {
  quota: QuotaRule;
  honourable?: HonourableRule | null;
  boundaryTie?: BoundaryTie;
  floor?: PrizeFloor | null;
  minimumField?: MinimumField | null;
}

/** One rule per group of an event; worker and student rules are configured separately. */
export type PrizeRulesByGroup = Record<ContestantGroup, PrizeRule>;

export type ContestStatus = 'competed' | 'absent' | 'withdrawn' | 'disqualified';

export interface PrizeCandidate {
  id: string | number;
  status: ContestStatus;
  /** From rankContestants; null for those who did not compete. */
  rank: number | null;
  theory: number | null;
  practical: number;
  total: number | null;
  /** Won a prize in the event's past editions and the event says such winners take none. */
  pastWinner?: boolean;
}

export type NoPrizeReason =
  'did-not-compete' | 'below-floor' | 'beyond-quota' | 'past-winner' | 'field-too-small';

export interface PrizeOutcome {
  id: string | number;
  rank: number | null;
  prize: Placing | null;
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
  const cuts: [number, number, number] = [cut(p1), cut(p1 + p2), cut(p1 + p2 + p3)];
  if (quota.minimumOne && competitors > 0) {
    let previous = 0;
    [p1, p2, p3].forEach((p, k) => {
      const least = p > 0 ? previous + 1 : previous;
      cuts[k] = Math.min(competitors, Math.max(cuts[k], least));
      previous = cuts[k];
    });
  }
  return cuts;
}

/** The cumulative places of all four placings (the 4th is 优胜奖), after the minimum field. */
export function placingCuts(rule: PrizeRule, competitors: number): number[] {
  const [c1, c2, c3] = cumulativeQuota(rule.quota, competitors);
  const honourable = rule.honourable ?? null;
  const c4 =
    honourable === null
      ? c3
      : honourable.kind === 'count'
        ? c3 + honourable.count
        : Math.max(
            c3,
            roundShare(
              competitors * toHundredths(honourable.percent),
              100 * 100,
              rule.quota.kind === 'percent' ? rule.quota.rounding : 'half-up',
            ),
          );
  const field = rule.minimumField ?? null;
  if (field !== null && competitors < field.competitors) {
    return field.form === 'no-prize' ? [0, 0, 0, 0] : [0, c2, c3, c4];
  }
  return [c1, c2, c3, c4];
}

/**
 * Assigns prizes to ranked rows of one event and group.
 * - Only rows that competed count, both for the percentage base and for prizes.
 * - A row below the floor, or a past prize-winner the event excludes, gets no prize and does not
 *   use up a place: the quota is the number of prizes to give, and the floor decides who may
 *   receive one (so the next contestant moves up). Floors compare the 2-decimal marks; a theory
 *   floor is ignored in an event without theory.
 * - Groups sharing a rank are taken whole: with boundaryTie 'higher' a group whose first member
 *   falls within prize k's cumulative quota all get prize k; with 'strict' the whole group must
 *   fit within it. The places they take are counted, so later contestants may get a lower prize
 *   or none. Placing 4 is 优胜奖.
 * Output keeps the input order.
 */
export function assignPrizes(rows: readonly PrizeCandidate[], rule: PrizeRule): PrizeOutcome[] {
  const competed = rows.filter((r) => r.status === 'competed');
  for (const r of competed) {
    if (r.rank === null || !Number.isInteger(r.rank) || r.rank < 1) {
      throw new RankingError('PRIZE_RANK_MISSING', `Row ${r.id} competed but has no rank.`);
    }
  }
  const cuts = placingCuts(rule, competed.length);
  const tooSmall = cuts[cuts.length - 1] === 0 && (rule.minimumField ?? null) !== null;
  const outcomes = new Map<PrizeCandidate, PrizeOutcome>();
  const none = (r: PrizeCandidate, reason: NoPrizeReason) =>
    outcomes.set(r, { id: r.id, rank: r.rank, prize: null, reason });
  const eligible: PrizeCandidate[] = [];
  for (const r of rows) {
    if (r.status !== 'competed') {
      none(r, 'did-not-compete');
    } else if (belowFloor(r, rule.floor ?? undefined)) {
      none(r, 'below-floor');
    } else if (r.pastWinner) {
      none(r, 'past-winner');
    } else if (tooSmall) {
      none(r, 'field-too-small');
    } else {
      eligible.push(r);
    }
  }
  eligible.sort((a, b) => (a.rank as number) - (b.rank as number));
  const strict = rule.boundaryTie === 'strict';
  let placesTaken = 0;
  let i = 0;
  while (i < eligible.length) {
    let j = i + 1;
    while (j < eligible.length && eligible[j].rank === eligible[i].rank) {
      j++;
    }
    const size = j - i;
    const level = cuts.findIndex((cut) => (strict ? placesTaken + size <= cut : placesTaken < cut));
    const prize = level === -1 ? null : ((level + 1) as Placing);
    for (const r of eligible.slice(i, j)) {
      outcomes.set(r, {
        id: r.id,
        rank: r.rank,
        prize,
        reason: prize === null ? 'beyond-quota' : null,
      });
    }
    placesTaken += size;
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
  if (
    floor.total !== undefined &&
    r.total !== null &&
    toHundredths(r.total) < toHundredths(floor.total)
  ) {
    return true;
  }
  return (
    floor.theory !== undefined &&
    r.theory !== null &&
    toHundredths(r.theory) < toHundredths(floor.theory)
  );
}

function roundShare(numerator: number, denominator: number, rounding: Rounding) {
  const q = Math.floor(numerator / denominator);
  const r = numerator - q * denominator;
  switch (rounding) {
    case 'down':
      return q;
    case 'up':
      return r > 0 ? q + 1 : q;
    case 'half-up':
      return 2 * r >= denominator ? q + 1 : q;
  }
}

import type { ContestantGroup } from './competition';
import type { RewardPolicy } from './policy';
import { assignPrizes, ContestStatus, NoPrizeReason, Prize, PrizeRule } from './prizes';
import type { QualificationLevel } from './qualification';
import { rankContestants, RankingOptions, totalMark, Weights } from './ranking';
import { Grant, grantsFor } from './rewards';

/** One contestant (or team member) of an event, as the results need them. */
export interface ResultInput {
  id: number;
  status: ContestStatus;
  theory: number | null;
  practical: number;
  timeUsedSeconds: number | null;
  currentLevel: QualificationLevel | null;
  teamSize: number;
}

export interface EventRules {
  group: ContestantGroup;
  weights: Weights;
  ranking: RankingOptions;
  prizes: PrizeRule;
}

export interface ResultRow {
  id: number;
  total: number | null;
  rank: number | null;
  tied: boolean;
  prize: Prize | null;
  noPrizeReason: NoPrizeReason | null;
  /** What the policy gives this person for the prize (null without a prize). */
  grant: Grant | null;
}

/**
 * The chain from marks to money for one event: weighted totals → ranking with the event's
 * tie-breaks → prizes by its quota and floor → each prize-winner's titles, upgrade and cash
 * under the edition's policy. Pure: the same inputs always give the same rows (idempotent).
 */
export function eventResults(
  rows: readonly ResultInput[],
  rules: EventRules,
  policy: RewardPolicy,
): ResultRow[] {
  const competed = rows.filter((r) => r.status === 'competed');
  const totals = new Map(
    competed.map((r) => [
      r.id,
      totalMark(
        rules.weights.theoryWeight > 0 ? (r.theory ?? 0) : null,
        r.practical,
        rules.weights,
      ),
    ]),
  );
  const ranked = new Map(
    rankContestants(
      competed.map((r) => ({
        id: r.id,
        total: totals.get(r.id)!,
        theory: r.theory,
        practical: r.practical,
        timeUsedSeconds: r.timeUsedSeconds,
      })),
      rules.ranking,
    ).map((r) => [r.id, r]),
  );
  const prizes = new Map(
    assignPrizes(
      rows.map((r) => ({
        id: r.id,
        status: r.status,
        rank: ranked.get(r.id)?.rank ?? null,
        theory: r.theory,
        practical: r.practical,
      })),
      rules.prizes,
    ).map((p) => [p.id, p]),
  );
  return rows.map((r) => {
    const outcome = prizes.get(r.id)!;
    const rank = ranked.get(r.id);
    return {
      id: r.id,
      total: totals.get(r.id) ?? null,
      rank: rank?.rank ?? null,
      tied: rank?.tied ?? false,
      prize: outcome.prize,
      noPrizeReason: outcome.reason,
      grant:
        outcome.prize === null
          ? null
          : grantsFor(
              {
                group: rules.group,
                prize: outcome.prize,
                currentLevel: r.currentLevel,
                teamSize: r.teamSize,
              },
              policy,
            ),
    };
  });
}

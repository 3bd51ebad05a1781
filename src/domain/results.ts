import type { EventOptions } from './event-rules';
import type { RewardPolicy } from './policy';
import { assignPrizes, ContestStatus, HONOURABLE_MENTION, NoPrizeReason, Placing } from './prizes';
import type { QualificationLevel } from './qualification';
import { rankContestants, totalMark, type Weights } from './ranking';
import { Grant, grantsFor } from './rewards';

/** One contestant (or team member) of an event, as the results need them. */
export interface ResultInput {
  id: number;
  status: ContestStatus;
  theory: number | null;
  /** Marked absent from theory by the chief judge with a reason: theory counts 0 (缺考). */
  theoryAbsent?: boolean;
  practical: number;
  timeUsedSeconds: number | null;
  currentLevel: QualificationLevel | null;
  teamSize: number;
  /** Module code → mark, for a tie-break chain that names a module. */
  modules?: Readonly<Record<string, number | null>>;
  /** A past prize-winner of an event that excludes them (EventOptions.pastWinnerEditions). */
  pastWinner?: boolean;
}

/** The options of one event, as `eventOptions` reads them from its stored rules. */
export type EventRules = Pick<EventOptions, 'group' | 'weights' | 'ranking' | 'prizes'>;

export interface ResultRow {
  id: number;
  total: number | null;
  rank: number | null;
  tied: boolean;
  /** Theory is 0 because the competitor was marked absent from it (printed 缺考). */
  theoryAbsent: boolean;
  prize: Placing | null;
  noPrizeReason: NoPrizeReason | null;
  /** What the policy gives this person for the prize (null without a prize). */
  grant: Grant | null;
}

/**
 * The chain from marks to money for one event: weighted totals → ranking with the event's
 * tie-breaks → prizes by its quota and floor → each prize-winner's titles, upgrade and cash
 * under the edition's policy (优胜奖 brings a certificate, no grant). Pure: the same inputs always give the same rows (idempotent).
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
      totalMark(rules.weights.theoryWeight > 0 ? theoryOf(r) : null, r.practical, rules.weights),
    ]),
  );
  const ranked = new Map(
    rankContestants(
      competed.map((r) => ({
        id: r.id,
        total: totals.get(r.id)!,
        theory: theoryOf(r),
        practical: r.practical,
        timeUsedSeconds: r.timeUsedSeconds,
        modules: r.modules,
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
        theory: theoryOf(r),
        practical: r.practical,
        total: totals.get(r.id) ?? null,
        pastWinner: r.pastWinner ?? false,
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
      theoryAbsent: rules.weights.theoryWeight > 0 && r.status === 'competed' && !!r.theoryAbsent,
      prize: outcome.prize,
      noPrizeReason: outcome.reason,
      grant:
        outcome.prize === null || outcome.prize === HONOURABLE_MENTION
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

/** A theory mark as the results count it: 0 for someone marked absent from theory. */
function theoryOf(r: ResultInput): number | null {
  return r.theoryAbsent ? 0 : r.theory;
}

/**
 * Who competed in an event that weighs theory but has no theory score and is not marked absent
 * from it: results must not be computed for them (a missing score used to count as 0 without
 * anyone noticing). Ids in input order.
 */
export function theoryMissing(rows: readonly ResultInput[], weights: Weights): number[] {
  if (weights.theoryWeight === 0) {
    return [];
  }
  return rows
    .filter((r) => r.status === 'competed' && r.theory === null && !r.theoryAbsent)
    .map((r) => r.id);
}

import { componentMark } from './marking';
import { rankContestants, RankingOptions, totalMark } from './ranking';

/** One work-piece's visible marks: only locked modules count on a live board (docs/domain.md). */
export interface StandingInput {
  entryId: number;
  workstationNo: number | null;
  /** Module code → its mark, for the modules visible so far. */
  modules: Record<string, number>;
  theory: number | null;
  timeUsedSeconds: number | null;
}

export interface StandingRow extends StandingInput {
  practical: number;
  total: number;
  rank: number;
  tied: boolean;
}

export interface StandingsConfig {
  theoryWeight: number;
  practicalWeight: number;
  ranking: RankingOptions;
}

/** Practical and total of one row from what is visible (a missing theory counts 0 until shown). */
function withTotals(input: StandingInput, config: StandingsConfig) {
  const practical = componentMark(Object.values(input.modules));
  const total = totalMark(config.theoryWeight > 0 ? (input.theory ?? 0) : null, practical, {
    theoryWeight: config.theoryWeight,
    practicalWeight: config.practicalWeight,
  });
  return { ...input, practical, total };
}

function rank(rows: ReturnType<typeof withTotals>[], config: StandingsConfig): StandingRow[] {
  return rankContestants(
    rows.map((r) => ({ ...r, id: r.entryId })),
    config.ranking,
  ).map(({ id: _id, ...row }) => row);
}

/** The whole table from scratch. */
export function computeStandings(
  inputs: readonly StandingInput[],
  config: StandingsConfig,
): StandingRow[] {
  return rank(
    inputs.map((i) => withTotals(i, config)),
    config,
  );
}

/**
 * A module was locked (marks given) or unlocked (marks null): only that module's marks enter or
 * leave each row; totals of the touched rows are recomputed and the table re-ranked. Gives the
 * same table as computeStandings over the same visible modules (property-tested).
 */
export function applyModule(
  rows: readonly StandingRow[],
  moduleCode: string,
  marks: ReadonlyMap<number, number> | null,
  config: StandingsConfig,
): StandingRow[] {
  const next = rows.map((row) => {
    const modules = { ...row.modules };
    const mark = marks?.get(row.entryId);
    if (marks === null || mark === undefined) {
      delete modules[moduleCode];
    } else {
      modules[moduleCode] = mark;
    }
    const { practical: _p, total: _t, rank: _r, tied: _d, ...input } = row;
    return withTotals({ ...input, modules }, config);
  });
  return rank(next, config);
}

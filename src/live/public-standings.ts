import type { StandingRow } from '../domain/standings';
import type { PublicRow, ScoredRow } from '../common/live-events';

export type { PublicRow, ScoredRow };

export const isScored = (row: PublicRow): row is ScoredRow => 'rank' in row;

/**
 * The board's rows. Before decryption (`names` null) sealed, in workstation order: no score
 * that a judge could tie to a work-piece code (README, "Live boards and the blind codes").
 */
export function toPublicRows(
  rows: readonly StandingRow[],
  names: ReadonlyMap<number, { name: string; unitName: string }> | null,
): PublicRow[] {
  const placed = rows.filter((r) => r.workstationNo !== null);
  if (names === null) {
    return placed
      .map((r) => ({
        workstationNo: r.workstationNo as number,
        lockedModules: Object.keys(r.modules).length,
      }))
      .sort((a, b) => a.workstationNo - b.workstationNo);
  }
  return placed.map((r): ScoredRow => ({
    workstationNo: r.workstationNo as number,
    lockedModules: Object.keys(r.modules).length,
    rank: r.rank,
    tied: r.tied,
    modules: r.modules,
    practical: r.practical,
    theory: r.theory,
    total: r.total,
    ...(names.get(r.entryId) ?? {}),
  }));
}

/** What a board must redraw: changed or new rows, and the workstations that disappeared. */
export function diffPublic(previous: readonly PublicRow[], next: readonly PublicRow[]) {
  const before = new Map(previous.map((r) => [r.workstationNo, JSON.stringify(r)]));
  const after = new Set(next.map((r) => r.workstationNo));
  return {
    changes: next.filter((r) => before.get(r.workstationNo) !== JSON.stringify(r)),
    removed: previous.map((r) => r.workstationNo).filter((w) => !after.has(w)),
  };
}

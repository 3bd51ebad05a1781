import type { StandingRow } from '../domain/standings';
import type { PublicRow } from './live-events';

export type { PublicRow };

export function toPublicRows(
  rows: readonly StandingRow[],
  names: ReadonlyMap<number, { name: string; unitName: string }> | null,
): PublicRow[] {
  return rows
    .filter((r) => r.workstationNo !== null)
    .map((r) => ({
      workstationNo: r.workstationNo as number,
      rank: r.rank,
      tied: r.tied,
      modules: r.modules,
      practical: r.practical,
      theory: r.theory,
      total: r.total,
      ...(names?.get(r.entryId) ?? {}),
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

import type { StandingRow } from '../domain/standings';

/** A row as the public sees it: keyed by workstation number; names only after decryption. */
export interface PublicRow {
  workstationNo: number;
  rank: number;
  tied: boolean;
  modules: Record<string, number>;
  practical: number;
  theory: number | null;
  total: number;
  name?: string;
  unitName?: string;
}

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

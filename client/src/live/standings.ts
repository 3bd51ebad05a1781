import type { PublicRow, ScoredRow, StandingsUpdate } from '../api/live';

/** Scores arrive only after decryption; before, a row is the workstation and its locked modules. */
export const isScored = (row: PublicRow): row is ScoredRow => 'rank' in row;

/** Board order: rank (scored rows first), then workstation number. */
export function sortRows(rows: Iterable<PublicRow>): PublicRow[] {
  const rank = (r: PublicRow) => (isScored(r) ? r.rank : Number.MAX_SAFE_INTEGER);
  return [...rows].sort((a, b) => rank(a) - rank(b) || a.workstationNo - b.workstationNo);
}

/** Applies one numbered update: changed rows replace theirs by workstation, removed ones go. */
export function applyUpdate(rows: readonly PublicRow[], update: StandingsUpdate): PublicRow[] {
  const byNo = new Map(rows.map((r) => [r.workstationNo, r]));
  for (const row of update.changes) {
    byNo.set(row.workstationNo, row);
  }
  for (const no of update.removed) {
    byNo.delete(no);
  }
  return sortRows(byNo.values());
}

/** Module codes that appear in any row, in code order. */
export function moduleCodes(rows: readonly PublicRow[]): string[] {
  return [...new Set(rows.filter(isScored).flatMap((r) => Object.keys(r.modules)))].sort();
}

/** The label of a row: name and unit once decrypted, else the workstation only. */
export function hasName(row: PublicRow): row is ScoredRow & { name: string } {
  return isScored(row) && typeof row.name === 'string' && row.name.length > 0;
}

export function mark(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : String(Math.round(value * 100) / 100);
}

/** Totals binned by 10 points, 0–100. */
export function histogram(rows: readonly PublicRow[]): number[] {
  const bins = Array.from({ length: 10 }, () => 0);
  for (const row of rows.filter(isScored)) {
    bins[Math.min(9, Math.max(0, Math.floor(row.total / 10)))] += 1;
  }
  return bins;
}

/**
 * Moving about the judge's sheet: cells in reading order (work-piece by work-piece, aspects
 * left to right), the next empty one after a confirm, and the arrow keys.
 */
export interface CellRef {
  aspectId: number;
  code: string;
}

export type Direction = 'up' | 'down' | 'left' | 'right';

export function sameCell(a: CellRef | null, b: CellRef | null): boolean {
  return !!a && !!b && a.aspectId === b.aspectId && a.code === b.code;
}

export function cellsInOrder(codes: readonly string[], aspectIds: readonly number[]): CellRef[] {
  return codes.flatMap((code) => aspectIds.map((aspectId) => ({ aspectId, code })));
}

/** The first empty cell after `from` (wrapping round), or null when every cell has a mark. */
export function nextEmpty(
  cells: readonly CellRef[],
  from: CellRef | null,
  isEmpty: (cell: CellRef) => boolean,
): CellRef | null {
  const start = from ? cells.findIndex((c) => sameCell(c, from)) : -1;
  for (let step = 1; step <= cells.length; step += 1) {
    const cell = cells[(start + step + cells.length) % cells.length];
    if (isEmpty(cell)) {
      return cell;
    }
  }
  return null;
}

/** The neighbour in a direction, staying on the sheet. */
export function move(
  codes: readonly string[],
  aspectIds: readonly number[],
  from: CellRef,
  direction: Direction,
): CellRef {
  const row = Math.max(0, codes.indexOf(from.code));
  const col = Math.max(0, aspectIds.indexOf(from.aspectId));
  const clamp = (v: number, n: number) => Math.min(n - 1, Math.max(0, v));
  const r = clamp(row + (direction === 'down' ? 1 : direction === 'up' ? -1 : 0), codes.length);
  const c = clamp(
    col + (direction === 'right' ? 1 : direction === 'left' ? -1 : 0),
    aspectIds.length,
  );
  return { code: codes[r], aspectId: aspectIds[c] };
}

/** Whether a ".5" key makes sense for the aspect's step (0.5 is on it). */
export function halfStepAllowed(step: number): boolean {
  return step < 1 && 50 % Math.max(1, Math.round(step * 100)) === 0;
}

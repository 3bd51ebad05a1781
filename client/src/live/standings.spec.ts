import { describe, expect, it } from 'vitest';
import type { PublicRow, ScoredRow, StandingsUpdate } from '../api/live';
import { applyUpdate, hasName, histogram, mark, moduleCodes, pagesOf, sortRows } from './standings';

const row = (workstationNo: number, rank: number, total: number): ScoredRow =>
  ({ workstationNo, rank, total, modules: {} }) as unknown as ScoredRow;
const scored = (rows: PublicRow[]) => rows as ScoredRow[];

const update = (changes: PublicRow[], removed: number[] = []): StandingsUpdate =>
  ({ seq: 2, changes, removed }) as unknown as StandingsUpdate;

describe('the board applies numbered updates', () => {
  it('replaces a changed row by workstation and keeps the others', () => {
    const rows = [row(1, 1, 90), row(2, 2, 80), row(3, 3, 70)];
    const next = applyUpdate(rows, update([row(3, 1, 95), row(1, 2, 90), row(2, 3, 80)]));
    expect(scored(next).map((r) => [r.workstationNo, r.rank, r.total])).toEqual([
      [3, 1, 95],
      [1, 2, 90],
      [2, 3, 80],
    ]);
    // The rows it was given are not changed: the board can compare before and after.
    expect(scored(rows).map((r) => r.rank)).toEqual([1, 2, 3]);
  });

  it('drops removed rows and adds new ones', () => {
    const next = applyUpdate([row(1, 1, 90), row(2, 2, 80)], update([row(9, 2, 85)], [2]));
    expect(next.map((r) => r.workstationNo)).toEqual([1, 9]);
  });

  it('orders shared ranks by workstation number', () => {
    expect(
      sortRows([row(7, 2, 80), row(3, 2, 80), row(5, 1, 99)]).map((r) => r.workstationNo),
    ).toEqual([5, 3, 7]);
  });
});

describe('histogram', () => {
  it.each<[number[], number[]]>([
    [
      [0, 9.99, 10],
      [2, 1, 0, 0, 0, 0, 0, 0, 0, 0],
    ],
    [
      [100, 99.99, 90],
      [0, 0, 0, 0, 0, 0, 0, 0, 0, 3],
    ],
    [
      [55.5, 61.6, 62.83],
      [0, 0, 0, 0, 0, 1, 2, 0, 0, 0],
    ],
  ])('bins totals %j into tens', (totals, bins) => {
    expect(histogram(totals.map((t, i) => row(i + 1, i + 1, t)))).toEqual(bins);
  });
});

describe('what a board prints', () => {
  it.each([
    [61.6, '61.60'],
    [0, '0.00'],
    [99.999, '100.00'],
    [null, '—'],
    [undefined, '—'],
  ])('prints the mark %s as %s', (value, text) => {
    expect(mark(value)).toBe(text);
  });

  it('pages rows by whole pages, always at least one', () => {
    expect(pagesOf([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(pagesOf([1, 2], 0.5)).toEqual([[1], [2]]);
    expect(pagesOf([], 10)).toEqual([[]]);
  });

  it('heads the columns with the modules any scored row has, and names only decrypted rows', () => {
    const sealed = { workstationNo: 3, lockedModules: 1 };
    const scored = {
      workstationNo: 1,
      lockedModules: 2,
      rank: 1,
      tied: false,
      modules: { B: 30, A: 40 },
      practical: 70,
      theory: null,
      total: 70,
    };
    expect(moduleCodes([sealed, scored])).toEqual(['A', 'B']);
    expect([hasName(sealed), hasName(scored), hasName({ ...scored, name: '张三' })]).toEqual([
      false,
      false,
      true,
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { cellsInOrder, halfStepAllowed, move, nextEmpty, sameCell, type CellRef } from './pad';

const codes = ['A01', 'A02', 'A03'];
const aspects = [11, 12];
const cells = cellsInOrder(codes, aspects);
const at = (code: string, aspectId: number): CellRef => ({ code, aspectId });

describe('the pad walks the sheet in reading order', () => {
  it('lists the cells work-piece by work-piece, aspects left to right', () => {
    expect(cells.map((c) => `${c.code}/${c.aspectId}`)).toEqual([
      'A01/11',
      'A01/12',
      'A02/11',
      'A02/12',
      'A03/11',
      'A03/12',
    ]);
  });

  it('starts on the first empty cell and moves to the next one after a confirm', () => {
    const filled = new Set(['A01/11', 'A02/11']);
    const isEmpty = (c: CellRef) => !filled.has(`${c.code}/${c.aspectId}`);
    expect(nextEmpty(cells, null, isEmpty)).toEqual(at('A01', 12));
    expect(nextEmpty(cells, at('A01', 12), isEmpty)).toEqual(at('A02', 12));
  });

  it('wraps round to an empty cell above, and answers null on a full sheet', () => {
    const isEmpty = (c: CellRef) => sameCell(c, at('A01', 11));
    expect(nextEmpty(cells, at('A03', 12), isEmpty)).toEqual(at('A01', 11));
    expect(nextEmpty(cells, at('A02', 11), () => false)).toBeNull();
  });

  it.each([
    ['down', at('A01', 11), at('A02', 11)],
    ['up', at('A02', 12), at('A01', 12)],
    ['right', at('A02', 11), at('A02', 12)],
    ['left', at('A02', 12), at('A02', 11)],
    // The edges hold: the arrow keys never leave the sheet.
    ['up', at('A01', 11), at('A01', 11)],
    ['down', at('A03', 12), at('A03', 12)],
    ['right', at('A03', 12), at('A03', 12)],
    ['left', at('A01', 11), at('A01', 11)],
  ] as const)('moves %s from %o to %o', (direction, from, to) => {
    expect(move(codes, aspects, from, direction)).toEqual(to);
  });

  it.each([
    [0.5, true],
    [0.25, true],
    [0.1, true],
    [0.01, true],
    [0.2, false],
    [0.3, false],
    [1, false],
    [2, false],
  ])('offers the .5 key for step %s: %s', (step, offered) => {
    expect(halfStepAllowed(step)).toBe(offered);
  });
});

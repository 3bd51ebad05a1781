import {
  DEFAULT_RECHECK_RULE,
  randomShare,
  RecheckCandidate,
  selectForRecheck,
  type RandomInt,
} from './recheck';

/** Pieces P1..Pn with strictly falling practical marks (P1 best); overrides by index. */
function field(n: number, overrides: Record<number, Partial<RecheckCandidate>> = {}) {
  return Array.from({ length: n }, (_, i) => ({
    workpieceCode: `P${i + 1}`,
    practical: 90 - i * 0.5,
    theory: 80,
    timeUsedSeconds: 3600,
    ...overrides[i],
  }));
}

/** A deterministic stand-in for the CSPRNG (xorshift32). */
function stream(seed: number): RandomInt {
  let x = seed || 1;
  return (bound) => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) % bound;
  };
}

const codes = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => `P${from + i}`);

describe('selectForRecheck: the top 10 plus 15 % of the rest at random', () => {
  it('keeps the 2015-practice defaults', () => {
    expect(DEFAULT_RECHECK_RULE).toEqual({ top: 10, randomPercent: 15 });
  });

  it.each([
    // [pieces, top, drawn at random, why]
    [1, 1, 0, 'one piece: it is the top'],
    [7, 7, 0, 'fewer than 10: everyone is in the top, nobody left to draw'],
    [10, 10, 0, 'exactly 10: the top only'],
    [11, 10, 1, '11: one left, 15 % of 1 rounds up to 1'],
    [16, 10, 1, '16: 15 % of 6 = 0.9 → 1'],
    [17, 10, 2, '17: 15 % of 7 = 1.05 → 2'],
    [30, 10, 3, '30: 15 % of 20 = 3 exactly, no rounding'],
    [31, 10, 4, '31: 15 % of 21 = 3.15 → 4'],
    [100, 10, 14, '100: 15 % of 90 = 13.5 → 14'],
  ])('%i pieces → top %i, %i at random (%s)', (n, top, random) => {
    const selection = selectForRecheck(field(n), stream(n));
    expect(selection.top).toEqual(codes(1, top));
    expect(selection.random).toHaveLength(random);
    const rest = new Set(codes(top + 1, n));
    for (const code of selection.random) {
      expect(rest.has(code)).toBe(true);
    }
  });

  it.each([
    [
      'a tie for 10th that the chain cannot break: all tied pieces are in',
      field(13, {
        9: { practical: 85 },
        10: { practical: 85 },
        11: { practical: 85 },
      }),
      codes(1, 12),
    ],
    [
      'three sharing 9th (ranks 9, 9, 9, then 12): the top has 11',
      field(13, {
        8: { practical: 86 },
        9: { practical: 86 },
        10: { practical: 86 },
      }),
      codes(1, 11),
    ],
    [
      'a tie for 10th broken by less time used',
      field(12, {
        9: { practical: 85, timeUsedSeconds: 3000 },
        10: { practical: 85, timeUsedSeconds: 2000 },
      }),
      [...codes(1, 9), 'P11'],
    ],
    [
      'a tie for 10th broken by theory when the times are equal',
      field(12, {
        9: { practical: 85, theory: 70 },
        10: { practical: 85, theory: 75 },
      }),
      [...codes(1, 9), 'P11'],
    ],
    [
      'a missing time ranks after a recorded one',
      field(12, {
        9: { practical: 85, timeUsedSeconds: null },
        10: { practical: 85, timeUsedSeconds: 5000 },
      }),
      [...codes(1, 9), 'P11'],
    ],
    [
      'a missing theory counts as 0',
      field(12, {
        9: { practical: 85, theory: null },
        10: { practical: 85, theory: 1 },
      }),
      [...codes(1, 9), 'P11'],
    ],
    [
      'ranked by practical only, in ranking order whatever the input order',
      field(11, { 0: { practical: 10, theory: 100 } }).reverse(),
      codes(2, 11),
    ],
  ])('%s', (_why, candidates, top) => {
    const selection = selectForRecheck(candidates, stream(7));
    expect(selection.top).toEqual(top);
    const topSet = new Set(top);
    const rest = candidates.filter((c) => !topSet.has(c.workpieceCode)).length;
    expect(selection.random).toHaveLength(randomShare(rest, 15));
  });

  it.each([
    ['a CSPRNG-like stream', stream(339)],
    ['a source that always answers 0', () => 0],
    ['a source that always answers bound − 1', (bound: number) => bound - 1],
  ])('draws no piece twice and none from the top, with %s', (_label, randomInt: RandomInt) => {
    const selection = selectForRecheck(field(200), randomInt);
    const all = [...selection.top, ...selection.random];
    expect(new Set(all).size).toBe(all.length);
    expect(selection.random).toHaveLength(randomShare(190, 15));
  });

  it('takes its randomness only from the injected source: same answers, same list', () => {
    const calls: number[] = [];
    const spy: RandomInt = (bound) => {
      calls.push(bound);
      return stream(42)(bound);
    };
    selectForRecheck(field(60), spy);
    // 32 random bytes key the shuffle.
    expect(calls).toEqual(Array(32).fill(256));
    expect(selectForRecheck(field(60), stream(5))).toEqual(selectForRecheck(field(60), stream(5)));
    const lists = new Set(
      [1, 2, 3, 4, 5, 6].map((s) => selectForRecheck(field(60), stream(s)).random.join()),
    );
    expect(lists.size).toBeGreaterThan(1);
  });

  it('gives every piece outside the top about the same chance', () => {
    const seen = new Map<string, number>();
    const runs = 600;
    for (let s = 1; s <= runs; s += 1) {
      for (const code of selectForRecheck(field(30), stream(s * 2654435761)).random) {
        seen.set(code, (seen.get(code) ?? 0) + 1);
      }
    }
    // 3 of 20 per run: 90 expected each.
    expect([...seen.keys()].sort()).toEqual(codes(11, 30).sort());
    for (const count of seen.values()) {
      expect(count).toBeGreaterThan(60);
      expect(count).toBeLessThan(120);
    }
  });

  it('refuses a work-piece code listed twice', () => {
    const candidates = field(3);
    candidates[2].workpieceCode = 'P1';
    expect(() => selectForRecheck(candidates, stream(1))).toThrow(
      expect.objectContaining({ code: 'RECHECK_DUPLICATE_CODE' }),
    );
  });

  it('follows another rule when given one', () => {
    const selection = selectForRecheck(field(25), stream(3), { top: 3, randomPercent: 50 });
    expect(selection.top).toEqual(codes(1, 3));
    expect(selection.random).toHaveLength(11);
  });
});

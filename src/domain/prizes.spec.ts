import {
  assignPrizes,
  cumulativeQuota,
  type PrizeCandidate,
  type PrizeRule,
  type QuotaRule,
} from './prizes';

const fixed = (a: number, b: number, c: number): QuotaRule => ({
  kind: 'fixed',
  counts: [a, b, c],
});
const pct = (
  rounding: 'floor' | 'round' | 'ceil',
  p: [number, number, number] = [10, 20, 30],
): QuotaRule => ({
  kind: 'percent',
  percents: p,
  rounding,
});

/** Rows from a compact rank list: `ranks[i]` is contestant c{i+1}'s rank. */
const rowsFromRanks = (ranks: number[]): PrizeCandidate[] =>
  ranks.map((rank, i) => ({
    id: `c${i + 1}`,
    status: 'competed',
    rank,
    theory: 80,
    practical: 80,
  }));

/** Prizes as a compact string: '1' '2' '3' or '-' for none, in input order. */
const prizes = (rows: PrizeCandidate[], rule: PrizeRule) =>
  assignPrizes(rows, rule)
    .map((o) => o.prize ?? '-')
    .join('');

describe('cumulativeQuota', () => {
  it.each<[string, QuotaRule, number, [number, number, number]]>([
    ['fixed 1/2/3', fixed(1, 2, 3), 40, [1, 3, 6]],
    ['fixed, fewer competitors than prizes', fixed(1, 2, 3), 2, [1, 3, 6]],
    ['10/20/30 of 20, round', pct('round'), 20, [2, 6, 12]],
    ['10/20/30 of 25, round: cumulative 2.5→3, 7.5→8, 15', pct('round'), 25, [3, 8, 15]],
    ['10/20/30 of 25, floor', pct('floor'), 25, [2, 7, 15]],
    ['10/20/30 of 25, ceil', pct('ceil'), 25, [3, 8, 15]],
    ['10/20/30 of 7, round: 0.7→1, 2.1→2, 4.2→4', pct('round'), 7, [1, 2, 4]],
    ['10/20/30 of 7, floor', pct('floor'), 7, [0, 2, 4]],
    ['10/20/30 of 7, ceil', pct('ceil'), 7, [1, 3, 5]],
    [
      'per-prize rounding would drift: 15/15/15 of 9, round',
      pct('round', [15, 15, 15]),
      9,
      [1, 3, 4],
    ],
    ['no competitors', pct('ceil'), 0, [0, 0, 0]],
  ])('%s', (_label, quota, n, expected) => {
    expect(cumulativeQuota(quota, n)).toEqual(expected);
  });

  it.each<[string, QuotaRule]>([
    ['negative count', fixed(1, -1, 3)],
    ['fractional count', fixed(1, 1.5, 3)],
    ['percentages over 100', pct('round', [40, 40, 30])],
    ['negative percentage', pct('round', [-10, 20, 30])],
  ])('rejects %s', (_label, quota) => {
    expect(() => cumulativeQuota(quota, 10)).toThrow(
      expect.objectContaining({ code: 'PRIZE_QUOTA' }),
    );
  });
});

describe('assignPrizes', () => {
  // Golden table: ranks in, prizes out. Ties on each boundary go to the higher prize, and the
  // places they take are counted (cumulative quota), so contestants after them lose out.
  it.each<[string, QuotaRule, number[], string]>([
    ['fixed 1/2/3, no ties', fixed(1, 2, 3), [1, 2, 3, 4, 5, 6, 7, 8], '122333--'],
    ['tie on the 1st/2nd boundary', fixed(1, 2, 3), [1, 1, 3, 4, 5, 6, 7], '112333-'],
    ['tie on the 2nd/3rd boundary', fixed(1, 2, 3), [1, 2, 3, 3, 5, 6, 7], '122233-'],
    ['tie on the 3rd/none boundary', fixed(1, 2, 3), [1, 2, 3, 4, 5, 6, 6, 8], '1223333-'],
    ['three-way tie for first', fixed(1, 2, 3), [1, 1, 1, 4, 5, 6, 7], '111333-'],
    ['tie spanning two boundaries', fixed(1, 2, 3), [1, 2, 2, 2, 2, 6, 7], '122223-'],
    ['fixed 1/1/1', fixed(1, 1, 1), [1, 2, 3, 4], '123-'],
    ['no first prize (0/2/3)', fixed(0, 2, 3), [1, 2, 3, 4, 5, 6], '22333-'],
    ['fewer competitors than prizes', fixed(1, 2, 3), [1, 2, 3], '122'],
    ['10/20/30 of 10, round', pct('round'), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], '122333----'],
    ['10/20/30 of 10, tie at 6th', pct('round'), [1, 2, 3, 4, 5, 6, 6, 8, 9, 10], '1223333---'],
    ['10/20/30 of 7, floor: no first prize', pct('floor'), [1, 2, 3, 4, 5, 6, 7], '2233---'],
    ['10/20/30 of 7, ceil', pct('ceil'), [1, 2, 3, 4, 5, 6, 7], '12233--'],
  ])('%s', (_label, quota, ranks, expected) => {
    expect(prizes(rowsFromRanks(ranks), { quota })).toBe(expected);
  });

  it('counts only those who competed for percentages, and says who did not', () => {
    // 10 entered, 8 competed: 10/20/30 of 8 with round → 0.8→1, 2.4→2, 4.8→5.
    const rows = rowsFromRanks([1, 2, 3, 4, 5, 6, 7, 8]);
    rows.push(
      { id: 'x1', status: 'absent', rank: null, theory: null, practical: 0 },
      { id: 'x2', status: 'disqualified', rank: null, theory: 90, practical: 95 },
    );
    const out = assignPrizes(rows, { quota: pct('round') });
    expect(out.map((o) => o.prize ?? '-').join('')).toBe('12333-----');
    expect(out.slice(5).map((o) => o.reason)).toEqual([
      'beyond-quota',
      'beyond-quota',
      'beyond-quota',
      'did-not-compete',
      'did-not-compete',
    ]);
  });

  it.each<[string, { theory?: number; practical?: number }, string, (string | null)[]]>([
    [
      'practical floor 60',
      { practical: 60 },
      '1-2233',
      [null, 'below-floor', null, null, null, null],
    ],
    ['theory floor 60', { theory: 60 }, '12-233', [null, null, 'below-floor', null, null, null]],
    [
      'both floors',
      { theory: 60, practical: 60 },
      '1--223',
      [null, 'below-floor', 'below-floor', null, null, null],
    ],
    [
      'a mark equal to the floor passes',
      { practical: 60.01 },
      '1-2233',
      [null, 'below-floor', null, null, null, null],
    ],
  ])('floor: %s', (_label, floor, expected, reasons) => {
    const marks: [number, number][] = [
      [90, 90],
      [85, 59.99],
      [55, 95],
      [70, 70],
      [80, 60.01],
      [60, 65],
    ];
    const rows: PrizeCandidate[] = marks.map(([theory, practical], i) => ({
      id: `c${i + 1}`,
      status: 'competed',
      rank: i + 1,
      theory,
      practical,
    }));
    const out = assignPrizes(rows, { quota: fixed(1, 2, 3), floor });
    expect(out.map((o) => o.prize ?? '-').join('')).toBe(expected);
    expect(out.map((o) => (o.reason === 'below-floor' ? o.reason : null))).toEqual(reasons);
  });

  it('ignores a theory floor in an event without theory', () => {
    const rows: PrizeCandidate[] = [
      { id: 'a', status: 'competed', rank: 1, theory: null, practical: 90 },
    ];
    expect(assignPrizes(rows, { quota: fixed(1, 0, 0), floor: { theory: 60 } })[0].prize).toBe(1);
  });

  it('keeps the input order and does not trust it for rank order', () => {
    const rows = rowsFromRanks([3, 1, 2, 4]);
    expect(prizes(rows, { quota: fixed(1, 1, 1) })).toBe('312-');
  });

  it('in strict order, a shared rank is an error', () => {
    expect(() =>
      assignPrizes(rowsFromRanks([1, 2, 2, 4]), { quota: fixed(1, 2, 3), strictOrder: true }),
    ).toThrow(expect.objectContaining({ code: 'PRIZE_SHARED_RANK' }));
    expect(prizes(rowsFromRanks([1, 2, 3, 4]), { quota: fixed(1, 2, 3), strictOrder: true })).toBe(
      '1223',
    );
  });

  it('rejects a competitor without a rank', () => {
    const rows: PrizeCandidate[] = [
      { id: 'a', status: 'competed', rank: null, theory: 1, practical: 1 },
    ];
    expect(() => assignPrizes(rows, { quota: fixed(1, 2, 3) })).toThrow(
      expect.objectContaining({ code: 'PRIZE_RANK_MISSING' }),
    );
  });
});

import {
  assignPrizes,
  HONOURABLE_MENTION,
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
  rounding: 'half-up' | 'down' | 'up',
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
    total: 80,
  }));

/** Prizes as a compact string: '1' '2' '3', 'H' for 优胜奖, '-' for none, in input order. */
const prizes = (rows: PrizeCandidate[], rule: PrizeRule) =>
  assignPrizes(rows, rule)
    .map((o) => (o.prize === HONOURABLE_MENTION ? 'H' : (o.prize ?? '-')))
    .join('');

describe('cumulativeQuota', () => {
  it.each<[string, QuotaRule, number, [number, number, number]]>([
    ['fixed 1/2/3', fixed(1, 2, 3), 40, [1, 3, 6]],
    ['fixed, fewer competitors than prizes', fixed(1, 2, 3), 2, [1, 3, 6]],
    ['10/20/30 of 20, half-up', pct('half-up'), 20, [2, 6, 12]],
    ['10/20/30 of 25, half-up: cumulative 2.5→3, 7.5→8, 15', pct('half-up'), 25, [3, 8, 15]],
    ['10/20/30 of 25, down', pct('down'), 25, [2, 7, 15]],
    ['10/20/30 of 25, up', pct('up'), 25, [3, 8, 15]],
    ['10/20/30 of 7, half-up: 0.7→1, 2.1→2, 4.2→4', pct('half-up'), 7, [1, 2, 4]],
    ['10/20/30 of 7, down', pct('down'), 7, [0, 2, 4]],
    ['10/20/30 of 7, up', pct('up'), 7, [1, 3, 5]],
    [
      'per-prize rounding would drift: 15/15/15 of 9, half-up',
      pct('half-up', [15, 15, 15]),
      9,
      [1, 3, 4],
    ],
    ['no competitors', pct('up'), 0, [0, 0, 0]],
  ])('%s', (_label, quota, n, expected) => {
    expect(cumulativeQuota(quota, n)).toEqual(expected);
  });

  it.each<[string, QuotaRule]>([
    ['negative count', fixed(1, -1, 3)],
    ['fractional count', fixed(1, 1.5, 3)],
    ['percentages over 100', pct('half-up', [40, 40, 30])],
    ['negative percentage', pct('half-up', [-10, 20, 30])],
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
    ['10/20/30 of 10, half-up', pct('half-up'), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], '122333----'],
    ['10/20/30 of 10, tie at 6th', pct('half-up'), [1, 2, 3, 4, 5, 6, 6, 8, 9, 10], '1223333---'],
    ['10/20/30 of 7, down: no first prize', pct('down'), [1, 2, 3, 4, 5, 6, 7], '2233---'],
    ['10/20/30 of 7, up', pct('up'), [1, 2, 3, 4, 5, 6, 7], '12233--'],
  ])('%s', (_label, quota, ranks, expected) => {
    expect(prizes(rowsFromRanks(ranks), { quota })).toBe(expected);
  });

  it('counts only those who competed for percentages, and says who did not', () => {
    // 10 entered, 8 competed: 10/20/30 of 8 with half-up → 0.8→1, 2.4→2, 4.8→5.
    const rows = rowsFromRanks([1, 2, 3, 4, 5, 6, 7, 8]);
    rows.push(
      { id: 'x1', status: 'absent', rank: null, theory: null, practical: 0, total: null },
      { id: 'x2', status: 'disqualified', rank: null, theory: 90, practical: 95, total: 93.5 },
    );
    const out = assignPrizes(rows, { quota: pct('half-up') });
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
      total: theory * 0.3 + practical * 0.7,
    }));
    const out = assignPrizes(rows, { quota: fixed(1, 2, 3), floor });
    expect(out.map((o) => o.prize ?? '-').join('')).toBe(expected);
    expect(out.map((o) => (o.reason === 'below-floor' ? o.reason : null))).toEqual(reasons);
  });

  it('ignores a theory floor in an event without theory', () => {
    const rows: PrizeCandidate[] = [
      { id: 'a', status: 'competed', rank: 1, theory: null, practical: 90, total: 90 },
    ];
    expect(assignPrizes(rows, { quota: fixed(1, 0, 0), floor: { theory: 60 } })[0].prize).toBe(1);
  });

  it('keeps the input order and does not trust it for rank order', () => {
    const rows = rowsFromRanks([3, 1, 2, 4]);
    expect(prizes(rows, { quota: fixed(1, 1, 1) })).toBe('312-');
  });

  it('rejects a competitor without a rank', () => {
    const rows: PrizeCandidate[] = [
      { id: 'a', status: 'competed', rank: null, theory: 1, practical: 1, total: 1 },
    ];
    expect(() => assignPrizes(rows, { quota: fixed(1, 2, 3) })).toThrow(
      expect.objectContaining({ code: 'PRIZE_RANK_MISSING' }),
    );
  });
});

describe('assignPrizes: the rules an organiser sets', () => {
  const ten = rowsFromRanks([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);

  it.each<[string, PrizeRule, number[], string]>([
    // 优胜奖 (honourable mention) below the third prize, as a count or a cumulative share.
    [
      '优胜奖 as a count of 2',
      { quota: fixed(1, 2, 3), honourable: { kind: 'count', count: 2 } },
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
      '122333HH--',
    ],
    [
      '优胜奖 down to 80 % of the field',
      { quota: fixed(1, 2, 3), honourable: { kind: 'share', percent: 80 } },
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
      '122333HH--',
    ],
    [
      '优胜奖 share below the prizes gives none',
      { quota: fixed(1, 2, 3), honourable: { kind: 'share', percent: 50 } },
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
      '122333----',
    ],
    [
      'a tie on the 3rd/优胜奖 boundary gets the 3rd',
      { quota: fixed(1, 2, 3), honourable: { kind: 'count', count: 2 } },
      [1, 2, 3, 4, 5, 6, 6, 8, 9, 10],
      '1223333H--',
    ],
    // A tie across a boundary: the higher prize for all (default) or strictly by the count.
    [
      'higher: tie on 2nd/3rd',
      { quota: fixed(1, 4, 3), boundaryTie: 'higher' },
      [1, 2, 3, 4, 5, 5, 7, 8, 9],
      '12222233-',
    ],
    [
      'strict: tie on 2nd/3rd takes the 3rd',
      { quota: fixed(1, 4, 3), boundaryTie: 'strict' },
      [1, 2, 3, 4, 5, 5, 7, 8, 9],
      '12223333-',
    ],
    [
      'strict: tie on 1st/2nd takes the 2nd',
      { quota: fixed(1, 2, 3), boundaryTie: 'strict' },
      [1, 1, 3, 4, 5, 6, 7],
      '222333-',
    ],
    [
      'strict: tie on 3rd/none takes nothing',
      { quota: fixed(1, 2, 3), boundaryTie: 'strict' },
      [1, 2, 3, 4, 5, 6, 6],
      '12233--',
    ],
    [
      'strict: a tie within a prize is fine',
      { quota: fixed(1, 2, 3), boundaryTie: 'strict' },
      [1, 2, 2, 4, 5, 6, 7],
      '122333-',
    ],
    // Minimum of one per prize with a positive percentage, where anyone competed.
    [
      '10/20/30 of 3, down, no minimum: the one prize is a 3rd',
      { quota: pct('down') },
      [1, 2, 3],
      '3--',
    ],
    [
      '10/20/30 of 3, down, minimum one',
      { quota: { ...pct('down'), minimumOne: true } as QuotaRule },
      [1, 2, 3],
      '123',
    ],
    [
      '10/20/30 of 7, down, minimum one',
      { quota: { ...pct('down'), minimumOne: true } as QuotaRule },
      [1, 2, 3, 4, 5, 6, 7],
      '1233---',
    ],
    [
      '0/20/30 of 3, minimum one skips the 0 %',
      { quota: { ...pct('down', [0, 20, 30]), minimumOne: true } as QuotaRule },
      [1, 2, 3],
      '23-',
    ],
    // Minimum field: with fewer than N competitors, no prize, or only the lower prizes.
    [
      'field of 10 < 12: no prize',
      { quota: fixed(1, 2, 3), minimumField: { competitors: 12, form: 'no-prize' } },
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
      '----------',
    ],
    [
      'field of 10 < 12: lower prizes only',
      { quota: fixed(1, 2, 3), minimumField: { competitors: 12, form: 'lower-only' } },
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
      '222333----',
    ],
    [
      'field of 10 = 10: all prizes',
      { quota: fixed(1, 2, 3), minimumField: { competitors: 10, form: 'no-prize' } },
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
      '122333----',
    ],
  ])('%s', (_label, rule, ranks, expected) => {
    expect(prizes(rowsFromRanks(ranks), rule)).toBe(expected);
  });

  it('a total floor removes those below it and the next in line moves up', () => {
    const rows = ten.map((r, i) => ({ ...r, total: 90 - i * 5 })); // 90, 85, …, 45
    const out = assignPrizes(rows, { quota: fixed(1, 2, 3), floor: { total: 70 } });
    expect(out.map((o) => o.prize ?? '-').join('')).toBe('12233-----');
    expect(out.map((o) => o.reason)[5]).toBe('below-floor');
  });

  it('past prize-winners take no prize; the next in line moves up; the base stays those who competed', () => {
    const rows = ten.map((r) => ({ ...r, pastWinner: r.id === 'c1' || r.id === 'c4' }));
    const out = assignPrizes(rows, { quota: pct('half-up') });
    // 10/20/30 % of 10 (both past winners competed): 1 / 2 / 3 places for c2, c3, c5, …
    expect(out.map((o) => o.prize ?? '-').join('')).toBe('-12-2333--');
    expect(out[0].reason).toBe('past-winner');
    expect(out[3].reason).toBe('past-winner');
  });

  it('a minimum field says why nobody got a prize', () => {
    const out = assignPrizes(rowsFromRanks([1, 2]), {
      quota: fixed(1, 0, 0),
      minimumField: { competitors: 3, form: 'no-prize' },
    });
    expect(out.map((o) => o.reason)).toEqual(['field-too-small', 'field-too-small']);
  });
});

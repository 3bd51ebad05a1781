import { rankContestants, type RankingOptions, type RankingRow, totalMark } from './ranking';

describe('totalMark', () => {
  it.each<[number | null, number, number, number, number]>([
    [80, 90, 30, 70, 87],
    [85.5, 92.25, 30, 70, 90.23], // 25.65 + 64.575 = 90.225 → half up
    [0.1, 0.2, 30, 70, 0.17], // 0.03 + 0.14
    [60, 70.35, 30, 70, 67.25], // 18 + 49.245 = 67.245 → 67.25
    [null, 88.88, 0, 100, 88.88],
    [75, 88.88, 0, 100, 88.88], // theory weight 0: theory ignored
    [100, 100, 30, 70, 100],
    [99.99, 0, 50, 50, 50], // 49.995 → 50
  ])('theory %p, practical %p at %i/%i → %p', (theory, practical, tw, pw, expected) => {
    expect(totalMark(theory, practical, { theoryWeight: tw, practicalWeight: pw })).toBe(expected);
  });

  it('defaults to 30/70', () => {
    expect(totalMark(80, 90)).toBe(87);
  });

  it.each<[number | null, number, number, number, string]>([
    [null, 80, 30, 70, 'RANKING_THEORY_MISSING'],
    [80, 80, 30, 60, 'RANKING_WEIGHTS'],
    [80, 80, 30.5, 69.5, 'RANKING_WEIGHTS'],
    [101, 80, 30, 70, 'RANKING_MARK_RANGE'],
    [80, -1, 30, 70, 'RANKING_MARK_RANGE'],
  ])('rejects theory %p practical %p at %p/%p with %s', (theory, practical, tw, pw, code) => {
    expect(() => totalMark(theory, practical, { theoryWeight: tw, practicalWeight: pw })).toThrow(
      expect.objectContaining({ code }),
    );
  });
});

const row = (
  id: string,
  total: number,
  practical: number,
  time: number | null = 3600,
  theory: number | null = 80,
): RankingRow => ({ id, total, practical, theory, timeUsedSeconds: time });

const ranks = (rows: RankingRow[], options?: RankingOptions) =>
  rankContestants(rows, options).map((r) => `${r.id}:${r.rank}${r.tied ? '=' : ''}`);

describe('rankContestants', () => {
  it.each<[string, RankingRow[], string[]]>([
    ['by total', [row('a', 80, 80), row('b', 90, 90), row('c', 85, 85)], ['b:1', 'c:2', 'a:3']],
    ['equal total: higher practical first', [row('a', 87, 85), row('b', 87, 90)], ['b:1', 'a:2']],
    [
      'equal practical: less time first',
      [row('a', 87, 90, 3000), row('b', 87, 90, 2900)],
      ['b:1', 'a:2'],
    ],
    [
      'missing time ranks after a recorded time',
      [row('a', 87, 90, null), row('b', 87, 90, 5000)],
      ['b:1', 'a:2'],
    ],
    [
      'equal time: higher theory first',
      [row('a', 87, 90, 3000, 70), row('b', 87, 90, 3000, 75)],
      ['b:1', 'a:2'],
    ],
    [
      'all equal: shared rank 1, 1, 3',
      [row('c', 70, 70), row('b', 87, 90), row('a', 87, 90)],
      ['a:1=', 'b:1=', 'c:3'],
    ],
    [
      'three-way tie in the middle: 1, 2, 2, 2, 5',
      [row('e', 60, 60), row('d', 80, 80), row('c', 80, 80), row('b', 80, 80), row('a', 95, 95)],
      ['a:1', 'b:2=', 'c:2=', 'd:2=', 'e:5'],
    ],
    [
      'differences below a hundredth are not published, so they do not rank',
      [row('a', 87.001, 90), row('b', 87, 90)],
      ['a:1=', 'b:1='],
    ],
  ])('%s', (_label, rows, expected) => {
    expect(ranks(rows)).toEqual(expected);
  });

  it.each<[string, RankingOptions, string[]]>([
    [
      'default chain',
      { tieBreak: ['practical', 'time', 'theory'], sharedRanks: true },
      ['b:1', 'a:2', 'c:3'],
    ],
    [
      'theory first',
      { tieBreak: ['theory', 'practical'], sharedRanks: true },
      ['c:1', 'a:2', 'b:3'],
    ],
    ['time first', { tieBreak: ['time'], sharedRanks: true }, ['a:1', 'c:2', 'b:3']],
    ['no chain: everyone shares', { tieBreak: [], sharedRanks: true }, ['a:1=', 'b:1=', 'c:1=']],
    ['no chain, strict: by id', { tieBreak: [], sharedRanks: false }, ['a:1=', 'b:2=', 'c:3=']],
  ])('chain: %s', (_label, options, expected) => {
    const rows = [
      row('a', 87, 89, 2000, 80.5),
      row('b', 87, 90, 3000, 78),
      row('c', 87, 88, 2500, 82),
    ];
    expect(ranks(rows, options)).toEqual(expected);
  });

  it('strict order breaks a full tie by id and says so', () => {
    const rows = [row('z9', 87, 90), row('a1', 87, 90), row('m5', 90, 90)];
    expect(ranks(rows, { tieBreak: ['practical', 'time', 'theory'], sharedRanks: false })).toEqual([
      'm5:1',
      'a1:2=',
      'z9:3=',
    ]);
  });

  it('orders numeric ids numerically', () => {
    const rows = [10, 9, 100].map((id) => ({ ...row('x', 80, 80), id }));
    expect(rankContestants(rows, { tieBreak: [], sharedRanks: false }).map((r) => r.id)).toEqual([
      9, 10, 100,
    ]);
  });

  it.each<[string, RankingRow[], string]>([
    ['duplicate id', [row('a', 80, 80), row('a', 70, 70)], 'RANKING_DUPLICATE_ID'],
    ['negative time', [row('a', 80, 80, -1)], 'RANKING_TIME'],
  ])('rejects %s', (_label, rows, code) => {
    expect(() => rankContestants(rows)).toThrow(expect.objectContaining({ code }));
  });

  it('keeps extra fields of the rows', () => {
    const [ranked] = rankContestants([{ ...row('a', 80, 80), name: '王建国' }]);
    expect(ranked).toMatchObject({ name: '王建国', rank: 1, tied: false });
  });

  // Property: the ranking of a set of rows does not depend on the order they arrive in.
  describe('is independent of input order', () => {
    const random = mulberry32(20251128);
    const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)];
    const rows: RankingRow[] = Array.from({ length: 40 }, (_, i) => {
      const theory = pick([55, 60, 72.5, 80, 80.01, 95]);
      const practical = pick([50, 70.35, 88, 88.5, 90]);
      return {
        id: `c${String(i).padStart(2, '0')}`,
        theory,
        practical,
        total: totalMark(theory, practical),
        timeUsedSeconds: pick([null, 1800, 2400, 2400, 3600]),
      };
    });
    it.each([
      [{ tieBreak: ['practical', 'time', 'theory'], sharedRanks: true }],
      [{ tieBreak: ['practical', 'time', 'theory'], sharedRanks: false }],
      [{ tieBreak: ['theory'], sharedRanks: true }],
      [{ tieBreak: [], sharedRanks: false }],
    ] as [RankingOptions][])('%j over 50 shuffles', (options) => {
      const expected = rankContestants(rows, options);
      for (let k = 0; k < 50; k++) {
        expect(rankContestants(shuffle(rows, random), options)).toEqual(expected);
      }
      // And the ranks are sound: non-decreasing, and 1 + number of rows strictly better.
      expected.forEach((r, i) => {
        expect(r.rank).toBeLessThanOrEqual(i + 1);
        if (i > 0) {
          expect(r.rank).toBeGreaterThanOrEqual(expected[i - 1].rank);
        }
      });
    });
  });
});

function shuffle<T>(xs: readonly T[], random: () => number): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Small seeded PRNG so the property test is reproducible. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('rankContestants: a module of the scheme in the tie-break chain', () => {
  const withModules = (id: string, total: number, modules: Record<string, number | null>) => ({
    ...row(id, total, 80),
    modules,
  });

  it.each<[string, RankingOptions, string]>([
    [
      'module B first: b beats a on B',
      { tieBreak: ['module:B', 'practical'], sharedRanks: true },
      'b a c',
    ],
    ['module A first: a beats b on A', { tieBreak: ['module:A'], sharedRanks: true }, 'a b c'],
    [
      'practical alone cannot separate them: shared',
      { tieBreak: ['practical'], sharedRanks: true },
      'a=b c',
    ],
    ['a missing module mark counts 0', { tieBreak: ['module:C'], sharedRanks: true }, 'a=b c'],
  ])('%s', (_label, options, expected) => {
    const rows = [
      withModules('a', 85, { A: 50, B: 30 }),
      withModules('b', 85, { A: 40, B: 40 }),
      withModules('c', 80, { A: 60, B: 60 }),
    ];
    const ranked = rankContestants(rows, options);
    const shown = ranked
      .map((r, i) => (i > 0 && ranked[i - 1].rank === r.rank ? `=${r.id}` : ` ${r.id}`))
      .join('')
      .trim()
      .replace(/ =/g, '=');
    expect(shown).toBe(expected);
  });
});

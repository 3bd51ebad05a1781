import { beijingYear, HeldPromotion, onePromotionAYear, PromotionCandidate } from './promotions';
import { upgradeFor } from './rewards';

const promoted = upgradeFor('senior', 'technician');
const none = upgradeFor('senior', null);

/** A candidate: person, when its results became final, event id, promoted or not. */
const c = (
  key: string,
  person: number,
  decidedAt: string,
  order: number,
  upgrade = promoted,
): PromotionCandidate => ({ key, person, decidedAt, order, label: `赛项${order} 一等奖`, upgrade });

describe('beijingYear: the year a promotion is decided in', () => {
  it.each<[string, number]>([
    ['2026-12-31T15:59:59.000Z', 2026],
    ['2026-12-31T16:00:00.000Z', 2027], // midnight in Beijing
    ['2027-01-01T00:00:00.000Z', 2027],
  ])('%s → %i', (iso, year) => {
    expect(beijingYear(iso)).toBe(year);
  });
});

describe('onePromotionAYear (docs/domain.md "Rewards")', () => {
  const codes = (out: Map<string, { code: string; to: string | null }>) =>
    Object.fromEntries([...out].map(([k, u]) => [k, u.to === null ? u.code : `→${u.to}`]));

  it.each<[string, PromotionCandidate[], HeldPromotion[], Record<string, string>]>([
    [
      'two events of one edition: the first final is granted, the second not',
      [c('b', 1, '2027-11-20T02:00:00Z', 2), c('a', 1, '2027-11-10T02:00:00Z', 1)],
      [],
      { a: '→technician', b: 'once-a-year' },
    ],
    [
      'the same moment: the lower event id first',
      [c('b', 1, '2027-11-10T02:00:00Z', 7), c('a', 1, '2027-11-10T02:00:00Z', 3)],
      [],
      { a: '→technician', b: 'once-a-year' },
    ],
    [
      'different people are not limited by each other',
      [c('a', 1, '2027-11-10T02:00:00Z', 1), c('b', 2, '2027-11-20T02:00:00Z', 2)],
      [],
      { a: '→technician', b: '→technician' },
    ],
    [
      'different years (Beijing time) both count',
      [c('a', 1, '2026-12-31T15:00:00Z', 1), c('b', 1, '2026-12-31T16:30:00Z', 2)],
      [],
      { a: '→technician', b: '→technician' },
    ],
    [
      'across editions: a promotion already in the ledger that year keeps its place',
      [c('a', 1, '2027-03-01T02:00:00Z', 9)],
      [{ person: 1, decidedAt: '2027-01-15T02:00:00Z', label: '第七届 数控车工 二等奖' }],
      { a: 'once-a-year' },
    ],
    [
      'a held promotion of another year changes nothing',
      [c('a', 1, '2027-03-01T02:00:00Z', 9)],
      [{ person: 1, decidedAt: '2025-11-15T02:00:00Z', label: '第七届 数控车工 二等奖' }],
      { a: '→technician' },
    ],
    [
      'a prize without a promotion takes no slot',
      [c('a', 1, '2027-11-10T02:00:00Z', 1, none), c('b', 1, '2027-11-20T02:00:00Z', 2)],
      [],
      { a: 'none', b: '→technician' },
    ],
    [
      'three in a year: one granted, two kept as not granted',
      [
        c('a', 1, '2027-05-01T02:00:00Z', 1),
        c('b', 1, '2027-06-01T02:00:00Z', 2),
        c('c', 1, '2027-07-01T02:00:00Z', 3),
      ],
      [],
      { a: '→technician', b: 'once-a-year', c: 'once-a-year' },
    ],
  ])('%s', (_label, candidates, held, expected) => {
    expect(codes(onePromotionAYear(candidates, held))).toEqual(expected);
  });

  it('keeps the level the person had and says in Chinese which promotion was granted', () => {
    const out = onePromotionAYear(
      [c('a', 1, '2027-11-10T02:00:00Z', 1), c('b', 1, '2027-11-20T02:00:00Z', 2)],
      [],
    );
    expect(out.get('b')).toEqual({
      from: 'senior',
      to: null,
      code: 'once-a-year',
      reason: 'at most one promotion a year: already promoted in 2027 (赛项1 一等奖)',
      reasonZh: '每人每年至多晋升一次：2027年已因“赛项1 一等奖”晋升，本次不再晋升',
    });
  });

  it('is the same whatever order the candidates come in', () => {
    const list = [
      c('a', 1, '2027-05-01T02:00:00Z', 1),
      c('b', 1, '2027-06-01T02:00:00Z', 2),
      c('c', 2, '2027-06-01T02:00:00Z', 2),
    ];
    expect(codes(onePromotionAYear([...list].reverse(), []))).toEqual(
      codes(onePromotionAYear(list, [])),
    );
  });
});

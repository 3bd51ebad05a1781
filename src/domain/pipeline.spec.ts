import wuxi2015 from '../../data/policies/wuxi-2015.json';
import { type Aspect, aggregateAspect, componentMark, moduleMark } from './marking';
import { validatePolicy } from './policy-validation';
import { assignPrizes, HONOURABLE_MENTION, type PrizeCandidate } from './prizes';
import type { QualificationLevel } from './qualification';
import { rankContestants, totalMark } from './ranking';
import { grantsFor, totalCash } from './rewards';

/**
 * One worker event end to end, with the modules composed as the services will compose them:
 * judges' marks → aspect → module → practical → total (30/70) → ranking → prizes (fixed 1/2/3,
 * theory floor 60) → grants under the 2015 policy → the event's cash. Worked out by hand.
 */
const aspects: Aspect[] = [
  { kind: 'measurement', code: 'A', max: 60, step: 0.5 },
  { kind: 'judgement', code: 'J', max: 40, aggregation: 'trimmed-mean', step: 0.5 },
  { kind: 'deduction', code: 'D', max: 5, step: 1 },
];

interface Sheet {
  id: string;
  status: 'competed' | 'absent';
  level: QualificationLevel | null;
  theory: number;
  a: number;
  j: number[];
  d: number;
}

const sheets: Sheet[] = [
  {
    id: 'c1',
    status: 'competed',
    level: 'senior',
    theory: 90,
    a: 55,
    j: [36, 37, 38, 38, 39.5],
    d: 0,
  },
  {
    id: 'c2',
    status: 'competed',
    level: 'technician',
    theory: 80,
    a: 58,
    j: [35, 35, 36, 36, 36],
    d: 1,
  },
  { id: 'c3', status: 'competed', level: 'intermediate', theory: 95, a: 50, j: [30, 30, 30], d: 0 },
  {
    id: 'c4',
    status: 'competed',
    level: 'senior_technician',
    theory: 70,
    a: 52,
    j: [33, 33, 33],
    d: 2,
  },
  { id: 'c5', status: 'competed', level: null, theory: 55, a: 60, j: [40, 40, 40], d: 0 },
  { id: 'c6', status: 'competed', level: 'intermediate', theory: 85, a: 45, j: [28, 28, 28], d: 0 },
  { id: 'c7', status: 'absent', level: null, theory: 0, a: 0, j: [0], d: 0 },
];

describe('a worker event end to end', () => {
  const scored = sheets.map((s) => {
    const marks = {
      A: aggregateAspect(aspects[0], [s.a]).mark,
      J: aggregateAspect(aspects[1], s.j).mark,
      D: aggregateAspect(aspects[2], [s.d]).mark,
    };
    const practical = componentMark([moduleMark(aspects, marks)]);
    return { ...s, practical, total: totalMark(s.theory, practical), timeUsedSeconds: null };
  });
  const ranked = rankContestants(scored.filter((s) => s.status === 'competed'));
  const candidates: PrizeCandidate[] = scored.map((s) => ({
    ...s,
    rank: ranked.find((r) => r.id === s.id)?.rank ?? null,
  }));
  const outcomes = assignPrizes(candidates, {
    quota: { kind: 'fixed', counts: [1, 2, 3] },
    floor: { theory: 60 },
  });
  const validated = validatePolicy(wuxi2015);
  if (!validated.ok) {
    throw new Error('the shipped policy must validate');
  }
  const grants = outcomes.flatMap((o, i) =>
    o.prize === null || o.prize === HONOURABLE_MENTION
      ? []
      : [
          {
            id: o.id,
            ...grantsFor(
              { group: 'worker', prize: o.prize, currentLevel: sheets[i].level, teamSize: 1 },
              validated.policy,
            ),
          },
        ],
  );

  it.each<[string, number, number, number | null, 1 | 2 | 3 | null, string | null, string | null]>([
    ['c1', 92.67, 91.87, 1, 1, null, 'technician'],
    ['c2', 92.67, 88.87, 2, 2, null, 'senior_technician'],
    ['c3', 80, 84.5, 4, 2, null, 'technician'],
    ['c4', 83, 79.1, 5, 3, null, null],
    ['c5', 100, 86.5, 3, null, 'below-floor', null],
    ['c6', 73, 76.6, 6, 3, null, 'senior'],
    ['c7', 0, 0, null, null, 'did-not-compete', null],
  ])(
    '%s: practical %p, total %p, rank %p, prize %p (%s), promoted to %s',
    (id, practical, total, rank, prize, reason, to) => {
      const s = scored.find((x) => x.id === id);
      const o = outcomes.find((x) => x.id === id);
      expect(s).toMatchObject({ practical, total });
      expect(o).toMatchObject({ rank, prize, reason });
      expect(grants.find((g) => g.id === id)?.upgrade.to ?? null).toBe(to);
    },
  );

  it('pays ¥110,000 for the event: 50,000 + 2 × 20,000 + 2 × 10,000', () => {
    expect(totalCash(grants)).toBe(110000);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RewardPolicy } from './policy';
import { validatePolicy } from './policy-validation';
import { DEFAULT_RANKING } from './ranking';
import { eventResults, ResultInput, theoryMissing } from './results';

const parsed = validatePolicy(
  JSON.parse(readFileSync(join(__dirname, '../../data/policies/wuxi-2015.json'), 'utf8')),
);
if (!parsed.ok) {
  throw new Error('the 2015 policy must validate');
}
const policy: RewardPolicy = parsed.policy;

const row = (
  id: number,
  theory: number,
  practical: number,
  over: Partial<ResultInput> = {},
): ResultInput => ({
  id,
  status: 'competed',
  theory,
  practical,
  timeUsedSeconds: null,
  currentLevel: 'senior',
  teamSize: 1,
  ...over,
});

describe('eventResults: marks to prizes to grants', () => {
  const rules = {
    group: 'worker' as const,
    weights: { theoryWeight: 30, practicalWeight: 70 },
    ranking: DEFAULT_RANKING,
    prizes: { quota: { kind: 'fixed' as const, counts: [1, 1, 1] as [number, number, number] } },
  };

  it('gives 1st to the best total, with the 2015 worker rewards', () => {
    const results = eventResults(
      [
        row(1, 80, 90),
        row(2, 90, 80),
        row(3, 70, 70),
        row(4, 60, 60),
        row(5, 0, 0, { status: 'absent' }),
      ],
      rules,
      policy,
    );
    // totals: 1 → 87, 2 → 83, 3 → 70, 4 → 60
    expect(results.map((r) => [r.id, r.total, r.rank, r.prize, r.noPrizeReason])).toEqual([
      [1, 87, 1, 1, null],
      [2, 83, 2, 2, null],
      [3, 70, 3, 3, null],
      [4, 60, 4, null, 'beyond-quota'],
      [5, null, null, null, 'did-not-compete'],
    ]);
    expect(results[0].grant).toMatchObject({
      titles: ['无锡技能状元'],
      modelWorkerTreatment: true,
      cashPerPerson: 50000,
      upgrade: { from: 'senior', to: 'technician' },
    });
    expect(results[2].grant).toMatchObject({
      cashPerPerson: 10000,
      upgrade: { from: 'senior', to: 'technician' },
    });
  });

  it('gives students titles and no cash', () => {
    const [first] = eventResults(
      [row(1, 90, 90), row(2, 50, 50)],
      { ...rules, group: 'student' },
      policy,
    );
    expect(first.grant).toMatchObject({ titles: ['学生技能状元'], cashPerPerson: 0 });
  });

  it('counts theory as 0 for someone marked absent from it, and says so (缺考)', () => {
    const results = eventResults(
      [row(1, 80, 90), row(2, 0, 95, { theory: null, theoryAbsent: true }), row(3, 70, 70)],
      rules,
      policy,
    );
    // 2: 0 × 30 % + 95 × 70 % = 66.5, below 3's 70
    expect(results.map((r) => [r.id, r.total, r.rank, r.theoryAbsent])).toEqual([
      [1, 87, 1, false],
      [2, 66.5, 3, true],
      [3, 70, 2, false],
    ]);
  });

  it('is idempotent: the same inputs give the same rows', () => {
    const input = [row(1, 80, 90), row(2, 90, 80), row(3, 70, 70)];
    expect(eventResults(input, rules, policy)).toEqual(
      eventResults([...input].reverse(), rules, policy).reverse(),
    );
  });
});

describe('theoryMissing', () => {
  const input = (
    id: number,
    status: ResultInput['status'],
    theory: number | null,
  ): ResultInput => ({
    id,
    status,
    theory,
    practical: 80,
    timeUsedSeconds: null,
    currentLevel: null,
    teamSize: 1,
  });
  const rows = [
    input(1, 'competed', 80),
    input(2, 'competed', null),
    input(3, 'absent', null),
    { ...input(4, 'competed', null), theoryAbsent: true },
  ];

  it.each<[string, number, number[]]>([
    // 4 was marked absent from theory (with a reason): not missing, counted 0.
    ['an event that weighs theory names who competed without a score', 30, [2]],
    ['an event without theory needs none', 0, []],
  ])('%s', (_label, theoryWeight, expected) => {
    expect(theoryMissing(rows, { theoryWeight, practicalWeight: 100 - theoryWeight })).toEqual(
      expected,
    );
  });
});

import wuxi2015 from '../../data/policies/wuxi-2015.json';
import type { ContestantGroup } from './competition';
import type { RewardPolicy } from './policy';
import { LADDER_PRESETS } from './policy-ladders';
import { validatePolicy } from './policy-validation';
import type { Prize } from './prizes';
import { LADDER_2022, type QualificationLevel } from './qualification';
import {
  type PromotionScale,
  SCALE_2015,
  type ExternalResult,
  grantsFor,
  matchingGrant,
  totalCash,
  type UpgradeCode,
  upgradeFor,
} from './rewards';

type Mutable = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const load = (json: unknown): RewardPolicy => {
  const r = validatePolicy(json);
  if (!r.ok) {
    throw new Error(JSON.stringify(r.errors));
  }
  return r.policy;
};
const policy = load(wuxi2015);

describe('upgradeFor (docs/domain.md promotion rule)', () => {
  it.each<[QualificationLevel | null, QualificationLevel, QualificationLevel | null, UpgradeCode]>([
    [null, 'technician', 'technician', 'to-target'],
    ['junior', 'technician', 'technician', 'to-target'],
    ['senior', 'technician', 'technician', 'to-target'],
    ['technician', 'technician', 'senior_technician', 'one-level-up'],
    ['senior_technician', 'technician', null, 'at-top'],
    ['intermediate', 'senior', 'senior', 'to-target'],
    ['senior', 'senior', 'technician', 'one-level-up'],
    ['technician', 'senior', 'senior_technician', 'one-level-up'],
    ['senior_technician', 'senior', null, 'at-top'],
  ])('%s with target %s → %s (%s)', (from, target, to, code) => {
    expect(upgradeFor(from, target)).toMatchObject({ from, to, code });
  });

  // The 2022 eight-level ladder with the default cap (高级技师: 特级/首席 are chosen by employers),
  // and the same ladder with the cap raised to 首席技师.
  const L2022 = { ladder: LADDER_2022, cap: 'senior_technician' as const };
  const L2022_OPEN = { ladder: LADDER_2022, cap: 'chief_technician' as const };
  it.each<
    [
      string,
      QualificationLevel | null,
      QualificationLevel,
      PromotionScale,
      QualificationLevel | null,
      UpgradeCode,
    ]
  >([
    ['2022: 学徒工 to the target', 'apprentice', 'senior', L2022, 'senior', 'to-target'],
    ['2022: 技师 one up', 'technician', 'technician', L2022, 'senior_technician', 'one-level-up'],
    ['2022: 高级技师 stops at the cap', 'senior_technician', 'technician', L2022, null, 'at-cap'],
    ['2022: 特级技师 is above the cap', 'special_technician', 'senior', L2022, null, 'at-cap'],
    ['2022: top of the ladder', 'chief_technician', 'senior', L2022, null, 'at-top'],
    [
      '2022 open cap: 高级技师 → 特级技师',
      'senior_technician',
      'technician',
      L2022_OPEN,
      'special_technician',
      'one-level-up',
    ],
    [
      '2022 open cap: 特级 → 首席',
      'special_technician',
      'senior',
      L2022_OPEN,
      'chief_technician',
      'one-level-up',
    ],
    ['2022 open cap: 首席 is the top', 'chief_technician', 'senior', L2022_OPEN, null, 'at-top'],
    // Levels off the 2015 ladder are still placed in the one order of all levels.
    ['2015: 学徒工 to the target', 'apprentice', 'senior', SCALE_2015, 'senior', 'to-target'],
    [
      '2015: 特级技师 has nothing above',
      'special_technician',
      'senior',
      SCALE_2015,
      null,
      'at-top',
    ],
    // A 2015 ladder capped at 技师: a 技师 winner is not made 高级技师 by the competition.
    [
      '2015 capped at 技师',
      'technician',
      'senior',
      { ladder: SCALE_2015.ladder, cap: 'technician' },
      null,
      'at-cap',
    ],
  ])('%s', (_label, from, target, scale, to, code) => {
    expect(upgradeFor(from, target, scale)).toMatchObject({ from, to, code });
  });

  it('says why the cap stops a promotion, naming the cap in Chinese', () => {
    expect(upgradeFor('senior_technician', 'technician', L2022)).toMatchObject({
      code: 'at-cap',
      reasonZh: '已达到竞赛可晋升的最高等级（高级技师（一级）），不再晋升',
    });
  });

  it('says why there is no promotion at the top, in both languages', () => {
    expect(upgradeFor('senior_technician', 'technician')).toMatchObject({
      to: null,
      reason: 'already at the top level',
      reasonZh: '已是最高等级，不再晋升',
    });
  });

  it('a prize without a target promotes nobody', () => {
    expect(upgradeFor('senior', null)).toMatchObject({ to: null, code: 'none' });
  });
});

describe('grantsFor with the 2015 policy', () => {
  // Golden table: group, prize, current level → titles, treatment, promotion, cash per person.
  it.each<
    [
      ContestantGroup,
      Prize,
      QualificationLevel | null,
      string[],
      boolean,
      QualificationLevel | null,
      number,
    ]
  >([
    ['worker', 1, 'senior', ['无锡技能状元'], true, 'technician', 50000],
    ['worker', 1, 'technician', ['无锡技能状元'], true, 'senior_technician', 50000],
    ['worker', 1, 'senior_technician', ['无锡技能状元'], true, null, 50000],
    [
      'worker',
      2,
      'intermediate',
      ['无锡市技术能手', '无锡市五一劳动奖章'],
      false,
      'technician',
      20000,
    ],
    [
      'worker',
      2,
      'technician',
      ['无锡市技术能手', '无锡市五一劳动奖章'],
      false,
      'senior_technician',
      20000,
    ],
    ['worker', 3, 'intermediate', ['无锡市技术能手', '无锡市五一劳动奖章'], false, 'senior', 10000],
    ['worker', 3, 'senior', ['无锡市技术能手', '无锡市五一劳动奖章'], false, 'technician', 10000],
    ['worker', 3, null, ['无锡市技术能手', '无锡市五一劳动奖章'], false, 'senior', 10000],
    // Item 17 gives upgrades and cash to 职工选手 only: a student gets a title and certificates.
    ['student', 1, 'intermediate', ['学生技能状元'], false, null, 0],
    ['student', 2, 'intermediate', [], false, null, 0],
    ['student', 3, 'junior', [], false, null, 0],
  ])('%s prize %i at %s', (group, prize, currentLevel, titles, treatment, to, cash) => {
    const g = grantsFor({ group, prize, currentLevel, teamSize: 1 }, policy);
    expect(g).toMatchObject({
      titles,
      modelWorkerTreatment: treatment,
      certificate: true,
      cashPerPerson: cash,
    });
    expect(g.upgrade.to).toBe(to);
    expect(g.clauses.length).toBeGreaterThan(0);
  });

  it.each<[number, number, number]>([
    [1, 20000, 20000],
    [2, 20000, 40000],
    [3, 20000, 60000],
  ])('team of %i, per-member: %i each, %i in all', (teamSize, each, all) => {
    const members = Array.from({ length: teamSize }, () =>
      grantsFor({ group: 'worker', prize: 2, currentLevel: 'senior', teamSize }, policy),
    );
    expect(members.map((m) => m.cashPerPerson)).toEqual(Array(teamSize).fill(each));
    expect(totalCash(members)).toBe(all);
  });

  it.each<[number, number]>([
    [1, 50000],
    [2, 25000],
    [3, 16666], // 50000 / 3 in whole yuan, rounded down
  ])('team of %i, shared 50000: %i each', (teamSize, each) => {
    const shared = structuredClone(wuxi2015);
    shared.prizes.worker['1'].teamCash = 'shared';
    const g = grantsFor({ group: 'worker', prize: 1, currentLevel: null, teamSize }, load(shared));
    expect(g.cashPerPerson).toBe(each);
  });

  it('each team member gets their own promotion', () => {
    const levels: QualificationLevel[] = ['senior', 'technician', 'senior_technician'];
    expect(
      levels.map(
        (currentLevel) =>
          grantsFor({ group: 'worker', prize: 1, currentLevel, teamSize: 3 }, policy).upgrade.to,
      ),
    ).toEqual(['technician', 'senior_technician', null]);
  });

  it.each<[number, string]>([
    [0, 'REWARD_TEAM_SIZE'],
    [1.5, 'REWARD_TEAM_SIZE'],
  ])('rejects team size %p', (teamSize, code) => {
    expect(() =>
      grantsFor({ group: 'worker', prize: 1, currentLevel: null, teamSize }, policy),
    ).toThrow(expect.objectContaining({ code }));
  });

  it('promotes on the policy’s ladder up to its cap, and a clone may promote and pay students', () => {
    const p = structuredClone(wuxi2015) as Mutable;
    p.clauses.push(LADDER_PRESETS['2022'].clause);
    p.promotion.ladder = { levels: [...LADDER_2022], clause: 'practice.ladder-2022' };
    p.prizes.student['1'].qualification = { target: 'senior' };
    p.prizes.student['1'].cash = 5000;
    const clone = load(p);
    const grant = (group: ContestantGroup, currentLevel: QualificationLevel | null) =>
      grantsFor({ group, prize: 1, currentLevel, teamSize: 1 }, clone);
    expect(grant('worker', 'senior_technician').upgrade).toMatchObject({
      to: null,
      code: 'at-cap',
    });
    expect(grant('worker', 'technician').upgrade.to).toBe('senior_technician');
    expect(grant('student', 'apprentice')).toMatchObject({
      titles: ['学生技能状元'],
      upgrade: { to: 'senior', code: 'to-target' },
      cashPerPerson: 5000,
    });
    // The 2015 default still gives students a title and certificates only.
    expect(
      grantsFor({ group: 'student', prize: 1, currentLevel: 'apprentice', teamSize: 1 }, policy),
    ).toMatchObject({ upgrade: { to: null, code: 'none' }, cashPerPerson: 0, certificate: true });
  });

  it('rejects an unknown current level', () => {
    expect(() =>
      grantsFor(
        { group: 'worker', prize: 1, currentLevel: 'master' as QualificationLevel, teamSize: 1 },
        policy,
      ),
    ).toThrow(expect.objectContaining({ code: 'REWARD_LEVEL' }));
  });
});

describe('matchingGrant (1:1) with the 2015 policy', () => {
  it.each<[ExternalResult, boolean, number]>([
    [{ level: 'national', placing: 1, amount: 100000 }, true, 100000],
    [{ level: 'national', placing: 5, amount: 30000 }, true, 30000],
    [{ level: 'national', placing: 6, amount: 30000 }, false, 0],
    [{ level: 'provincial', placing: 1, amount: 100000 }, true, 100000],
    [{ level: 'provincial', placing: 3, amount: 20000 }, true, 20000],
    [{ level: 'provincial', placing: 4, amount: 20000 }, false, 0],
    [{ level: 'provincial', placing: 2, amount: 10000 }, true, 10000], // student group 2nd, Jiangsu 2024
    [{ level: 'national', placing: 2, amount: 0 }, true, 0], // qualifies, but nothing was paid there
    [{ level: 'world', placing: 1, amount: 500000 }, false, 0], // item 17 names no world rule
  ])('%j → qualifies %p, ¥%i', (result, qualifies, amount) => {
    expect(matchingGrant(result, policy)).toMatchObject({
      qualifies,
      amount,
      clause: '17.matching',
    });
  });

  it('explains a refusal', () => {
    expect(matchingGrant({ level: 'national', placing: 6, amount: 1 }, policy).reason).toBe(
      'national placing 6 is outside the top 5',
    );
  });

  it.each<[number, number]>([
    [0.5, 15001], // 30001 × 0.5 = 15000.5 → half up
    [2, 60002],
  ])('applies a ratio of %p', (ratio, expected) => {
    const p = structuredClone(wuxi2015) as unknown as { matching: { ratio: number } };
    p.matching.ratio = ratio;
    expect(matchingGrant({ level: 'national', placing: 1, amount: 30001 }, load(p)).amount).toBe(
      expected,
    );
  });

  it.each<[ExternalResult, string]>([
    [{ level: 'national', placing: 0, amount: 1000 }, 'REWARD_PLACING'],
    [{ level: 'national', placing: -1, amount: 1000 }, 'REWARD_PLACING'],
    [{ level: 'national', placing: 1.5, amount: 1000 }, 'REWARD_PLACING'],
    [{ level: 'provincial', placing: 1, amount: -1 }, 'REWARD_AMOUNT'],
    [{ level: 'provincial', placing: 1, amount: 99.5 }, 'REWARD_AMOUNT'],
    [{ level: 'city' as 'national', placing: 1, amount: 1 }, 'REWARD_LEVEL'],
  ])('rejects %j with %s', (result, code) => {
    expect(() => matchingGrant(result, policy)).toThrow(expect.objectContaining({ code }));
  });
});

describe('totalCash for an edition', () => {
  it('adds prize grants per person and matching grants', () => {
    const g = (group: ContestantGroup, prize: Prize, teamSize = 1) =>
      grantsFor({ group, prize, currentLevel: 'senior', teamSize }, policy);
    const grants = [
      g('worker', 1),
      g('worker', 2),
      g('worker', 2),
      g('worker', 3),
      g('worker', 3),
      g('worker', 3),
      g('worker', 1, 2), // a pair: two grants
      g('worker', 1, 2),
      g('student', 1),
      g('student', 2),
      matchingGrant({ level: 'national', placing: 3, amount: 30000 }, policy),
      matchingGrant({ level: 'provincial', placing: 4, amount: 20000 }, policy),
    ];
    // 50000 + 2×20000 + 3×10000 + 2×50000 + 0 + 0 + 30000 + 0
    expect(totalCash(grants)).toBe(250000);
  });

  it('is 0 for nothing', () => {
    expect(totalCash([])).toBe(0);
  });
});

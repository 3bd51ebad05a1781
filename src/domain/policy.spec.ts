import wuxi2015 from '../../data/policies/wuxi-2015.json';
import type { PolicyErrorCode } from './policy-errors';
import { LADDER_PRESETS } from './policy-ladders';
import { validatePolicy } from './policy-validation';
import { LADDER_2015, LADDER_2022 } from './qualification';

type Mutable = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const fresh = (): Mutable => structuredClone(wuxi2015) as Mutable;

describe('validatePolicy', () => {
  it('accepts the shipped 2015 policy and keeps item 17 as data', () => {
    const r = validatePolicy(fresh());
    expect(r.ok).toBe(true);
    if (!r.ok) {
      return;
    }
    const { worker, student } = r.policy.prizes;
    expect([worker[1].cash, worker[2].cash, worker[3].cash]).toEqual([50000, 20000, 10000]);
    expect([student[1].cash, student[2].cash, student[3].cash]).toEqual([0, 0, 0]);
    expect(worker[1].titles).toEqual(['无锡技能状元']);
    expect(worker[2].titles).toEqual(['无锡市技术能手', '无锡市五一劳动奖章']);
    expect(worker[3].titles).toEqual(['无锡市技术能手', '无锡市五一劳动奖章']);
    expect(student[1].titles).toEqual(['学生技能状元']);
    // Item 17: titles, treatment, upgrades and cash are for 职工选手; students: title + certificates.
    expect([1, 2, 3].map((p) => student[p as 1 | 2 | 3].qualification)).toEqual([null, null, null]);
    expect([1, 2, 3].map((p) => student[p as 1 | 2 | 3].certificate)).toEqual([true, true, true]);
    expect([1, 2, 3].map((p) => worker[p as 1 | 2 | 3].modelWorkerTreatment)).toEqual([
      true,
      false,
      false,
    ]);
    expect(r.policy.matching).toMatchObject({
      national: { maxPlacing: 5 },
      provincial: { maxPlacing: 3 },
      world: null,
      ratio: 1,
    });
    const quotes = r.policy.clauses.map((c) => c.quote).join('');
    expect(quotes).toContain('无锡技能状元');
    expect(quotes).toContain('1:1相应配套奖励');
  });

  it.each<[string, (p: Mutable) => void, string, PolicyErrorCode]>([
    [
      'a missing prize',
      (p) => delete p.prizes.worker['2'],
      'prizes.worker.2',
      'POLICY_MISSING_PRIZE',
    ],
    ['a missing group', (p) => delete p.prizes.student, 'prizes.student', 'POLICY_MISSING_PRIZE'],
    [
      'a 4th prize',
      (p) => (p.prizes.worker['4'] = p.prizes.worker['3']),
      'prizes.worker.4',
      'POLICY_UNKNOWN_PRIZE',
    ],
    [
      'an unknown group',
      (p) => (p.prizes.retiree = p.prizes.worker),
      'prizes.retiree',
      'POLICY_UNKNOWN_GROUP',
    ],
    [
      'negative cash',
      (p) => (p.prizes.worker['3'].cash = -10000),
      'prizes.worker.3.cash',
      'POLICY_NEGATIVE_AMOUNT',
    ],
    [
      'cash in fen',
      (p) => (p.prizes.worker['3'].cash = 10000.5),
      'prizes.worker.3.cash',
      'POLICY_AMOUNT_NOT_INTEGER',
    ],
    [
      'cash as a string',
      (p) => (p.prizes.worker['3'].cash = '10000'),
      'prizes.worker.3.cash',
      'POLICY_TYPE',
    ],
    [
      'an unknown level',
      (p) => (p.prizes.worker['1'].qualification.target = 'master'),
      'prizes.worker.1.qualification.target',
      'POLICY_UNKNOWN_LEVEL',
    ],
    [
      'a title not declared (typo)',
      (p) => (p.prizes.worker['2'].titles = ['无锡市技术能人']),
      'prizes.worker.2.titles[0]',
      'POLICY_UNKNOWN_TITLE',
    ],
    [
      'a title declared twice',
      (p) => p.titles.push({ ...p.titles[0] }),
      'titles[4].name',
      'POLICY_DUPLICATE_TITLE',
    ],
    [
      'a clause declared twice',
      (p) => p.clauses.push({ ...p.clauses[1] }),
      'clauses[9].id',
      'POLICY_DUPLICATE_CLAUSE',
    ],
    [
      'a reference to no clause',
      (p) => (p.prizes.student['1'].clauses = ['17.student.1']),
      'prizes.student.1.clauses[0]',
      'POLICY_UNKNOWN_CLAUSE',
    ],
    [
      'a title with no clause',
      (p) => (p.titles[0].clause = 'x'),
      'titles[0].clause',
      'POLICY_UNKNOWN_CLAUSE',
    ],
    [
      'a bad teamCash',
      (p) => (p.prizes.worker['1'].teamCash = 'split'),
      'prizes.worker.1.teamCash',
      'POLICY_TEAM_CASH',
    ],
    [
      'placing 0',
      (p) => (p.matching.national.maxPlacing = 0),
      'matching.national.maxPlacing',
      'POLICY_BAD_PLACING',
    ],
    [
      'placing 2.5',
      (p) => (p.matching.provincial.maxPlacing = 2.5),
      'matching.provincial.maxPlacing',
      'POLICY_BAD_PLACING',
    ],
    ['ratio 0', (p) => (p.matching.ratio = 0), 'matching.ratio', 'POLICY_BAD_RATIO'],
    [
      'a missing boolean',
      (p) => delete p.prizes.worker['1'].modelWorkerTreatment,
      'prizes.worker.1.modelWorkerTreatment',
      'POLICY_TYPE',
    ],
    ['clauses not a list', (p) => (p.clauses = {}), 'clauses', 'POLICY_TYPE'],
    // The ladder, the cap, one promotion a year and the publication minimum (issue #14 §4).
    [
      'an unknown level in a ladder',
      (p) => p.promotion.ladder.levels.push('grandmaster'),
      'promotion.ladder.levels[5]',
      'POLICY_UNKNOWN_LEVEL',
    ],
    [
      'an empty ladder',
      (p) => (p.promotion.ladder.levels = []),
      'promotion.ladder.levels',
      'POLICY_LADDER_EMPTY',
    ],
    [
      'a level twice on the ladder',
      (p) => p.promotion.ladder.levels.push('senior_technician'),
      'promotion.ladder.levels[5]',
      'POLICY_LADDER_DUPLICATE',
    ],
    [
      'a ladder out of order',
      (p) => (p.promotion.ladder.levels = ['junior', 'senior', 'intermediate']),
      'promotion.ladder.levels[2]',
      'POLICY_LADDER_ORDER',
    ],
    [
      'a cap not on the ladder',
      (p) => (p.promotion.cap.level = 'special_technician'),
      'promotion.cap.level',
      'POLICY_CAP_NOT_ON_LADDER',
    ],
    [
      'a cap that is no level',
      (p) => (p.promotion.cap.level = 'boss'),
      'promotion.cap.level',
      'POLICY_UNKNOWN_LEVEL',
    ],
    [
      'a prize target off the ladder',
      (p) => {
        p.promotion.ladder.levels = ['junior', 'intermediate', 'senior', 'senior_technician'];
      },
      'prizes.worker.1.qualification.target',
      'POLICY_TARGET_NOT_ON_LADDER',
    ],
    [
      'a prize target above the cap',
      (p) => (p.promotion.cap.level = 'senior'),
      'prizes.worker.1.qualification.target',
      'POLICY_TARGET_ABOVE_CAP',
    ],
    [
      'a ladder without its clause',
      (p) => (p.promotion.ladder.clause = 'nowhere'),
      'promotion.ladder.clause',
      'POLICY_UNKNOWN_CLAUSE',
    ],
    [
      'one promotion a year as a string',
      (p) => (p.promotion.oncePerYear.enabled = 'yes'),
      'promotion.oncePerYear.enabled',
      'POLICY_TYPE',
    ],
    ['a policy without the promotion block', (p) => delete p.promotion, 'promotion', 'POLICY_TYPE'],
    [
      'publication of 0 days',
      (p) => (p.publication.minDays = 0),
      'publication.minDays',
      'POLICY_BAD_DAYS',
    ],
    [
      'publication of 2.5 days',
      (p) => (p.publication.minDays = 2.5),
      'publication.minDays',
      'POLICY_BAD_DAYS',
    ],
    [
      'publication without its clause',
      (p) => delete p.publication.clause,
      'publication.clause',
      'POLICY_TYPE',
    ],
  ])('reports %s', (_label, mutate, path, code) => {
    const p = fresh();
    mutate(p);
    const r = validatePolicy(p);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors).toContainEqual(expect.objectContaining({ path, code }));
  });

  it('reports every error at once', () => {
    const p = fresh();
    p.prizes.worker['1'].cash = -1;
    p.prizes.worker['2'].qualification.target = 'guru';
    delete p.prizes.student['3'];
    const r = validatePolicy(p);
    expect(!r.ok && r.errors.map((e) => e.code).sort()).toEqual([
      'POLICY_MISSING_PRIZE',
      'POLICY_NEGATIVE_AMOUNT',
      'POLICY_UNKNOWN_LEVEL',
    ]);
  });

  it.each([[null], [[]], ['policy'], [42]])('rejects %j as not an object', (json) => {
    expect(validatePolicy(json)).toEqual({
      ok: false,
      errors: [{ path: '$', code: 'POLICY_TYPE', message: 'Expected an object.' }],
    });
  });

  it('keeps the 2015 ladder, the 高级技师 cap, no yearly limit and 5 days of 公示 as the default', () => {
    const r = validatePolicy(fresh());
    expect(r.ok && r.policy.promotion).toEqual({
      ladder: { levels: [...LADDER_2015], clause: 'practice.ladder-2015' },
      cap: { level: 'senior_technician', clause: 'practice.promotion-cap' },
      oncePerYear: { enabled: false, clause: 'practice.once-a-year' },
    });
    expect(r.ok && r.policy.publication).toEqual({ minDays: 5, clause: 'practice.publication' });
    const cited = (id: string) => r.ok && r.policy.clauses.find((c) => c.id === id)?.source;
    expect(cited('practice.once-a-year')).toContain('部分城市');
    expect(cited('practice.publication')).toContain('无原始文件规定');
  });

  it('accepts a clone on the 2022 ladder with its cap, one promotion a year and student awards', () => {
    const p = fresh();
    p.clauses.push(LADDER_PRESETS['2022'].clause);
    p.promotion.ladder = { levels: [...LADDER_2022], clause: 'practice.ladder-2022' };
    p.promotion.oncePerYear.enabled = true;
    p.publication.minDays = 7;
    // A city that promotes students and pays them (e.g. Tianjin 2024: student top 10 → 高级工).
    p.prizes.student['1'] = { ...p.prizes.student['1'], qualification: { target: 'senior' } };
    p.prizes.student['1'].cash = 5000;
    const r = validatePolicy(p);
    expect(r.ok).toBe(true);
    expect(r.ok && r.policy.promotion.ladder.levels).toEqual([
      'apprentice',
      'junior',
      'intermediate',
      'senior',
      'technician',
      'senior_technician',
      'special_technician',
      'chief_technician',
    ]);
    // The cap may rise to 首席技师 on that ladder, and prizes may then target 特级技师.
    p.promotion.cap.level = 'chief_technician';
    p.prizes.worker['1'].qualification.target = 'special_technician';
    expect(validatePolicy(p).ok).toBe(true);
  });

  it('accepts a prize without promotion and a world matching rule', () => {
    const p = fresh();
    p.prizes.student['3'].qualification = null;
    p.matching.world = { maxPlacing: 8 };
    expect(validatePolicy(p).ok).toBe(true);
  });
});

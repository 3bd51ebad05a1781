import request from 'supertest';
import { beijingYear } from '../src/domain/promotions';
import { makeJudges } from './support/competition-day';
import { publishAndFinalize, runEvent, Staff } from './support/edition-run';
import { databaseHash, makeEdition, settledDatabaseHash, signIn } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

/**
 * Issue #14 §4 and §3, "the policy file says what the rules of 2026 say": an organiser clones the
 * 2015 policy and turns on what some cities do — the 2022 eight-level ladder (promotion still
 * capped at 高级技师), at most one promotion a year, promotion and cash for the student group,
 * 7 days of 公示 — then runs two editions through the public API to final results and the
 * ledger, recommends named entries and records their provincial results. Every prize, upgrade
 * and yuan is compared with a table written by hand.
 */
const SKILL = '无锡市技术能手、无锡市五一劳动奖章';

interface Grant {
  id: number;
  eventId: number | null;
  contestantId: number;
  basis: string;
  prize: number | null;
  titles: string[];
  modelWorkerTreatment: boolean;
  upgradeFrom: string | null;
  upgradeTo: string | null;
  upgradeNote: string | null;
  upgradeCode: string | null;
  cash: number;
}

describe('the rules of 2026 as the organiser’s data, to final results and grants', () => {
  let t: TestApp;
  let staff: Staff;

  beforeAll(async () => {
    t = await createTestApp();
    const [judge] = await makeJudges(t, [null]);
    staff = {
      organizer: await signIn(t, 'organizer', 'org'),
      chief: await signIn(t, 'chief_judge', 'chief'),
      encryptor: await signIn(t, 'encryption_judge', 'enc'),
      judge,
    };
  }, 60_000);
  afterAll(() => t.close());

  const api = () => request(t.url);
  /** A refused request answers `status` with `code` and leaves every table as it was. */
  async function refused(
    send: () => request.Test,
    status: number,
    code: string,
  ): Promise<request.Response> {
    const before = await settledDatabaseHash(t.dataSource);
    const res = await send();
    expect([res.status, res.body.code]).toEqual([status, code]);
    expect(await databaseHash(t.dataSource)).toBe(before);
    return res;
  }
  const policy = async (id: string) =>
    (await api().get(`/api/policies/${id}`).set(staff.organizer.auth).expect(200)).body
      .document as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  const edition = async (year: number) => {
    const id = (
      await api()
        .post('/api/editions')
        .set(staff.organizer.auth)
        .send(makeEdition({ year, name: `${year}年大赛` }))
        .expect(201)
    ).body.id as number;
    await api()
      .patch(`/api/editions/${id}`)
      .set(staff.organizer.auth)
      .send({ policyId: 'wuxi-2026' })
      .expect(200);
    return id;
  };
  const compute = (eventId: number) =>
    api().post(`/api/events/${eventId}/results/compute`).set(staff.chief.auth).expect(200);
  const grantsOf = async (editionId: number) =>
    (await api().get(`/api/editions/${editionId}/grants`).set(staff.organizer.auth).expect(200))
      .body as Grant[];

  it('edits a cloned policy: the 2022 ladder, one promotion a year, students promoted and paid', async () => {
    await api()
      .post('/api/policies/wuxi-2015/clone')
      .set(staff.organizer.auth)
      .send({ id: 'wuxi-2026', name: '2026年奖励办法' })
      .expect(201);
    const doc = await policy('wuxi-2026');
    // The clone keeps the 2015 defaults until they are changed.
    expect(doc.promotion).toEqual({
      ladder: {
        levels: ['junior', 'intermediate', 'senior', 'technician', 'senior_technician'],
        clause: 'practice.ladder-2015',
      },
      cap: { level: 'senior_technician', clause: 'practice.promotion-cap' },
      oncePerYear: { enabled: false, clause: 'practice.once-a-year' },
    });
    expect(doc.publication).toEqual({ minDays: 5, clause: 'practice.publication' });

    const put = (document: object) =>
      api().put('/api/policies/wuxi-2026').set(staff.organizer.auth).send({ document });
    const LADDER_2022 = [
      'apprentice',
      'junior',
      'intermediate',
      'senior',
      'technician',
      'senior_technician',
      'special_technician',
      'chief_technician',
    ];
    const clause2022 = {
      id: 'practice.ladder-2022',
      source: '人社部《关于健全完善新时代技能人才职业技能等级制度的意见（试行）》（2022）',
      quote: '学徒工、初级工、中级工、高级工、技师、高级技师、特级技师、首席技师',
    };
    // Bad input: refused with the path and code of each problem, and nothing changes.
    const unknown = await refused(
      () =>
        put({
          ...doc,
          clauses: [...doc.clauses, clause2022],
          promotion: {
            ...doc.promotion,
            ladder: { levels: [...LADDER_2022, 'grandmaster'], clause: 'practice.ladder-2022' },
          },
        }),
      422,
      'POLICY_INVALID',
    );
    expect(unknown.body.details).toEqual([
      expect.objectContaining({ path: 'promotion.ladder.levels[8]', code: 'POLICY_UNKNOWN_LEVEL' }),
    ]);
    const offLadder = await refused(
      () =>
        put({
          ...doc,
          promotion: { ...doc.promotion, cap: { ...doc.promotion.cap, level: 'chief_technician' } },
        }),
      422,
      'POLICY_INVALID',
    );
    expect(offLadder.body.details).toEqual([
      expect.objectContaining({ path: 'promotion.cap.level', code: 'POLICY_CAP_NOT_ON_LADDER' }),
    ]);
    const shortDays = await refused(
      () => put({ ...doc, publication: { ...doc.publication, minDays: 0 } }),
      422,
      'POLICY_INVALID',
    );
    expect(shortDays.body.details[0]).toMatchObject({ code: 'POLICY_BAD_DAYS' });

    // The 2026 choices.
    const edited = structuredClone(doc);
    edited.clauses.push(clause2022);
    edited.promotion.ladder = { levels: LADDER_2022, clause: 'practice.ladder-2022' };
    edited.promotion.oncePerYear.enabled = true;
    edited.publication.minDays = 7;
    edited.prizes.student['1'].qualification = { target: 'senior' };
    edited.prizes.student['1'].cash = 5000;
    await put(edited).expect(200);
    const saved = await policy('wuxi-2026');
    expect([
      saved.promotion.ladder.levels.length,
      saved.promotion.cap.level,
      saved.promotion.oncePerYear.enabled,
      saved.publication.minDays,
      saved.prizes.student['1'].qualification,
      saved.prizes.student['1'].cash,
    ]).toEqual([8, 'senior_technician', true, 7, { target: 'senior' }, 5000]);
    // The file's policy is untouched: the 2015 default.
    expect((await policy('wuxi-2015')).promotion.oncePerYear.enabled).toBe(false);
  });

  let e2027: number;
  let e2029: number;
  const ids = new Map<string, number>();

  it('grants what the hand-written table says, across events and editions', async () => {
    e2027 = await edition(2027);
    const weights = { theoryWeight: 30, practicalWeight: 70 };
    const fixed = { rules: { quota: { kind: 'fixed', counts: [1, 1, 1] } }, ...weights };
    const a = await runEvent(
      t,
      staff,
      e2027,
      { ...fixed, occupation: '数控车工', name: '数控车工(职工组)' },
      [
        { name: '甲', level: 'apprentice', practical: 95, theory: 90, idSeq: 1 }, //  93.5
        { name: '乙', level: 'senior_technician', practical: 90, theory: 85, idSeq: 2 }, // 88.5
        { name: '丙', level: 'special_technician', practical: 85, theory: 80, idSeq: 3 }, // 83.5
        { name: '丁', level: 'senior', practical: 70, theory: 70, idSeq: 4 }, //       70.0
      ],
    );
    const b = await runEvent(
      t,
      staff,
      e2027,
      {
        ...fixed,
        occupation: '电工',
        name: '电工(职工组)',
        // 甲 also enters 电工: this event lets someone of another event of the edition in.
        eligibility: { onePerEdition: false },
      },
      [
        { name: '戊', level: 'technician', practical: 96, theory: 90, idSeq: 5 }, //  94.2
        { name: '甲', level: 'apprentice', practical: 92, theory: 90, idSeq: 1 }, //  91.4
        { name: '己', level: 'intermediate', practical: 95, theory: null, idSeq: 6 }, // 66.5 (缺考)
        { name: '庚', level: 'junior', practical: 60, theory: 60, idSeq: 7 }, //      60.0
      ],
    );
    const c = await runEvent(
      t,
      staff,
      e2027,
      {
        ...fixed,
        occupation: '数控车工',
        name: '数控车工(学生组)',
        group: 'student',
        level: 'senior',
      },
      [
        { name: '学生甲', level: 'apprentice', practical: 90, theory: 90, idSeq: 11 },
        { name: '学生乙', level: 'junior', practical: 80, theory: 80, idSeq: 12 },
        { name: '学生丙', level: 'junior', practical: 70, theory: 70, idSeq: 13 },
      ],
    );
    // 己 missed the theory exam: the chief judge marks it, with a reason, before computing.
    await api()
      .post(`/api/events/${b.eventId}/results/compute`)
      .set(staff.chief.auth)
      .expect(409)
      .expect((res) => expect(res.body.code).toBe('THEORY_MISSING'));
    await api()
      .post(`/api/events/${b.eventId}/theory/absent`)
      .set(staff.chief.auth)
      .send({ checkInCode: b.checkInCodeOf[2], reason: '因病未参加理论考试（有医院证明）' })
      .expect(200);
    for (const day of [a, b, c]) {
      await compute(day.eventId);
    }
    await publishAndFinalize(t, staff, [a.eventId, b.eventId, c.eventId]);
    await api().post(`/api/editions/${e2027}/grants/compute`).set(staff.organizer.auth).expect(200);

    // 2029: 甲 wins again in the same calendar year as the 2027 results (this test's clock).
    e2029 = await edition(2029);
    const d = await runEvent(
      t,
      staff,
      e2029,
      { ...fixed, occupation: '数控车工', name: '数控车工(职工组)' },
      [
        { name: '甲', level: 'apprentice', practical: 95, theory: 95, idSeq: 1 },
        { name: '辛', level: 'senior', practical: 80, theory: 80, idSeq: 8 },
        { name: '壬', level: 'senior', practical: 70, theory: 70, idSeq: 9 },
      ],
    );
    await compute(d.eventId);
    await publishAndFinalize(t, staff, [d.eventId]);
    await api().post(`/api/editions/${e2029}/grants/compute`).set(staff.organizer.auth).expect(200);

    const eventName = new Map([
      [a.eventId, 'A'],
      [b.eventId, 'B'],
      [c.eventId, 'C'],
      [d.eventId, 'D'],
    ]);
    for (const day of [a, b, c, d]) {
      const rows = (
        await api().get(`/api/events/${day.eventId}/results`).set(staff.chief.auth).expect(200)
      ).body.rows as { name: string; contestantId: number }[];
      rows.forEach((r) => ids.set(r.name, r.contestantId));
    }
    const nameOf = new Map([...ids].map(([n, id]) => [id, n]));
    const table = (grants: Grant[]) =>
      grants
        .map((g) => [
          eventName.get(g.eventId!),
          nameOf.get(g.contestantId),
          g.prize,
          g.titles.join('、'),
          g.modelWorkerTreatment,
          g.upgradeTo,
          g.upgradeCode,
          g.cash,
        ])
        .sort((x, y) => `${x[0]}${x[2]}`.localeCompare(`${y[0]}${y[2]}`));
    const grants2027 = await grantsOf(e2027);
    // event, name, prize, titles, 市劳模待遇, promoted to, why, yuan
    expect(table(grants2027)).toEqual([
      ['A', '甲', 1, '无锡技能状元', true, 'technician', 'to-target', 50000], // 学徒工 → 技师
      ['A', '乙', 2, SKILL, false, null, 'at-cap', 20000], // 高级技师: the cap, not 特级
      ['A', '丙', 3, SKILL, false, null, 'at-cap', 10000], // 特级技师 is above the cap
      ['B', '戊', 1, '无锡技能状元', true, 'senior_technician', 'one-level-up', 50000],
      ['B', '甲', 2, SKILL, false, null, 'once-a-year', 20000], // promoted already (A)
      ['B', '己', 3, SKILL, false, 'senior', 'to-target', 10000], // theory 缺考 = 0
      ['C', '学生甲', 1, '学生技能状元', false, 'senior', 'to-target', 5000], // students on
      ['C', '学生乙', 2, '', false, null, 'none', 0],
      ['C', '学生丙', 3, '', false, null, 'none', 0],
    ]);
    const year = beijingYear(new Date().toISOString());
    const second = grants2027.find(
      (g) => g.eventId === b.eventId && nameOf.get(g.contestantId) === '甲',
    )!;
    expect(second).toMatchObject({
      upgradeFrom: 'apprentice',
      upgradeNote: `每人每年至多晋升一次：${year}年已因“数控车工(职工组)一等奖”晋升，本次不再晋升`,
    });
    expect(grants2027.reduce((n, g) => n + g.cash, 0)).toBe(165_000);

    const grants2029 = await grantsOf(e2029);
    expect(table(grants2029)).toEqual([
      ['D', '甲', 1, '无锡技能状元', true, null, 'once-a-year', 50000], // across editions
      ['D', '辛', 2, SKILL, false, 'technician', 'to-target', 20000],
      ['D', '壬', 3, SKILL, false, 'technician', 'one-level-up', 10000],
    ]);
    expect(grants2029.reduce((n, g) => n + g.cash, 0)).toBe(80_000);
    // Computing the ledger again changes nothing (the yearly rule is idempotent).
    const again = await api()
      .post(`/api/editions/${e2027}/grants/compute`)
      .set(staff.organizer.auth)
      .expect(200);
    expect(again.body).toMatchObject({ created: 0, unchanged: 9, updated: 0 });

    // 缺考 on the results and the award list.
    const bRows = (
      await api().get(`/api/events/${b.eventId}/results`).set(staff.chief.auth).expect(200)
    ).body.rows as { name: string; total: number; theoryAbsent: boolean }[];
    expect(bRows.map((r) => [r.name, r.total, r.theoryAbsent])).toEqual([
      ['戊', 94.2, false],
      ['甲', 91.4, false],
      ['己', 66.5, true],
      ['庚', 60, false],
    ]);
    const sheet = await api()
      .get(`/api/events/${b.eventId}/results/sheet`)
      .set(staff.chief.auth)
      .expect(200);
    expect(sheet.text).toMatch(/<td>己<\/td>.*<td>缺考<\/td>.*<td>66\.50<\/td>/);
  });

  it('recommends named entries with reasons; matching pays only for those named', async () => {
    const results = async (eventId: number) =>
      (await api().get(`/api/events/${eventId}/results`).set(staff.chief.auth).expect(200)).body
        .rows as { name: string; entryId: number; contestantId: number; eventId: number }[];
    const events = (
      await api().get(`/api/editions/${e2027}/events`).set(staff.organizer.auth).expect(200)
    ).body as { id: number; name: string }[];
    const [a, b] = ['数控车工(职工组)', '电工(职工组)'].map(
      (n) => events.find((e) => e.name === n)!.id,
    );
    const rowsA = await results(a);
    const rowsB = await results(b);
    const entry = (rows: typeof rowsA, name: string) => rows.find((r) => r.name === name)!.entryId;
    const recommend = (eventId: number, entries: { entryId: number; reason: string }[]) =>
      api()
        .post(`/api/events/${eventId}/recommendations`)
        .set(staff.organizer.auth)
        .send({ level: 'provincial', entries });
    // Not "the best N": 甲 (1st) and 丙 (3rd) of 数控车工, each with its reason.
    const made = await recommend(a, [
      { entryId: entry(rowsA, '丙'), reason: '三等奖，年龄符合省赛要求' },
      { entryId: entry(rowsA, '甲'), reason: '一等奖' },
    ]).expect(201);
    expect(
      (made.body as { entryId: number; rank: number; reason: string; recommendedBy: string }[]).map(
        (r) => [r.entryId, r.rank, r.reason],
      ),
    ).toEqual([
      [entry(rowsA, '甲'), 1, '一等奖'],
      [entry(rowsA, '丙'), 3, '三等奖，年龄符合省赛要求'],
    ]);
    // Bad input: refused with its code, nothing written.
    await refused(
      () => recommend(a, [{ entryId: entry(rowsA, '甲'), reason: '再次推荐' }]),
      409,
      'RECOMMENDATION_DUPLICATE',
    );
    await refused(
      () => recommend(a, [{ entryId: entry(rowsA, '乙'), reason: '  ' }]),
      422,
      'RECOMMENDATION_REASON_REQUIRED',
    );
    await refused(
      () => recommend(a, [{ entryId: entry(rowsB, '戊'), reason: '电工一等奖' }]),
      422,
      'RECOMMENDATION_ENTRY_UNKNOWN',
    );
    await refused(
      () =>
        recommend(a, [
          { entryId: entry(rowsA, '乙'), reason: '二等奖' },
          { entryId: entry(rowsA, '乙'), reason: '二等奖' },
        ]),
      409,
      'RECOMMENDATION_DUPLICATE',
    );
    await refused(
      () =>
        api()
          .post(`/api/events/${a}/recommendations`)
          .set(staff.organizer.auth)
          .send({ level: 'provincial', count: 3 }),
      400,
      'VALIDATION_FAILED',
    );
    const listed = (
      await api().get(`/api/events/${a}/recommendations`).set(staff.chief.auth).expect(200)
    ).body as { contestantId: number; reason: string }[];
    expect(listed.map((r) => r.reason)).toEqual(['一等奖', '三等奖，年龄符合省赛要求']);

    const external = (contestantId: number) =>
      api().post('/api/external-results').set(staff.organizer.auth).send({
        contestantId,
        competition: '江苏技能状元大赛',
        level: 'provincial',
        year: 2027,
        eventName: '数控车工',
        placing: 2,
        amount: 50000,
        evidenceNo: '苏人社发〔2027〕8号',
      });
    const named = await external(ids.get('丙')!).expect(201);
    expect(named.body).toMatchObject({ result: { qualifies: true }, grant: { cash: 50000 } });
    const notNamed = await external(ids.get('乙')!).expect(201);
    expect(notNamed.body).toMatchObject({ result: { qualifies: false }, grant: null });
    const totals = (
      await api().get(`/api/editions/${e2027}/grants/totals`).set(staff.organizer.auth).expect(200)
    ).body;
    expect(totals).toMatchObject({
      edition: 215_000,
      prizes: { cash: 165_000, grants: 9 },
      matching: { cash: 50_000, grants: 1 },
    });
  });
});

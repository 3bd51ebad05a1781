import request from 'supertest';
import { AuditEntry } from '../src/audit/entities/audit-entry.entity';
import { judgeToResults, makeJudges, prepareEvent, PreparedEvent } from './support/competition-day';
import { databaseHash, settledDatabaseHash } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

/**
 * 奖项与排名 through the API: every rule is set on the event, refused with a stable code when it
 * cannot be applied (changing nothing), frozen once results exist, changed later only by the
 * chief judge with a reason (and recomputed), and never once final.
 */
describe('the rules of an event', () => {
  let t: TestApp;
  let day: PreparedEvent;

  beforeAll(async () => {
    t = await createTestApp();
    day = await prepareEvent(t, 6, {
      rules: {
        quota: { kind: 'fixed', counts: [1, 2, 2] },
        tieBreak: { chain: ['practical', 'time'], then: 'shared' },
      },
    });
  });
  afterAll(() => t.close());

  const settledHash = () => settledDatabaseHash(t.dataSource);
  const event = async () =>
    (await request(t.url).get(`/api/events/${day.eventId}`).set(day.organizer.auth).expect(200))
      .body;
  const patch = (body: object, auth = day.organizer.auth) =>
    request(t.url).patch(`/api/events/${day.eventId}`).set(auth).send(body);
  const change = (body: object, auth = day.chief.auth) =>
    request(t.url).put(`/api/events/${day.eventId}/rules`).set(auth).send(body);

  it('stores what the organiser set and fills in the defaults', async () => {
    expect((await event()).rules).toEqual({
      quota: { kind: 'fixed', counts: [1, 2, 2] },
      honourable: null,
      boundaryTie: 'higher',
      floor: null,
      minimumField: null,
      pastWinners: null,
      tieBreak: { chain: ['practical', 'time'], then: 'shared' },
    });
  });

  it.each<[string, object, number, string, object | undefined]>([
    [
      'a quota over 100 %',
      { quota: { kind: 'percent', percents: [40, 40, 30] } },
      422,
      'RULES_QUOTA_OVER_100',
      { sum: 110, limit: 100 },
    ],
    [
      'percentages without the list',
      { quota: { kind: 'percent' } },
      422,
      'RULES_QUOTA_INVALID',
      undefined,
    ],
    [
      'a floor over 100',
      { floor: { total: 100.5 } },
      422,
      'RULES_FLOOR_RANGE',
      { part: 'total', limit: 100 },
    ],
    [
      'a chain with duplicates',
      { tieBreak: { chain: ['time', 'time'], then: 'shared' } },
      422,
      'RULES_TIEBREAK_DUPLICATE',
      { criterion: 'time' },
    ],
    [
      'an unknown criterion',
      { tieBreak: { chain: ['age'], then: 'shared' } },
      422,
      'RULES_TIEBREAK_UNKNOWN',
      { criterion: 'age' },
    ],
    [
      'a minimum field of 0',
      { minimumField: { competitors: 0, form: 'no-prize' } },
      422,
      'RULES_MINIMUM_FIELD_INVALID',
      undefined,
    ],
    [
      '优胜奖 without a count',
      { honourable: { kind: 'count' } },
      422,
      'RULES_HONOURABLE_INVALID',
      undefined,
    ],
    ['the old knob', { sharedRanks: false }, 400, 'VALIDATION_FAILED', undefined],
    [
      'an unknown rounding',
      { quota: { kind: 'percent', percents: [10, 20, 30], rounding: 'banker' } },
      400,
      'VALIDATION_FAILED',
      undefined,
    ],
  ])(
    'refuses %s with its code and changes nothing',
    async (_label, rules, status, code, details) => {
      const before = await settledHash();
      const res = await patch({ rules });
      expect([res.status, res.body.code]).toEqual([status, code]);
      if (details) {
        expect(res.body.details).toMatchObject(details);
      }
      expect(await databaseHash(t.dataSource)).toBe(before);
    },
  );

  it('refuses a tie-break on a module the scheme does not have', async () => {
    await request(t.url)
      .put(`/api/events/${day.eventId}/scheme`)
      .set(day.chief.auth)
      .send({
        modules: [
          {
            code: 'A',
            name: '实操',
            aspects: [{ code: 'A1', description: '成品', kind: 'measurement', max: 100, step: 1 }],
          },
        ],
      })
      .expect(200);
    const before = await settledHash();
    const res = await patch({ rules: { tieBreak: { chain: ['module:Z'], then: 'shared' } } });
    expect([res.status, res.body.code, res.body.details?.module]).toEqual([
      422,
      'RULES_TIEBREAK_MODULE',
      'Z',
    ]);
    expect(await databaseHash(t.dataSource)).toBe(before);
    const ok = await patch({
      rules: {
        quota: { kind: 'fixed', counts: [1, 2, 2] },
        tieBreak: { chain: ['module:A', 'time'], then: 'strict' },
      },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.rules.tieBreak).toEqual({ chain: ['module:A', 'time'], then: 'strict' });
  });

  it('freezes rules and weights once results are computed', async () => {
    const [judge] = await makeJudges(t, [null]);
    // Totals 90, 85, 80, 75, 70, 65: no ties.
    await judgeToResults(t, day, judge, {
      practical: (i) => 90 - 5 * i,
      theory: (i) => 90 - 5 * i,
    });
    const results = async () =>
      (
        await request(t.url)
          .get(`/api/events/${day.eventId}/results`)
          .set(day.chief.auth)
          .expect(200)
      ).body;
    expect((await results()).rows.map((r: { prize: number | null }) => r.prize)).toEqual([
      1,
      2,
      2,
      3,
      3,
      null,
    ]);
    const before = await settledHash();
    for (const body of [
      { rules: { quota: { kind: 'fixed', counts: [2, 2, 2] } } },
      { theoryWeight: 40, practicalWeight: 60 },
    ]) {
      const res = await patch(body);
      expect([res.status, res.body.code]).toEqual([409, 'RULES_FROZEN']);
    }
    const byOrganizer = await change(
      { rules: { quota: { kind: 'fixed', counts: [2, 2, 2] } }, reason: '组委会决定' },
      day.organizer.auth,
    );
    expect([byOrganizer.status, byOrganizer.body.code]).toEqual([403, 'RULES_CHIEF_ONLY']);
    const noReason = await change({ rules: { quota: { kind: 'fixed', counts: [2, 2, 2] } } });
    expect([noReason.status, noReason.body.code]).toEqual([422, 'RULES_REASON_REQUIRED']);
    const bad = await change({ rules: { floor: { practical: 120 } }, reason: '更正' });
    expect([bad.status, bad.body.code]).toEqual([422, 'RULES_FLOOR_RANGE']);
    expect(await databaseHash(t.dataSource)).toBe(before);
  });

  it('lets the chief judge change them with a reason, recomputes, and audits both', async () => {
    const res = await change({
      rules: { quota: { kind: 'fixed', counts: [2, 2, 1] }, floor: { total: 72 } },
      reason: '竞赛规程第5条：一等奖2名',
    }).expect(200);
    expect(res.body.event.rules).toMatchObject({
      quota: { kind: 'fixed', counts: [2, 2, 1] },
      floor: { total: 72 },
    });
    // Totals 90, 85, 80, 75 pass the floor of 72; 70 and 65 do not.
    expect(
      res.body.results.rows.map(
        (r: { prize: number | null; noPrizeReason: string | null }) => r.prize ?? r.noPrizeReason,
      ),
    ).toEqual([1, 1, 2, 2, 'below-floor', 'below-floor']);
    const audit = await t.dataSource.getRepository(AuditEntry).find({ order: { seq: 'ASC' } });
    const changed = audit.filter((a) => a.action === 'event.rules-changed');
    expect(changed).toHaveLength(1);
    expect(changed[0].reason).toBe('竞赛规程第5条：一等奖2名');
    expect(JSON.parse(changed[0].before!)).toMatchObject({ quota: { counts: [1, 2, 2] } });
    expect(audit[audit.length - 1].action).toBe('results.recomputed');
  });

  it('refuses any change once final, and changes nothing', async () => {
    const now = Date.now();
    await request(t.url)
      .post(`/api/events/${day.eventId}/results/publish`)
      .set(day.chief.auth)
      .send({
        reason: '测试：缩短公示期',
        start: new Date(now - 60_000).toISOString(),
        end: new Date(now + 1_500).toISOString(),
      })
      .expect(200);
    await new Promise((r) => setTimeout(r, 1_700));
    await request(t.url)
      .post(`/api/events/${day.eventId}/results/finalize`)
      .set(day.organizer.auth)
      .expect(200);
    const before = await settledHash();
    const byChief = await change({
      rules: { quota: { kind: 'fixed', counts: [3, 2, 1] } },
      reason: '更正',
    });
    expect([byChief.status, byChief.body.code]).toEqual([409, 'RESULTS_FINAL']);
    const byPatch = await patch({ rules: { quota: { kind: 'fixed', counts: [3, 2, 1] } } });
    expect([byPatch.status, byPatch.body.code]).toEqual([409, 'RESULTS_FINAL']);
    expect(await databaseHash(t.dataSource)).toBe(before);
  });
});

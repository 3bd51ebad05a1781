import { randomUUID } from 'node:crypto';
import request from 'supertest';
import {
  judgeToResults,
  makeJudges,
  prepareEvent,
  PreparedEvent,
  Session,
} from './support/competition-day';
import { tableCounts } from './support/factories';
import { createTestApp, onPostgres, TestApp } from './support/test-app';

/**
 * Final means final: finalize only when every module is locked and the results were computed
 * after the last lock, unlock or correction; then marks, theory, times, scheme and the event's
 * scoring fields are refused. Before that, theory and times belong to the lock: once locked
 * only the chief judge changes them, with a reason, audited per person with before and after.
 */
describe('final means final; theory and times belong to the lock', () => {
  let t: TestApp;
  let day: PreparedEvent;
  let judge: Session & { id: number };
  let moduleId: number;
  let aspectId: number;

  beforeAll(async () => {
    t = await createTestApp();
    day = await prepareEvent(t, 4);
    [judge] = await makeJudges(t, ['JU']);
    ({ moduleId, aspectId } = await judgeToResults(t, day, judge, {
      practical: (i) => 60 + 10 * i,
      theory: (i) => 70 + i,
    }));
  }, 120_000);
  afterAll(() => t.close());

  /** Row counts, but for the live board's updates, which are published a moment later. */
  const counts = async (): Promise<Record<string, number>> => {
    const all = await tableCounts(t.dataSource);
    delete all.live_updates;
    return all;
  };
  const query = <T>(sql: string, params: unknown[] = []) =>
    t.dataSource.query(onPostgres() ? sql : sql.replace(/\$\d+/g, '?'), params) as Promise<T>;
  const audit = (action: string) =>
    query<{ entityId: string; before: string; after: string; reason: string | null }[]>(
      'SELECT "entityId", "before", "after", "reason" FROM "audit_log" WHERE "action" = $1 ORDER BY "seq"',
      [action],
    );
  const time = (auth: Record<string, string>, body: object) =>
    request(t.url).post(`/api/events/${day.eventId}/times`).set(auth).send(body);
  const theory = (auth: Record<string, string>, body: object) =>
    request(t.url).post(`/api/events/${day.eventId}/theory`).set(auth).send(body);
  const finalize = () =>
    request(t.url).post(`/api/events/${day.eventId}/results/finalize`).set(day.organizer.auth);

  it('lets only the chief judge change times and theory once locked, with a reason, per person', async () => {
    const before = await counts();
    const refusals = [
      [
        await time(day.organizer.auth, { workpieceCode: day.codeOf[0], seconds: 3000 }),
        403,
        'LOCKED_CHIEF_ONLY',
      ],
      [
        await time(day.chief.auth, { workpieceCode: day.codeOf[0], seconds: 3000 }),
        422,
        'REASON_REQUIRED',
      ],
      [
        await theory(day.organizer.auth, {
          scores: [{ checkInCode: day.checkInCodeOf[0], score: 99 }],
          reason: '录入错误',
        }),
        403,
        'LOCKED_CHIEF_ONLY',
      ],
      [
        await theory(day.chief.auth, {
          scores: [{ checkInCode: day.checkInCodeOf[0], score: 99 }],
        }),
        422,
        'REASON_REQUIRED',
      ],
    ] as const;
    expect(refusals.map(([res]) => [res.status, res.body.code])).toEqual(
      refusals.map(([, status, code]) => [status, code]),
    );
    expect(await counts()).toEqual(before);

    await time(day.chief.auth, {
      workpieceCode: day.codeOf[0],
      seconds: 3000,
      reason: '计时表读错',
    }).expect(200);
    const [timed] = await audit('time.recorded').then((rows) => rows.slice(-1));
    expect(timed).toMatchObject({ entityId: day.codeOf[0], reason: '计时表读错' });
    expect(JSON.parse(timed.after)).toEqual({ seconds: 3000 });

    await theory(day.chief.auth, {
      scores: [
        { checkInCode: day.checkInCodeOf[1], score: 88 },
        { checkInCode: day.checkInCodeOf[2], score: 72 }, // unchanged: 70 + 2
      ],
      reason: '阅卷复核',
    }).expect(200);
    const corrected = await audit('theory.recorded');
    const last = corrected.filter((r) => r.reason === '阅卷复核');
    expect(last.map((r) => [r.entityId, JSON.parse(r.before), JSON.parse(r.after)])).toEqual([
      [day.codeOf[1], { score: 71 }, { score: 88 }],
    ]);
  });

  it('finalizes only with every module locked and results computed after the last change', async () => {
    await request(t.url)
      .post(`/api/events/${day.eventId}/results/publish`)
      .set(day.chief.auth)
      .send({
        reason: '测试：缩短公示期',
        start: new Date(Date.now() - 60_000).toISOString(),
        end: new Date(Date.now() + 500).toISOString(),
      })
      .expect(200);
    await new Promise((resolve) => setTimeout(resolve, 700));
    const stale = await finalize().expect(409);
    expect(stale.body.code).toBe('RESULTS_STALE');
    await request(t.url)
      .post(`/api/modules/${moduleId}/unlock`)
      .set(day.chief.auth)
      .send({ reason: '申诉复核' })
      .expect(200);
    const unlocked = await finalize().expect(409);
    expect(unlocked.body).toMatchObject({ code: 'RESULTS_NOT_LOCKED', details: { unlocked: 1 } });
    await request(t.url).post(`/api/judge/modules/${moduleId}/sign`).set(judge.auth).expect(200);
    await request(t.url).post(`/api/modules/${moduleId}/lock`).set(day.chief.auth).expect(200);
    expect((await finalize().expect(409)).body.code).toBe('RESULTS_STALE');
    await request(t.url)
      .post(`/api/events/${day.eventId}/results/compute`)
      .set(day.chief.auth)
      .expect(200);
    await finalize().expect(200);
  });

  it('refuses marks, theory, times, scheme and scoring fields after final', async () => {
    const before = await counts();
    const calls = [
      request(t.url)
        .post('/api/judge/marks')
        .set(judge.auth)
        .send({ clientId: randomUUID(), workpieceCode: day.codeOf[0], aspectId, value: 100 }),
      theory(day.chief.auth, {
        scores: [{ checkInCode: day.checkInCodeOf[0], score: 100 }],
        reason: '申诉',
      }),
      time(day.chief.auth, { workpieceCode: day.codeOf[0], seconds: 10, reason: '申诉' }),
      request(t.url)
        .put(`/api/events/${day.eventId}/scheme`)
        .set(day.chief.auth)
        .send({
          modules: [
            {
              code: 'A',
              name: '实操',
              aspects: [{ code: 'A1', description: '成品', kind: 'measurement', max: 100 }],
            },
          ],
        }),
      request(t.url)
        .patch(`/api/events/${day.eventId}`)
        .set(day.organizer.auth)
        .send({ theoryWeight: 50, practicalWeight: 50 }),
      request(t.url)
        .patch(`/api/events/${day.eventId}`)
        .set(day.organizer.auth)
        .send({ mode: 'pair' }),
    ];
    const responses = [];
    for (const call of calls) {
      responses.push(await call);
    }
    expect(responses.map((r) => [r.status, r.body.code])).toEqual(
      responses.map(() => [409, 'RESULTS_FINAL']),
    );
    expect(await counts()).toEqual(before);
    // A field that changes no result still may (the printed name of the event, say).
    await request(t.url)
      .patch(`/api/events/${day.eventId}`)
      .set(day.organizer.auth)
      .send({ name: '数控车工（职工组）' })
      .expect(200);
  });
});

import request from 'supertest';
import {
  judgeToResults,
  makeJudges,
  prepareEvent,
  PreparedEvent,
  Session,
} from './support/competition-day';
import { signIn } from './support/factories';
import { createTestApp, onPostgres, TestApp } from './support/test-app';

/**
 * Every check-then-write on money and decisions has one winner: N identical requests at once
 * give one effect and one audit row; the others get a clear 409 (or the same idempotent answer),
 * never a 500. SQLite queues writes; PostgreSQL runs them at once, so this is where it shows.
 */
describe('races on money and decisions: one winner, one audit row', () => {
  let t: TestApp;
  let day: PreparedEvent;
  let judge: Session & { id: number };
  let supervisor: Session;
  let approver: Session;
  let payer: Session;
  let moduleId: number;
  const figures: { route: string; requests: number; effects: number; auditRows: number }[] = [];
  const N = 8;

  beforeAll(async () => {
    t = await createTestApp();
    day = await prepareEvent(t, 8);
    [judge] = await makeJudges(t, ['JU']);
    supervisor = await signIn(t, 'supervisor', 'arbiter');
    // Four eyes: one account computes the grants, another approves, a third pays.
    approver = await signIn(t, 'organizer', 'approver');
    payer = await signIn(t, 'organizer', 'treasurer');
    ({ moduleId } = await judgeToResults(t, day, judge, {
      practical: (i) => 50 + 5 * i,
      theory: (i) => 60 + i,
    }));
  }, 120_000);
  afterAll(async () => {
    process.stdout.write(
      `${JSON.stringify({ races: onPostgres() ? 'postgres' : 'sqlite', figures })}\n`,
    );
    await t.close();
  });

  /** SQL with PostgreSQL's $1 … on either database. */
  const query = <T>(sql: string, params: unknown[] = []) =>
    t.dataSource.query(onPostgres() ? sql : sql.replace(/\$\d+/g, '?'), params) as Promise<T>;
  const auditRows = async (action: string, entityId?: number | string) => {
    const rows = (await query('SELECT "entityId" FROM "audit_log" WHERE "action" = $1', [
      action,
    ])) as { entityId: string | null }[];
    return rows.filter((r) => entityId === undefined || r.entityId === String(entityId)).length;
  };
  const all = <T>(n: number, call: (i: number) => Promise<T>) =>
    Promise.all(Array.from({ length: n }, (_, i) => call(i)));
  const tally = (responses: request.Response[]) =>
    responses.reduce<Record<string, number>>((acc, r) => {
      const key = `${r.status}${r.status >= 400 ? ` ${r.body.code}` : ''}`;
      acc[key] = (acc[key] ?? 0) + 1;
      return acc;
    }, {});

  it('unlocks a module once when the chief judge clicks twice', async () => {
    const responses = await all(N, () =>
      request(t.url)
        .post(`/api/modules/${moduleId}/unlock`)
        .set(day.chief.auth)
        .send({ reason: '申诉复核' }),
    );
    expect(tally(responses)).toEqual({ 200: 1, [`409 MODULE_NOT_LOCKED`]: N - 1 });
    const rows = await auditRows('module.unlocked', moduleId);
    expect(rows).toBe(1);
    figures.push({
      route: 'POST /api/modules/:id/unlock',
      requests: N,
      effects: 1,
      auditRows: rows,
    });
    await request(t.url).post(`/api/judge/modules/${moduleId}/sign`).set(judge.auth).expect(200);
    await request(t.url).post(`/api/modules/${moduleId}/lock`).set(day.chief.auth).expect(200);
  });

  it('recomputes the results once: every caller gets the same answer', async () => {
    const before = await auditRows('results.recomputed', day.eventId);
    const responses = await all(N, () =>
      request(t.url).post(`/api/events/${day.eventId}/results/compute`).set(day.chief.auth),
    );
    expect(tally(responses)).toEqual({ 200: N });
    const bodies = new Set(responses.map((r) => JSON.stringify(r.body.rows)));
    expect(bodies.size).toBe(1);
    const rows = (await auditRows('results.recomputed', day.eventId)) - before;
    expect(rows).toBe(1);
    const [{ n }] = (await query('SELECT COUNT(*) AS n FROM "result_rows" WHERE "eventId" = $1', [
      day.eventId,
    ])) as { n: string }[];
    expect(Number(n)).toBe(8);
    figures.push({
      route: 'POST /api/events/:id/results/compute',
      requests: N,
      effects: rows,
      auditRows: rows,
    });
  });

  it('decides an appeal once when accept and reject arrive together', async () => {
    const start = new Date(Date.now() - 60_000).toISOString();
    const end = new Date(Date.now() + 3_000).toISOString();
    await request(t.url)
      .post(`/api/events/${day.eventId}/results/publish`)
      .set(day.chief.auth)
      .send({ start, end, reason: '测试：缩短公示期' })
      .expect(200);
    const appeal = (
      await request(t.url)
        .post(`/api/events/${day.eventId}/appeals`)
        .set(day.organizer.auth)
        .send({ text: '计时有误' })
        .expect(201)
    ).body as { id: number };
    const responses = await all(N, (i) =>
      request(t.url)
        .post(`/api/appeals/${appeal.id}/decision`)
        .set(supervisor.auth)
        .send({ accept: i % 2 === 0, decision: i % 2 === 0 ? '予以受理' : '驳回' }),
    );
    expect(tally(responses)).toEqual({ 200: 1, '409 APPEAL_DECIDED': N - 1 });
    const winner = responses.find((r) => r.status === 200)!.body as { status: string };
    const stored = (
      await request(t.url)
        .get(`/api/events/${day.eventId}/appeals`)
        .set(day.organizer.auth)
        .expect(200)
    ).body as { id: number; status: string }[];
    expect(stored.find((a) => a.id === appeal.id)!.status).toBe(winner.status);
    const rows =
      (await auditRows('appeal.accepted', appeal.id)) +
      (await auditRows('appeal.rejected', appeal.id));
    expect(rows).toBe(1);
    figures.push({
      route: 'POST /api/appeals/:id/decision',
      requests: N,
      effects: 1,
      auditRows: rows,
    });
  });

  it('makes the results final once', async () => {
    await new Promise((resolve) => setTimeout(resolve, 3_200));
    const responses = await all(N, () =>
      request(t.url).post(`/api/events/${day.eventId}/results/finalize`).set(day.organizer.auth),
    );
    expect(tally(responses)).toEqual({ 200: 1, '409 RESULTS_FINAL': N - 1 });
    const rows = await auditRows('results.final', day.eventId);
    expect(rows).toBe(1);
    figures.push({
      route: 'POST /api/events/:id/results/finalize',
      requests: N,
      effects: 1,
      auditRows: rows,
    });
  });

  it('fills the ledger once when grants are computed at the same time', async () => {
    const responses = await all(N, () =>
      request(t.url).post('/api/editions/1/grants/compute').set(day.organizer.auth),
    );
    expect(tally(responses)).toEqual({ 200: N });
    const created = responses.reduce((n, r) => n + (r.body as { created: number }).created, 0);
    expect(created).toBe(5);
    const grants = (await query('SELECT "id" FROM "grants"')) as unknown[];
    expect(grants).toHaveLength(5);
    const rows = await auditRows('grant.created');
    expect(rows).toBe(5);
    figures.push({
      route: 'POST /api/editions/:id/grants/compute',
      requests: N,
      effects: grants.length,
      auditRows: rows,
    });
  });

  const grantIds = async () =>
    (
      (await request(t.url).get('/api/editions/1/grants').set(day.organizer.auth).expect(200))
        .body as { id: number }[]
    ).map((g) => g.id);

  it('approves a grant once', async () => {
    const [id] = await grantIds();
    const responses = await all(N, () =>
      request(t.url)
        .post('/api/grants/approve')
        .set(approver.auth)
        .send({ grantIds: [id] }),
    );
    expect(tally(responses)).toEqual({ 200: 1, '409 GRANT_STATUS': N - 1 });
    const rows = await auditRows('grant.approved', id);
    expect(rows).toBe(1);
    figures.push({ route: 'POST /api/grants/approve', requests: N, effects: 1, auditRows: rows });
  });

  it('pays a grant once, with one transfer number', async () => {
    const [id] = await grantIds();
    const responses = await all(N, (i) =>
      request(t.url)
        .post(`/api/grants/${id}/pay`)
        .set(payer.auth)
        .send({ paymentRef: `ICBC-2027-${String(i).padStart(4, '0')}` }),
    );
    expect(tally(responses)).toEqual({ 200: 1, '409 GRANT_ALREADY_PAID': N - 1 });
    const winner = responses.find((r) => r.status === 200)!.body as { paymentRef: string };
    const [stored] = (await query('SELECT "paymentRef" FROM "grants" WHERE "id" = $1', [id])) as {
      paymentRef: string;
    }[];
    expect(stored.paymentRef).toBe(winner.paymentRef);
    const rows = await auditRows('grant.paid', id);
    expect(rows).toBe(1);
    figures.push({ route: 'POST /api/grants/:id/pay', requests: N, effects: 1, auditRows: rows });
  });

  it('recommends an entry once when the same recommendation arrives N times at once', async () => {
    const best = (
      await request(t.url).get(`/api/events/${day.eventId}/results`).set(day.chief.auth)
    ).body.rows[0] as { entryId: number };
    const responses = await all(N, () =>
      request(t.url)
        .post(`/api/events/${day.eventId}/recommendations`)
        .set(day.organizer.auth)
        .send({ level: 'provincial', entries: [{ entryId: best.entryId, reason: '一等奖' }] }),
    );
    expect(tally(responses)).toEqual({ 201: 1, '409 RECOMMENDATION_DUPLICATE': N - 1 });
    const [{ n }] = (await query(
      'SELECT COUNT(*) AS n FROM "recommendations" WHERE "eventId" = $1',
      [day.eventId],
    )) as { n: string }[];
    expect(Number(n)).toBe(1);
    const rows = await auditRows('recommendations.made', day.eventId);
    expect(rows).toBe(1);
    figures.push({
      route: 'POST /api/events/:id/recommendations',
      requests: N,
      effects: Number(n),
      auditRows: rows,
    });
  });

  it('records one 1:1 matching grant from identical external results sent at once', async () => {
    const recs = (
      await request(t.url)
        .get(`/api/events/${day.eventId}/recommendations`)
        .set(day.organizer.auth)
        .expect(200)
    ).body as { contestantId: number }[];
    const before = await auditRows('grant.created');
    const responses = await all(N, () =>
      request(t.url).post('/api/external-results').set(day.organizer.auth).send({
        contestantId: recs[0].contestantId,
        competition: '江苏技能状元大赛',
        level: 'provincial',
        year: 2026,
        eventName: '数控车工',
        placing: 1,
        amount: 50000,
        evidenceNo: '苏人社发〔2026〕88号',
      }),
    );
    expect(responses.every((r) => r.status === 201)).toBe(true);
    const grants = (await query(
      'SELECT "cash" FROM "grants" WHERE "basis" = $1 AND "contestantId" = $2',
      ['matching', recs[0].contestantId],
    )) as { cash: number }[];
    expect(grants).toHaveLength(1);
    const rows = (await auditRows('grant.created')) - before;
    expect(rows).toBe(1);
    figures.push({
      route: 'POST /api/external-results',
      requests: N,
      effects: grants.length,
      auditRows: rows,
    });
  });

  it('finds the same result typed differently a duplicate: no second ¥50,000', async () => {
    const [{ contestantId }] = await query<{ contestantId: number }[]>(
      'SELECT "contestantId" FROM "grants" WHERE "basis" = $1',
      ['matching'],
    );
    const variants = [
      '江苏技能状元大赛 ',
      '江苏技能状元大赛（2026）',
      '江苏技能状元大赛(2026)',
      '２０２６年 江苏技能状元大赛',
      '《江苏技能状元大赛》',
    ];
    for (const competition of variants) {
      const res = await request(t.url)
        .post('/api/external-results')
        .set(day.organizer.auth)
        .send({
          contestantId,
          competition,
          level: 'provincial',
          year: 2026,
          eventName: ' 数控车工',
          placing: 1,
          amount: 50000,
          evidenceNo: '苏人社发〔2026〕88号',
        })
        .expect(201);
      expect(res.body).toMatchObject({
        result: { qualifies: false, reason: expect.stringContaining('duplicate') },
        grant: null,
      });
    }
    const grants = await query<unknown[]>(
      'SELECT "id" FROM "grants" WHERE "basis" = $1 AND "contestantId" = $2',
      ['matching', contestantId],
    );
    expect(grants).toHaveLength(1);
  });
});

import { randomUUID } from 'node:crypto';
import request from 'supertest';
import {
  makeJudges,
  prepareEvent,
  PreparedEvent,
  Session,
  supervisorCredentials,
} from './support/competition-day';
import { binary, signIn, tableCounts } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

interface Line {
  entryId: number;
  contestantId: number;
  name: string;
  rank: number;
  prize: number | null;
  total: number;
  cash: number;
  titles: string[];
}

describe('results to rewards: publication, an appeal that changes a prize, final, ledger, matching', () => {
  let t: TestApp;
  let day: PreparedEvent;
  let judge: Session & { id: number };
  let supervisor: Session;
  let moduleId: number;
  let aspectId: number;
  let markOf: Map<string, { version: number }>;
  const practical = (i: number) => 50 + 5 * i;

  beforeAll(async () => {
    t = await createTestApp();
    day = await prepareEvent(t, 8);
    [judge] = await makeJudges(t, ['JU']);
    supervisor = await signIn(t, 'supervisor', 'arbiter');
    const scheme = {
      modules: [
        {
          code: 'A',
          name: '实操',
          aspects: [{ code: 'A1', description: '成品', kind: 'measurement', max: 100, step: 0.5 }],
        },
      ],
    };
    const put = await request(t.url)
      .put(`/api/events/${day.eventId}/scheme`)
      .set(day.chief.auth)
      .send(scheme)
      .expect(200);
    moduleId = put.body.modules[0].id;
    aspectId = put.body.modules[0].aspects[0].id;
    await request(t.url)
      .put(`/api/events/${day.eventId}/assignments`)
      .set(day.chief.auth)
      .send({ modules: [{ moduleId, judgeIds: [judge.id] }] })
      .expect(200);
    const marks = day.codeOf.map((workpieceCode, i) => ({
      clientId: randomUUID(),
      workpieceCode,
      aspectId,
      value: practical(i),
    }));
    await request(t.url).post('/api/judge/marks/batch').set(judge.auth).send({ marks }).expect(200);
    const tasks = await request(t.url).get('/api/judge/tasks').set(judge.auth).expect(200);
    markOf = new Map(
      tasks.body[0].marks.map((m: { workpieceCode: string; version: number }) => [
        m.workpieceCode,
        m,
      ]),
    );
    await request(t.url)
      .post(`/api/events/${day.eventId}/theory`)
      .set(day.chief.auth)
      .send({ scores: day.checkInCodeOf.map((checkInCode, i) => ({ checkInCode, score: 60 + i })) })
      .expect(200);
    await request(t.url).post(`/api/judge/modules/${moduleId}/sign`).set(judge.auth).expect(200);
  }, 60_000);
  afterAll(() => t.close());

  const results = async () =>
    (
      await request(t.url)
        .get(`/api/events/${day.eventId}/results`)
        .set(day.organizer.auth)
        .expect(200)
    ).body as { status: string; rows: Line[] };

  it('computes nothing before the marks are locked and decrypted', async () => {
    const early = await request(t.url)
      .post(`/api/events/${day.eventId}/results/compute`)
      .set(day.chief.auth)
      .expect(409);
    expect(early.body.code).toBe('RESULTS_NOT_LOCKED');
    await request(t.url).post(`/api/modules/${moduleId}/lock`).set(day.chief.auth).expect(200);
    const hidden = await request(t.url)
      .post(`/api/events/${day.eventId}/results/compute`)
      .set(day.chief.auth)
      .expect(409);
    expect(hidden.body.code).toBe('NOT_DECRYPTED');
    await request(t.url)
      .post(`/api/events/${day.eventId}/decrypt`)
      .set(day.chief.auth)
      .send(await supervisorCredentials(t))
      .expect(200);
  });

  it('ranks and gives prizes by the default quota (10/20/30 % of 8: 1, 1, 3) with the 2015 rewards', async () => {
    await request(t.url)
      .post(`/api/events/${day.eventId}/results/compute`)
      .set(day.chief.auth)
      .expect(200);
    const { status, rows } = await results();
    expect(status).toBe('provisional');
    // total = theory × 0.3 + practical × 0.7; contestant i: (60 + i) × 0.3 + (50 + 5i) × 0.7
    expect(rows.map((r) => [r.name, r.rank, r.prize, r.total])).toEqual(
      [7, 6, 5, 4, 3, 2, 1, 0].map((i, k) => [
        `参赛者${i}`,
        k + 1,
        k === 0 ? 1 : k === 1 ? 2 : k <= 4 ? 3 : null,
        Number(((60 + i) * 0.3 + practical(i) * 0.7).toFixed(2)),
      ]),
    );
    expect(rows[0]).toMatchObject({ titles: ['无锡技能状元'], cash: 50000 });
    expect(rows[1]).toMatchObject({
      titles: ['无锡市技术能手', '无锡市五一劳动奖章'],
      cash: 20000,
    });
    expect(rows[2].cash).toBe(10000);
  });

  it('publishes, takes an appeal, and re-ranks after the chief judge corrects the mark', async () => {
    const start = new Date(Date.now() - 60_000).toISOString();
    const end = new Date(Date.now() + 2_500).toISOString();
    await request(t.url)
      .post(`/api/events/${day.eventId}/results/publish`)
      .set(day.chief.auth)
      .send({ start, end, reason: '测试：缩短公示期' })
      .expect(200);
    const early = await request(t.url)
      .post(`/api/events/${day.eventId}/results/finalize`)
      .set(day.organizer.auth)
      .expect(409);
    expect(early.body.code).toBe('PUBLICATION_NOT_OVER');
    const appeal = (
      await request(t.url)
        .post(`/api/events/${day.eventId}/appeals`)
        .set(day.organizer.auth)
        .send({ text: '参赛者0 成品尺寸漏记' })
        .expect(201)
    ).body;
    await request(t.url)
      .post(`/api/appeals/${appeal.id}/decision`)
      .set(day.organizer.auth)
      .send({ accept: true, decision: 'x' })
      .expect(403);
    await request(t.url)
      .post(`/api/appeals/${appeal.id}/decision`)
      .set(supervisor.auth)
      .send({ accept: true, decision: '复核属实，更正成绩' })
      .expect(200);
    await request(t.url)
      .post(`/api/appeals/${appeal.id}/decision`)
      .set(supervisor.auth)
      .send({ accept: false, decision: 'again' })
      .expect(409);

    await request(t.url)
      .post(`/api/modules/${moduleId}/unlock`)
      .set(day.chief.auth)
      .send({ reason: `申诉 #${appeal.id}` })
      .expect(200);
    await request(t.url)
      .post('/api/judge/marks')
      .set(judge.auth)
      .send({
        clientId: randomUUID(),
        workpieceCode: day.codeOf[0],
        aspectId,
        value: 100,
        baseVersion: markOf.get(day.codeOf[0])!.version,
        reason: `申诉 #${appeal.id}`,
      })
      .expect(200);
    await request(t.url).post(`/api/judge/modules/${moduleId}/sign`).set(judge.auth).expect(200);
    await request(t.url).post(`/api/modules/${moduleId}/lock`).set(day.chief.auth).expect(200);
    await request(t.url)
      .post(`/api/events/${day.eventId}/results/compute`)
      .set(day.chief.auth)
      .expect(200);
    const { rows } = await results();
    expect(rows[0]).toMatchObject({ name: '参赛者0', rank: 1, prize: 1, cash: 50000 });
    const audit = await request(t.url)
      .get('/api/audit')
      .query({ entityType: 'event', entityId: String(day.eventId) })
      .set(day.organizer.auth)
      .expect(200);
    const diff = audit.body.find((r: { action: string }) => r.action === 'results.recomputed');
    expect(diff.before.find((d: { rank: number }) => d.rank === 8)).toBeDefined();
    expect(diff.after).toEqual(
      expect.arrayContaining([expect.objectContaining({ rank: 1, prize: 1 })]),
    );
  });

  it('becomes final once publication is over, and then nothing changes', async () => {
    await new Promise((r) => setTimeout(r, 2_600));
    await request(t.url)
      .post(`/api/events/${day.eventId}/results/finalize`)
      .set(day.organizer.auth)
      .expect(200);
    const before = await tableCounts(t.dataSource);
    for (const [call, code] of [
      [
        () => request(t.url).post(`/api/events/${day.eventId}/results/compute`).set(day.chief.auth),
        'RESULTS_FINAL',
      ],
      [
        () =>
          request(t.url)
            .post(`/api/modules/${moduleId}/unlock`)
            .set(day.chief.auth)
            .send({ reason: 'late' }),
        'RESULTS_FINAL',
      ],
      [
        () =>
          request(t.url)
            .post(`/api/events/${day.eventId}/appeals`)
            .set(day.organizer.auth)
            .send({ text: 'late' }),
        'RESULTS_FINAL',
      ],
    ] as const) {
      const res = await call();
      expect([res.status, res.body.code]).toEqual([409, code]);
    }
    expect(await tableCounts(t.dataSource)).toEqual(before);
  });

  it('fills the ledger once (idempotent), approves and pays once', async () => {
    const first = await request(t.url)
      .post('/api/editions/1/grants/compute')
      .set(day.organizer.auth)
      .expect(200);
    expect(first.body).toMatchObject({ created: 5, unchanged: 0, updated: 0 });
    const again = await request(t.url)
      .post('/api/editions/1/grants/compute')
      .set(day.organizer.auth)
      .expect(200);
    expect(again.body).toMatchObject({ created: 0, unchanged: 5, updated: 0 });
    const grants = (
      await request(t.url).get('/api/editions/1/grants').set(day.organizer.auth).expect(200)
    ).body as { id: number; cash: number }[];
    expect(grants.map((g) => g.cash).sort((a, b) => b - a)).toEqual([
      50000, 20000, 10000, 10000, 10000,
    ]);
    // Four eyes (on by default): who computed does not approve, who approved does not pay.
    const approver = await signIn(t, 'organizer', 'approver');
    const treasurer = await signIn(t, 'organizer', 'treasurer');
    const own = await request(t.url)
      .post('/api/grants/approve')
      .set(day.organizer.auth)
      .send({ grantIds: [grants[0].id] })
      .expect(403);
    expect(own.body).toMatchObject({
      code: 'FOUR_EYES_OWN_EDIT',
      details: { grantIds: [grants[0].id] },
    });
    await request(t.url)
      .post('/api/grants/approve')
      .set(approver.auth)
      .send({ grantIds: [grants[0].id] })
      .expect(200);
    await request(t.url)
      .post(`/api/grants/${grants[1].id}/pay`)
      .set(treasurer.auth)
      .send({ paymentRef: 'X' })
      .expect(409);
    const selfPaid = await request(t.url)
      .post(`/api/grants/${grants[0].id}/pay`)
      .set(approver.auth)
      .send({ paymentRef: 'ICBC-2025-0001' })
      .expect(403);
    expect(selfPaid.body.code).toBe('FOUR_EYES_APPROVER_PAYS');
    await request(t.url)
      .post(`/api/grants/${grants[0].id}/pay`)
      .set(treasurer.auth)
      .send({ paymentRef: 'ICBC-2025-0001' })
      .expect(200);
    const paid = (
      await request(t.url).get('/api/editions/1/grants').set(day.organizer.auth).expect(200)
    ).body.find((g: { id: number }) => g.id === grants[0].id);
    expect(paid).toMatchObject({
      status: 'paid',
      // By display name (both accounts are organizers named alike); two accounts all the same.
      approvedBy: '测试组委会',
      paidBy: '测试组委会',
      paymentRef: 'ICBC-2025-0001',
    });
    expect(paid.approvedById).not.toBe(paid.paidById);
    const twice = await request(t.url)
      .post(`/api/grants/${grants[0].id}/pay`)
      .set(treasurer.auth)
      .send({ paymentRef: 'ICBC-2025-0002' })
      .expect(409);
    expect(twice.body.code).toBe('GRANT_ALREADY_PAID');
    const totals = await request(t.url)
      .get('/api/editions/1/grants/totals')
      .set(day.organizer.auth)
      .expect(200);
    expect(totals.body.edition).toBe(100000);
  });

  it('recommends named entries and matches their national and provincial rewards 1:1 under the policy', async () => {
    const { rows } = await results();
    const recs = (
      await request(t.url)
        .post(`/api/events/${day.eventId}/recommendations`)
        .set(day.organizer.auth)
        .send({
          level: 'national',
          entries: [
            { entryId: rows[0].entryId, reason: '一等奖' },
            { entryId: rows[1].entryId, reason: '二等奖，实操成绩突出' },
          ],
        })
        .expect(201)
    ).body as { contestantId: number; entryId: number; reason: string }[];
    expect(recs.map((r) => [r.entryId, r.reason])).toEqual([
      [rows[0].entryId, '一等奖'],
      [rows[1].entryId, '二等奖，实操成绩突出'],
    ]);
    const outsider = rows[7].contestantId;
    const record = (over: object) =>
      request(t.url)
        .post('/api/external-results')
        .set(day.organizer.auth)
        .send({
          contestantId: recs[0].contestantId,
          competition: '全国技能大赛',
          level: 'national',
          year: 2026,
          eventName: '数控车工',
          placing: 5,
          amount: 30000,
          evidenceNo: '人社部〔2026〕1号',
          ...over,
        });
    const fifth = await record({}).expect(201);
    expect(fifth.body).toMatchObject({
      result: { qualifies: true },
      grant: { cash: 30000, basis: 'matching' },
    });
    const duplicate = await record({}).expect(201);
    expect(duplicate.body).toMatchObject({
      result: { qualifies: false, reason: expect.stringContaining('duplicate') },
      grant: null,
    });
    const sixth = await record({ contestantId: recs[1].contestantId, placing: 6 }).expect(201);
    expect(sixth.body).toMatchObject({ result: { qualifies: false }, grant: null });
    const notSent = await record({ contestantId: outsider, placing: 1 }).expect(201);
    expect(notSent.body.result).toMatchObject({
      qualifies: false,
      reason: expect.stringContaining('not recommended'),
    });
    for (const [over, field] of [
      [{ placing: 0 }, 'placing'],
      [{ level: 'galactic' }, 'level'],
      [{ amount: -1 }, 'amount'],
    ] as const) {
      const bad = await record(over).expect(400);
      expect(bad.body.details[0].field).toBe(field);
    }
    // Matching grants are their own group in the edition's totals, not an event numbered 0.
    const totals = (
      await request(t.url).get('/api/editions/1/grants/totals').set(day.organizer.auth).expect(200)
    ).body;
    expect(totals.matching).toEqual({ cash: 30000, grants: 1 });
    expect(totals.prizes).toEqual({ cash: 100000, grants: 5 });
    expect(totals.edition).toBe(130000);
    expect(totals.byEvent).toEqual([{ eventId: day.eventId, cash: 100000, grants: 5 }]);
  });

  it('produces the award, payout and upgrade lists as .xlsx, certificates and the signed results sheet', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const read = async (name: string) => {
      const res = await request(t.url)
        .get(`/api/editions/1/documents/${name}`)
        .set(day.organizer.auth)
        .buffer(true)
        .parse(binary)
        .expect(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.body as ArrayBuffer);
      const ws = wb.worksheets[0];
      return ws
        .getSheetValues()
        .slice(1)
        .map((row) => (row as unknown[]).slice(1));
    };
    const awards = await read('award-list.xlsx');
    expect(awards[0].slice(0, 3)).toEqual(['赛项', '奖项', '姓名']);
    const champion = awards.find((r) => r[1] === '一等奖')!;
    expect(champion).toEqual(expect.arrayContaining(['参赛者0', '无锡技能状元', '是', 50000]));
    const payout = await read('payout-list.xlsx');
    expect(payout[payout.length - 1]).toEqual(expect.arrayContaining(['合计', 130000]));
    const upgrades = await read('upgrade-list.xlsx');
    expect(upgrades.filter((r) => r[4] === '技师（二级）')).toHaveLength(5);
    await request(t.url)
      .get('/api/editions/1/documents/secret.xlsx')
      .set(day.organizer.auth)
      .expect(404);

    const grants = (
      await request(t.url).get('/api/editions/1/grants').set(day.organizer.auth).expect(200)
    ).body as { id: number; prize: number | null; contestantId: number }[];
    const first = grants.find((g) => g.prize === 1)!;
    const certificate = await request(t.url)
      .get(`/api/grants/${first.id}/certificate`)
      .set(day.organizer.auth)
      .expect(200);
    expect(certificate.headers['content-type']).toContain('text/html');
    expect(certificate.text).toContain('参赛者0');
    expect(certificate.text).toContain('无锡技能状元');
    const sheet = await request(t.url)
      .get(`/api/events/${day.eventId}/results/sheet`)
      .set(day.organizer.auth)
      .expect(200);
    expect(sheet.text).toMatch(/裁判长（签字）[\s\S]*监督仲裁（签字）/);
    expect(sheet.text).toContain('最终成绩');
  });
});

import request from 'supertest';
import { judgeToResults, makeJudges, prepareEvent, PreparedEvent } from './support/competition-day';
import {
  binary,
  makeContestant,
  makeEdition,
  makeEvent,
  signIn,
  tableCounts,
} from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

/**
 * Paid history never changes: a 2025 prize-winner who registers again for 2027 with a new name
 * and a new unit leaves 2025's certificate, award list, payout list and totals as they were.
 * And four eyes on money, per edition, on by default.
 */
describe('paid history and four eyes', () => {
  let t: TestApp;
  let day: PreparedEvent;
  let approver: Awaited<ReturnType<typeof signIn>>;
  let treasurer: Awaited<ReturnType<typeof signIn>>;
  let grants: { id: number; prize: number | null; contestantId: number; cash: number }[];

  beforeAll(async () => {
    t = await createTestApp();
    day = await prepareEvent(t, 4, {}, 2025);
    const [judge] = await makeJudges(t, ['JU']);
    await judgeToResults(t, day, judge, { practical: (i) => 90 - 10 * i, theory: () => 80 });
    await request(t.url)
      .post(`/api/events/${day.eventId}/results/publish`)
      .set(day.chief.auth)
      .send({
        reason: '测试：缩短公示期',
        start: new Date(Date.now() - 60_000).toISOString(),
        end: new Date(Date.now() + 1_000).toISOString(),
      })
      .expect(200);
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    await request(t.url)
      .post(`/api/events/${day.eventId}/results/finalize`)
      .set(day.organizer.auth)
      .expect(200);
    await request(t.url).post('/api/editions/1/grants/compute').set(day.organizer.auth).expect(200);
    grants = (await request(t.url).get('/api/editions/1/grants').set(day.organizer.auth)).body;
    approver = await signIn(t, 'organizer', 'approver');
    treasurer = await signIn(t, 'organizer', 'treasurer');
  }, 120_000);
  afterAll(() => t.close());

  const sheet = async (name: string) => {
    const ExcelJS = (await import('exceljs')).default;
    const res = await request(t.url)
      .get(`/api/editions/1/documents/${name}`)
      .set(day.organizer.auth)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as ArrayBuffer);
    return wb.worksheets[0]
      .getSheetValues()
      .slice(1)
      .map((row) => (row as unknown[]).slice(1));
  };
  const history = async (grantId: number) => ({
    certificate: (
      await request(t.url).get(`/api/grants/${grantId}/certificate`).set(day.organizer.auth)
    ).text,
    awards: await sheet('award-list.xlsx'),
    payout: await sheet('payout-list.xlsx'),
    totals: (
      await request(t.url).get('/api/editions/1/grants/totals').set(day.organizer.auth).expect(200)
    ).body,
    grants: (await request(t.url).get('/api/editions/1/grants').set(day.organizer.auth)).body,
  });

  it('keeps 2025 as it was paid when the winner registers for 2027 as another name and unit', async () => {
    const second = grants.find((g) => g.prize === 2)!;
    await request(t.url)
      .post('/api/grants/approve')
      .set(approver.auth)
      .send({ grantIds: [second.id] })
      .expect(200);
    await request(t.url)
      .post(`/api/grants/${second.id}/pay`)
      .set(treasurer.auth)
      .send({ paymentRef: 'ICBC-2025-0002' })
      .expect(200);
    const contestants = async () =>
      (await request(t.url).get('/api/contestants').set(day.organizer.auth).expect(200)).body as {
        id: number;
        name: string;
        idNumber: string;
        unitName: string;
      }[];
    const winner = (await contestants()).find((c) => c.id === second.contestantId)!;
    const paid = await history(second.id);
    expect(paid.certificate).toContain(winner.name);
    expect(paid.payout).toEqual(
      expect.arrayContaining([
        expect.arrayContaining([winner.unitName, winner.name, 20000, '已发放']),
      ]),
    );
    expect(paid.grants.find((g: { id: number }) => g.id === second.id)).toMatchObject({
      contestantName: winner.name,
      unitName: winner.unitName,
      idNumberMasked: expect.stringMatching(/^\d{4}\*{10}[\dX]{4}$/),
      eventName: '数控车工(职工组)',
    });

    const edition = (
      await request(t.url)
        .post('/api/editions')
        .set(day.organizer.auth)
        .send(makeEdition({ year: 2027, name: '第八届无锡技能精英大赛' }))
        .expect(201)
    ).body as { id: number };
    const event = (
      await request(t.url)
        .post(`/api/editions/${edition.id}/events`)
        .set(day.organizer.auth)
        .send(makeEvent({ occupation: '电工', name: '电工(职工组)' }))
        .expect(201)
    ).body as { id: number };
    // The same person (the same ID number), now married and working elsewhere.
    await request(t.url)
      .post('/api/entries')
      .set(day.organizer.auth)
      .send({
        eventId: event.id,
        group: 'worker',
        contestant: makeContestant({
          idNumber: winner.idNumber,
          name: '改名者',
          unitName: '新单位',
        }),
      })
      .expect(201);
    expect((await contestants()).find((c) => c.id === second.contestantId)).toMatchObject({
      name: '改名者',
      unitName: '新单位',
    });

    const later = await history(second.id);
    expect(later).toEqual(paid);
    expect(later.certificate).not.toContain('改名者');
    expect(JSON.stringify(later.payout)).not.toContain('新单位');
  });

  it('keeps the approver from paying and the editor from approving; an edition may turn it off', async () => {
    const third = grants.find((g) => g.prize === 3)!;
    const before = await tableCounts(t.dataSource);
    const own = await request(t.url)
      .post('/api/grants/approve')
      .set(day.organizer.auth)
      .send({ grantIds: [third.id] })
      .expect(403);
    expect(own.body).toMatchObject({
      code: 'FOUR_EYES_OWN_EDIT',
      details: { grantIds: [third.id] },
    });
    expect(await tableCounts(t.dataSource)).toEqual(before);
    await request(t.url)
      .post('/api/grants/approve')
      .set(approver.auth)
      .send({ grantIds: [third.id] })
      .expect(200);
    const self = await request(t.url)
      .post(`/api/grants/${third.id}/pay`)
      .set(approver.auth)
      .send({ paymentRef: 'ICBC-2025-0003' })
      .expect(403);
    expect(self.body.code).toBe('FOUR_EYES_APPROVER_PAYS');
    const bad = await request(t.url)
      .patch('/api/editions/1')
      .set(day.organizer.auth)
      .send({ fourEyes: 'no' })
      .expect(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    const off = await request(t.url)
      .patch('/api/editions/1')
      .set(day.organizer.auth)
      .send({ fourEyes: false })
      .expect(200);
    expect(off.body.fourEyes).toBe(false);
    const paid = await request(t.url)
      .post(`/api/grants/${third.id}/pay`)
      .set(approver.auth)
      .send({ paymentRef: 'ICBC-2025-0003' })
      .expect(200);
    expect(paid.body).toMatchObject({ approvedBy: '测试组委会', paidBy: '测试组委会' });
    expect(paid.body.paidById).toBe(paid.body.approvedById);
  });
});

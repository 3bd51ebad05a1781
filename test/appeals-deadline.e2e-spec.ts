import request from 'supertest';
import {
  judgeToResults,
  makeJudges,
  prepareEvent,
  PreparedEvent,
  Session,
} from './support/competition-day';
import { signIn, tableCounts } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

const sleepUntil = async (ms: number) => {
  const wait = ms - Date.now();
  if (wait > 0) {
    await new Promise((r) => setTimeout(r, wait));
  }
};

/**
 * 申诉 are taken in writing until the deadline set at publication (docs/domain.md: typically 2 hours
 * after the event), and never once the results are final. Time moves for real here: the results
 * are published with a deadline two seconds ahead, and the test waits it out.
 */
describe('appeals: closed after the deadline and once the results are final', () => {
  let t: TestApp;
  let day: PreparedEvent;
  let supervisor: Session;
  let deadline: number;
  let publicationEnd: number;

  beforeAll(async () => {
    t = await createTestApp();
    day = await prepareEvent(t, 3);
    const [judge] = await makeJudges(t, ['JU']);
    supervisor = await signIn(t, 'supervisor', 'arbiter');
    await judgeToResults(t, day, judge, { practical: (i) => 60 + 10 * i, theory: () => 80 });
  }, 60_000);
  afterAll(() => t.close());

  const fileAppeal = (text: string) =>
    request(t.url)
      .post(`/api/events/${day.eventId}/appeals`)
      .set(day.organizer.auth)
      .send({ text });
  const appeals = async () =>
    (
      await request(t.url)
        .get(`/api/events/${day.eventId}/appeals`)
        .set(day.organizer.auth)
        .expect(200)
    ).body as { id: number; text: string }[];

  it('takes an appeal before the deadline and refuses one after it, writing nothing', async () => {
    const now = Date.now();
    deadline = now + 2_000;
    publicationEnd = deadline + 500;
    const published = await request(t.url)
      .post(`/api/events/${day.eventId}/results/publish`)
      .set(day.chief.auth)
      .send({
        reason: '测试：缩短公示期',
        start: new Date(now - 60_000).toISOString(),
        end: new Date(publicationEnd).toISOString(),
        appealDeadline: new Date(deadline).toISOString(),
      })
      .expect(200);
    expect(published.body).toMatchObject({
      status: 'published',
      appealDeadline: new Date(deadline).toISOString(),
    });
    // In time: the same request succeeds, so the refusal below is the deadline's doing.
    await fileAppeal('参赛者1 的成品尺寸漏记').expect(201);

    await sleepUntil(deadline + 50);
    const before = await tableCounts(t.dataSource);
    const late = await fileAppeal('逾期申诉').expect(409);
    expect(late.body).toMatchObject({ statusCode: 409, code: 'APPEAL_DEADLINE_PASSED' });
    expect(await tableCounts(t.dataSource)).toEqual(before);
    expect((await appeals()).map((a) => a.text)).toEqual(['参赛者1 的成品尺寸漏记']);
  });

  it('refuses an appeal once the results are final, writing nothing', async () => {
    const [open] = await appeals();
    await request(t.url)
      .post(`/api/appeals/${open.id}/decision`)
      .set(supervisor.auth)
      .send({ accept: false, decision: '经复核，成绩无误' })
      .expect(200);
    await sleepUntil(publicationEnd + 50);
    await request(t.url)
      .post(`/api/events/${day.eventId}/results/finalize`)
      .set(day.organizer.auth)
      .expect(200);
    const before = await tableCounts(t.dataSource);
    const late = await fileAppeal('结果已定后的申诉').expect(409);
    expect(late.body).toMatchObject({ statusCode: 409, code: 'RESULTS_FINAL' });
    expect(await tableCounts(t.dataSource)).toEqual(before);
    expect(await appeals()).toHaveLength(1);
  });
});

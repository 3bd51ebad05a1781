import request from 'supertest';
import { judgeToResults, makeJudges, prepareEvent, PreparedEvent } from './support/competition-day';
import { databaseHash } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

/**
 * Issue #14, section 3: results that cannot be wrong silently. An event that weighs theory
 * refuses to compute while a competitor has no theory score (it used to count as 0), naming
 * the work-piece and check-in codes; an explicit score (0 for an absentee) lets it through.
 */
describe('results refuse a missing theory score', () => {
  let t: TestApp;
  let day: PreparedEvent;

  beforeAll(async () => {
    t = await createTestApp({ LIVE_INTERVAL_MS: '60000' });
    day = await prepareEvent(t, 3);
    const [judge] = await makeJudges(t, [null]);
    await judgeToResults(
      t,
      day,
      judge,
      { practical: (i) => 90 - i, theory: (i) => (i === 1 ? null : 80) },
      { compute: false },
    );
  });
  afterAll(() => t.close());

  const compute = () =>
    request(t.url).post(`/api/events/${day.eventId}/results/compute`).set(day.chief.auth);

  it('answers 409 THEORY_MISSING with the codes, and changes nothing', async () => {
    await new Promise((r) => setTimeout(r, 500));
    const before = await databaseHash(t.dataSource);
    const res = await compute();
    expect([res.status, res.body.code]).toEqual([409, 'THEORY_MISSING']);
    expect(res.body.details).toEqual({
      workpieceCodes: [day.codeOf[1]],
      checkInCodes: [day.checkInCodeOf[1]],
    });
    expect(await databaseHash(t.dataSource)).toBe(before);
  });

  it('computes once the score is imported (0 for a contestant absent from theory)', async () => {
    await request(t.url)
      .post(`/api/events/${day.eventId}/theory`)
      .set(day.chief.auth)
      .send({
        scores: [{ checkInCode: day.checkInCodeOf[1], score: 0 }],
        // After the lock, only the chief judge changes theory, with a reason.
        reason: '理论缺考，按0分补录',
      })
      .expect(200);
    const res = await compute().expect(200);
    expect(res.body.rows.map((r: { total: number }) => r.total)).toEqual([87, 85.6, 62.3]);
  });
});

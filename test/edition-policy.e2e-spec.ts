import request from 'supertest';
import { judgeToResults, makeJudges, prepareEvent, PreparedEvent } from './support/competition-day';
import { makeEdition, tableCounts } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

/**
 * Choosing the reward policy an edition follows (PATCH /api/editions/:id { policyId }), as the
 * console's edition dialog does, and the two moments it may no longer change: the edition is
 * closed, or one of its events has final results (its prizes were granted under the policy).
 */
describe('an edition’s reward policy', () => {
  let t: TestApp;
  let day: PreparedEvent;
  let editionId: number;

  beforeAll(async () => {
    t = await createTestApp();
    day = await prepareEvent(t, 2);
    editionId = (await request(t.url).get('/api/editions').set(day.organizer.auth).expect(200))
      .body[0].id;
    await request(t.url)
      .post('/api/policies/wuxi-2015/clone')
      .set(day.organizer.auth)
      .send({ id: 'wuxi-2027', name: '第八届奖励办法' })
      .expect(201);
  }, 60_000);
  afterAll(() => t.close());

  const setPolicy = (id: number, body: Record<string, unknown>) =>
    request(t.url).patch(`/api/editions/${id}`).set(day.organizer.auth).send(body);
  const policyOf = async (id: number) =>
    (await request(t.url).get(`/api/editions/${id}`).set(day.organizer.auth).expect(200)).body
      .policyId as string;

  it('lists the policies to choose from, and switches the edition to another one', async () => {
    const policies = (await request(t.url).get('/api/policies').set(day.organizer.auth).expect(200))
      .body as { id: string; name: string; usedBy: number[] }[];
    expect(policies.map((p) => p.id)).toEqual(['wuxi-2015', 'wuxi-2027']);
    expect(await policyOf(editionId)).toBe('wuxi-2015');

    const res = await setPolicy(editionId, { policyId: 'wuxi-2027' }).expect(200);
    expect(res.body.policyId).toBe('wuxi-2027');
    expect(await policyOf(editionId)).toBe('wuxi-2027');
    const after = (await request(t.url).get('/api/policies').set(day.organizer.auth).expect(200))
      .body as { id: string; usedBy: number[] }[];
    expect(after.find((p) => p.id === 'wuxi-2027')!.usedBy).toEqual([2027]);
    const audit = await request(t.url)
      .get('/api/audit')
      .query({ entityType: 'edition', entityId: String(editionId) })
      .set(day.organizer.auth)
      .expect(200);
    expect(
      audit.body.find((r: { action: string }) => r.action === 'edition.updated'),
    ).toMatchObject({ before: { policyId: 'wuxi-2015' }, after: { policyId: 'wuxi-2027' } });
  });

  it('refuses an unknown or malformed policy, changing nothing', async () => {
    const before = await tableCounts(t.dataSource);
    const unknown = await setPolicy(editionId, { policyId: 'no-such-policy' }).expect(422);
    expect(unknown.body).toMatchObject({
      code: 'POLICY_NOT_FOUND',
      details: [{ field: 'policyId', messages: [expect.any(String)] }],
    });
    const malformed = await setPolicy(editionId, { policyId: 'Not A Policy!' }).expect(400);
    expect(malformed.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [expect.objectContaining({ field: 'policyId' })],
    });
    expect(await tableCounts(t.dataSource)).toEqual(before);
    expect(await policyOf(editionId)).toBe('wuxi-2027');
  });

  it('keeps the policy of a closed edition, while the unchanged policy may be sent again', async () => {
    const closed = (
      await request(t.url)
        .post('/api/editions')
        .set(day.organizer.auth)
        .send(makeEdition({ year: 2013, name: '第一届无锡技能精英大赛', status: 'closed' }))
        .expect(201)
    ).body;
    const before = await tableCounts(t.dataSource);
    const refused = await setPolicy(closed.id, { policyId: 'wuxi-2027' }).expect(409);
    expect(refused.body.code).toBe('EDITION_POLICY_FROZEN');
    // Reopening in the same request does not get round it: the stored status decides.
    const reopening = await setPolicy(closed.id, {
      status: 'published',
      policyId: 'wuxi-2027',
    }).expect(409);
    expect(reopening.body.code).toBe('EDITION_POLICY_FROZEN');
    expect(await tableCounts(t.dataSource)).toEqual(before);
    expect(await policyOf(closed.id)).toBe('wuxi-2015');

    // The console's dialog sends the whole form, policy included: other fields still change.
    const renamed = await setPolicy(closed.id, {
      name: '第一届无锡技能精英大赛(2013)',
      policyId: 'wuxi-2015',
    }).expect(200);
    expect(renamed.body).toMatchObject({
      name: '第一届无锡技能精英大赛(2013)',
      policyId: 'wuxi-2015',
    });
  });

  it('keeps the policy once an event of the edition has final results', async () => {
    const [judge] = await makeJudges(t, ['JU']);
    await judgeToResults(t, day, judge, { practical: (i) => 70 + 10 * i, theory: () => 80 });
    // While the results are only published, the edition may still move to another policy.
    const end = Date.now() + 1_000;
    await request(t.url)
      .post(`/api/events/${day.eventId}/results/publish`)
      .set(day.chief.auth)
      .send({
        start: new Date(end - 60_000).toISOString(),
        end: new Date(end).toISOString(),
        reason: '测试：缩短公示期',
      })
      .expect(200);
    await setPolicy(editionId, { policyId: 'wuxi-2015' }).expect(200);
    await new Promise((r) => setTimeout(r, Math.max(0, end + 50 - Date.now())));
    await request(t.url)
      .post(`/api/events/${day.eventId}/results/finalize`)
      .set(day.organizer.auth)
      .expect(200);

    const edition = (
      await request(t.url).get(`/api/editions/${editionId}`).set(day.organizer.auth).expect(200)
    ).body;
    expect(edition.status).not.toBe('closed');
    const before = await tableCounts(t.dataSource);
    const refused = await setPolicy(editionId, { policyId: 'wuxi-2027' }).expect(409);
    expect(refused.body.code).toBe('EDITION_POLICY_FROZEN');
    expect(await tableCounts(t.dataSource)).toEqual(before);
    expect(await policyOf(editionId)).toBe('wuxi-2015');
  });
});

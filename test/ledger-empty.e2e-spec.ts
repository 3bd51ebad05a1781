import request from 'supertest';
import { makeEdition, makeEvent, signIn } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

/**
 * Issue #15, a dead end: "生成台账" on an edition without final results answered "新增 0，未变 0，
 * 更新 0" and nothing else. The answer now says why nothing was generated: how many events are
 * final and how many are not yet.
 */
describe('generating the ledger says why nothing was generated', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('counts the final events and those not final yet', async () => {
    const organizer = await signIn(t, 'organizer', 'org');
    const editionId = (
      await request(t.url).post('/api/editions').set(organizer.auth).send(makeEdition()).expect(201)
    ).body.id as number;
    for (const occupation of ['钳工', '电工']) {
      await request(t.url)
        .post(`/api/editions/${editionId}/events`)
        .set(organizer.auth)
        .send(makeEvent({ occupation, name: `${occupation}(职工组)` }))
        .expect(201);
    }
    const res = await request(t.url)
      .post(`/api/editions/${editionId}/grants/compute`)
      .set(organizer.auth)
      .expect(200);
    expect(res.body).toEqual({
      created: 0,
      unchanged: 0,
      updated: 0,
      finalEvents: 0,
      eventsNotFinal: 2,
    });
  });
});

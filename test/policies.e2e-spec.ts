import request from 'supertest';
import { createTestApp, TestApp } from './support/test-app';
import { makeEdition, signIn, tableCounts } from './support/factories';

describe('reward policies as data', () => {
  let t: TestApp;
  let organizer: Awaited<ReturnType<typeof signIn>>;

  beforeAll(async () => {
    t = await createTestApp();
    organizer = await signIn(t, 'organizer');
  });
  afterAll(() => t.close());

  it('loads the 2015 policy at start-up with its clauses, titles and amounts', async () => {
    const res = await request(t.url).get('/api/policies/wuxi-2015').set(organizer.auth).expect(200);
    expect(res.body).toMatchObject({ id: 'wuxi-2015', origin: 'file', frozen: false });
    expect(res.body.document.prizes.worker['1']).toMatchObject({
      cash: 50000,
      titles: ['无锡技能状元'],
      modelWorkerTreatment: true,
    });
    expect(res.body.document.prizes.student['1'].cash).toBe(0);
    expect(res.body.document.matching).toMatchObject({
      national: { maxPlacing: 5 },
      provincial: { maxPlacing: 3 },
      ratio: 1,
    });
    await request(t.url).get('/api/policies/nope').set(organizer.auth).expect(404);
  });

  it('clones a policy for a new edition and validates every edit whole', async () => {
    const clone = await request(t.url)
      .post('/api/policies/wuxi-2015/clone')
      .set(organizer.auth)
      .send({ id: 'wuxi-2027', name: '第八届奖励办法' })
      .expect(201);
    expect(clone.body).toMatchObject({ id: 'wuxi-2027', origin: 'console', basedOn: 'wuxi-2015' });
    await request(t.url)
      .post('/api/policies/wuxi-2015/clone')
      .set(organizer.auth)
      .send({ id: 'wuxi-2027', name: 'x' })
      .expect(409);

    const document = structuredClone(clone.body.document);
    document.prizes.worker['1'].cash = -5;
    document.prizes.worker['2'].qualification = { target: 'grandmaster' };
    const before = await tableCounts(t.dataSource);
    const bad = await request(t.url)
      .put('/api/policies/wuxi-2027')
      .set(organizer.auth)
      .send({ document })
      .expect(422);
    expect(bad.body.code).toBe('POLICY_INVALID');
    expect(bad.body.details.map((e: { code: string }) => e.code).sort()).toEqual([
      'POLICY_NEGATIVE_AMOUNT',
      'POLICY_UNKNOWN_LEVEL',
    ]);
    expect(await tableCounts(t.dataSource)).toEqual(before);

    document.prizes.worker['1'].cash = 60000;
    document.prizes.worker['2'].qualification = { target: 'technician' };
    const ok = await request(t.url)
      .put('/api/policies/wuxi-2027')
      .set(organizer.auth)
      .send({ document })
      .expect(200);
    expect(ok.body.document.prizes.worker['1'].cash).toBe(60000);
  });

  it('points an edition at a policy, and refuses one that does not exist', async () => {
    const before = await tableCounts(t.dataSource);
    const res = await request(t.url)
      .post('/api/editions')
      .set(organizer.auth)
      .send(makeEdition({ year: 2031, policyId: 'no-such-policy' }))
      .expect(422);
    expect(res.body).toMatchObject({
      code: 'POLICY_NOT_FOUND',
      details: [{ field: 'policyId', messages: [expect.any(String)] }],
    });
    expect(await tableCounts(t.dataSource)).toEqual(before);
    const edition = await request(t.url)
      .post('/api/editions')
      .set(organizer.auth)
      .send(makeEdition({ year: 2031, policyId: 'wuxi-2027' }))
      .expect(201);
    expect(edition.body.policyId).toBe('wuxi-2027');
  });

  it('freezes a policy that a closed edition follows', async () => {
    const edition = (
      await request(t.url)
        .post('/api/editions')
        .set(organizer.auth)
        .send(makeEdition({ year: 2029 }))
        .expect(201)
    ).body;
    await request(t.url)
      .patch(`/api/editions/${edition.id}`)
      .set(organizer.auth)
      .send({ status: 'closed' })
      .expect(200);
    const policy = (
      await request(t.url).get('/api/policies/wuxi-2015').set(organizer.auth).expect(200)
    ).body;
    expect(policy).toMatchObject({ frozen: true, usedBy: [2029] });
    const refused = await request(t.url)
      .put('/api/policies/wuxi-2015')
      .set(organizer.auth)
      .send({ document: policy.document })
      .expect(409);
    expect(refused.body.code).toBe('POLICY_IN_USE');
  });
});

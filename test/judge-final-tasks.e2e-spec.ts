import request from 'supertest';
import { makeJudges } from './support/competition-day';
import { publishAndFinalize, runEvent, Staff } from './support/edition-run';
import { makeEdition, signIn } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

/**
 * Issue #15: a judge who marked last edition opened the tablet on that edition's final event
 * (the first task). Final results cannot change, so the tablet leaves such events out; an
 * event still published (公示) stays, since an accepted appeal may reopen its marks.
 */
describe("the judge's tablet leaves out events whose results are final", () => {
  let t: TestApp;
  let staff: Staff;

  beforeAll(async () => {
    t = await createTestApp();
    const [judge] = await makeJudges(t, [null]);
    staff = {
      organizer: await signIn(t, 'organizer', 'org'),
      chief: await signIn(t, 'chief_judge', 'chief'),
      encryptor: await signIn(t, 'encryption_judge', 'enc'),
      judge,
    };
  }, 60_000);
  afterAll(() => t.close());

  const tasks = async () =>
    (await request(t.url).get('/api/judge/tasks').set(staff.judge.auth).expect(200)).body as {
      eventId: number;
    }[];

  it('lists a published event, and no longer once it is final', async () => {
    const editionId = (
      await request(t.url)
        .post('/api/editions')
        .set(staff.organizer.auth)
        .send(makeEdition())
        .expect(201)
    ).body.id as number;
    const people = [1, 2].map((i) => ({
      name: `选手${i}`,
      level: null,
      practical: 60 + i,
      theory: 70,
      idSeq: i,
    }));
    const day = await runEvent(t, staff, editionId, { occupation: '钳工' }, people);
    await request(t.url)
      .post(`/api/events/${day.eventId}/results/compute`)
      .set(staff.chief.auth)
      .expect(200);
    expect((await tasks()).map((x) => x.eventId)).toContain(day.eventId);
    await publishAndFinalize(t, staff, [day.eventId]);
    expect((await tasks()).map((x) => x.eventId)).not.toContain(day.eventId);
  });
});

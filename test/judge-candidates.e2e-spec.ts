import request from 'supertest';
import { SYSTEM_ACTOR } from '../src/audit/actor';
import { UsersService } from '../src/users/users.service';
import { makeJudges, prepareEvent, PreparedEvent } from './support/competition-day';
import { PASSWORD, signIn } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

interface Candidate {
  judgeId: number;
  displayName: string;
  unitName: string | null;
  conflicts: number;
  contestants: number;
}

/**
 * Judges are picked by name and unit, not by typing user ids; each candidate comes with the
 * number of the event's contestants from their own unit (回避) before anything is saved.
 */
describe('Judge candidates for an event, by name and unit', () => {
  let t: TestApp;
  let day: PreparedEvent;
  let judges: Awaited<ReturnType<typeof makeJudges>>;

  const candidates = (query: Record<string, string>, auth = day.chief.auth) =>
    request(t.url).get(`/api/events/${day.eventId}/judge-candidates`).query(query).set(auth);

  beforeAll(async () => {
    t = await createTestApp();
    // Four contestants of units U0..U3.
    day = await prepareEvent(t, 4);
    judges = await makeJudges(t, ['U1', '别的单位', null]);
    const users = t.app.get(UsersService);
    const retired = await users.create(SYSTEM_ACTOR, {
      username: 'retired-judge',
      displayName: '裁判 退休',
      role: 'judge',
      password: PASSWORD,
    });
    await users.update(SYSTEM_ACTOR, retired.id, { active: false });
    await signIn(t, 'organizer', 'org-named-like-a-judge');
  }, 60_000);
  afterAll(() => t.close());

  it('finds active judges by name, with their own-unit conflicts counted', async () => {
    const res = await candidates({ q: '裁判' }).expect(200);
    const list = res.body as Candidate[];
    expect(list.map((c) => c.displayName).sort()).toEqual(['裁判0', '裁判1', '裁判2']);
    const byName = Object.fromEntries(list.map((c) => [c.displayName, c]));
    expect(byName['裁判0']).toEqual({
      judgeId: judges[0].id,
      displayName: '裁判0',
      unitName: 'U1',
      conflicts: 1,
      contestants: 4,
    });
    expect(byName['裁判1'].conflicts).toBe(0);
    expect(byName['裁判2'].conflicts).toBe(0);
  });

  it('finds them by unit too, and lists every active judge without a query', async () => {
    const byUnit = (await candidates({ q: 'u1' }).expect(200)).body as Candidate[];
    expect(byUnit.map((c) => c.displayName)).toEqual(['裁判0']);
    const all = (await candidates({}).expect(200)).body as Candidate[];
    expect(all).toHaveLength(3);
  });

  it('is for the chief judge and organizers only, and refuses a query it cannot use', async () => {
    await candidates({}, judges[0].auth).expect(403);
    await candidates({}, day.organizer.auth).expect(200);
    const long = await candidates({ q: 'x'.repeat(101) }).expect(400);
    expect(long.body.code).toBe('VALIDATION_FAILED');
    const unknown = await request(t.url)
      .get('/api/events/999999/judge-candidates')
      .set(day.chief.auth)
      .expect(404);
    expect(unknown.body.code).toBe('EVENT_NOT_FOUND');
  });
});

import request from 'supertest';
import { SYSTEM_ACTOR } from '../src/audit/actor';
import { LiveUpdate } from '../src/live/live-update.entity';
import { UsersService } from '../src/users/users.service';
import {
  judgeToLock,
  makeJudges,
  prepareEvent,
  PreparedEvent,
  supervisorAccount,
  supervisorCredentials,
} from './support/competition-day';
import { PASSWORD, signIn, tableCounts } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

interface AuditRow {
  actorId: number | null;
  actorName: string;
  action: string;
  after: Record<string, unknown> | null;
}

/**
 * 解密 under supervision by two people: the chief judge opens it, the supervisor confirms with
 * their own credentials on the same screen. A typed name is no longer enough, the supervisor's
 * identity is checked like a sign-in (and throttled like one), and both identities are kept.
 */
describe('Decryption by the chief judge and the supervisor', () => {
  let t: TestApp;
  let day: PreparedEvent;

  const decrypt = (body: object, auth = day.chief.auth) =>
    request(t.url).post(`/api/events/${day.eventId}/decrypt`).set(auth).send(body);

  beforeAll(async () => {
    t = await createTestApp();
    day = await prepareEvent(t, 3);
    const [judge] = await makeJudges(t, ['JU0']);
    await judgeToLock(t, day, judge, { practical: (i) => 80 + i, theory: (i) => 70 + i });
    // The lock's live update is written after the request answers; let it land before counting.
    const updates = t.dataSource.getRepository(LiveUpdate);
    for (let i = 0; i < 100 && (await updates.count()) === 0; i += 1) {
      await new Promise((r) => setTimeout(r, 50));
    }
  }, 60_000);
  afterAll(() => t.close());

  it('refuses a supervisor who is only a typed name', async () => {
    const before = await tableCounts(t.dataSource);
    const res = await decrypt({ supervisor: '刘洋' }).expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(await tableCounts(t.dataSource)).toEqual(before);
  });

  it('refuses a wrong supervisor password, and changes nothing', async () => {
    const { username } = await supervisorAccount(t);
    const before = await tableCounts(t.dataSource);
    const res = await decrypt({ supervisorUsername: username, supervisorPassword: 'wrong-pass' });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('SUPERVISOR_CREDENTIALS_INVALID');
    expect(await tableCounts(t.dataSource)).toEqual(before);
    const sealed = await request(t.url)
      .get(`/api/events/${day.eventId}/code-map`)
      .set(day.chief.auth);
    expect(sealed.status).toBe(403);
  });

  it('refuses credentials of an account that is not a supervisor (the chief judge or an organizer)', async () => {
    await signIn(t, 'organizer', 'org-not-supervisor');
    for (const username of ['org-not-supervisor', 'chief2027']) {
      const res = await decrypt({ supervisorUsername: username, supervisorPassword: PASSWORD });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('SUPERVISOR_ROLE_REQUIRED');
    }
  });

  it('throttles guessing a supervisor password as a sign-in would be', async () => {
    const username = 'supervisor-guessed';
    await t.app.get(UsersService).create(SYSTEM_ACTOR, {
      username,
      displayName: '监督 王',
      role: 'supervisor',
      password: PASSWORD,
    });
    for (let i = 0; i < 5; i += 1) {
      await decrypt({ supervisorUsername: username, supervisorPassword: `guess-${i}` }).expect(422);
    }
    const res = await decrypt({ supervisorUsername: username, supervisorPassword: PASSWORD });
    expect(res.status).toBe(429);
    expect(res.body.code).toBe('LOGIN_THROTTLED');
    const login = await request(t.url)
      .post('/api/auth/login')
      .send({ username, password: PASSWORD });
    expect(login.status).toBe(429);
  });

  it('decrypts with the supervisor signed in; both identities in the audit log and on the sheet', async () => {
    const supervisor = await supervisorAccount(t);
    const res = await decrypt(await supervisorCredentials(t)).expect(200);
    expect(res.body.decryptedAt).toEqual(expect.any(String));
    expect(res.body.chief).toEqual({ id: expect.any(Number), name: '测试裁判长' });
    expect(res.body.supervisor).toEqual({ id: supervisor.id, name: '监督仲裁 刘洋' });

    const audit = (
      await request(t.url)
        .get('/api/audit')
        .query({ entityType: 'event', entityId: String(day.eventId), limit: 1000 })
        .set(day.chief.auth)
        .expect(200)
    ).body as AuditRow[];
    const decrypted = audit.find((a) => a.action === 'codes.decrypted');
    expect(decrypted?.actorName).toBe('chief2027');
    expect(decrypted?.after).toMatchObject({
      supervisor: { id: supervisor.id, username: supervisor.username },
    });
    const confirmed = audit.find((a) => a.action === 'codes.decryption.confirmed');
    expect(confirmed?.actorId).toBe(supervisor.id);
    expect(confirmed?.actorName).toBe(supervisor.username);

    await request(t.url)
      .post(`/api/events/${day.eventId}/results/compute`)
      .set(day.chief.auth)
      .expect(200);
    const sheet = await request(t.url)
      .get(`/api/events/${day.eventId}/results/sheet`)
      .set(day.chief.auth)
      .expect(200);
    expect(sheet.text).toContain('解密');
    expect(sheet.text).toContain('测试裁判长');
    expect(sheet.text).toContain('监督仲裁 刘洋');

    const again = await decrypt(await supervisorCredentials(t)).expect(409);
    expect(again.body.code).toBe('ALREADY_DECRYPTED');
  });
});

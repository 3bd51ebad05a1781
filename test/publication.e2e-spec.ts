import request from 'supertest';
import {
  judgeToResults,
  makeJudges,
  prepareEvent,
  PreparedEvent,
  supervisorCredentials,
} from './support/competition-day';
import { databaseHash, PASSWORD, settledDatabaseHash } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

/**
 * Issue #14 §3: 公示 lasts at least the policy's minimum (5 days in the 2015 default) and does
 * not start in the past; a shorter or earlier window needs the chief judge — in their own
 * session, or confirming on the organiser's screen with their password — and a reason, and the
 * exception is audited. Every refusal has its code and changes nothing.
 */
describe('公示: the policy’s minimum, or the chief judge’s reasoned exception', () => {
  let t: TestApp;
  let first: PreparedEvent;
  let second: PreparedEvent;
  const HOUR = 3600_000;
  const DAY = 24 * HOUR;

  beforeAll(async () => {
    t = await createTestApp();
    first = await prepareEvent(t, 2);
    const editionId = (
      await request(t.url).get('/api/editions').set(first.organizer.auth).expect(200)
    ).body[0].id as number;
    second = await prepareEvent(
      t,
      2,
      { occupation: '电工', name: '电工(职工组)' },
      2028,
      editionId,
    );
    const [judge] = await makeJudges(t, [null]);
    for (const day of [first, second]) {
      await judgeToResults(t, day, judge, { practical: (i) => 80 - i, theory: () => 80 });
    }
  }, 60_000);
  afterAll(() => t.close());

  const at = (ms: number) => new Date(Date.now() + ms).toISOString();
  const publish = (day: PreparedEvent, body: object, auth = day.organizer.auth) =>
    request(t.url).post(`/api/events/${day.eventId}/results/publish`).set(auth).send(body);

  it('refuses a window that breaks the rule, with its code, changing nothing', async () => {
    const chiefSignsHere = { chiefUsername: 'chief2027', chiefPassword: PASSWORD };
    const supervisor = await supervisorCredentials(t);
    const cases: [string, object, number, string][] = [
      ['4 days', { start: at(0), end: at(4 * DAY) }, 422, 'PUBLICATION_TOO_SHORT'],
      ['from yesterday', { start: at(-DAY), end: at(6 * DAY) }, 422, 'PUBLICATION_IN_PAST'],
      ['ending before it starts', { start: at(DAY), end: at(0) }, 409, 'PUBLICATION_DATES'],
      [
        'short, the organiser giving a reason alone',
        { start: at(0), end: at(DAY), reason: '赶在假期前' },
        422,
        'PUBLICATION_TOO_SHORT',
      ],
      [
        'short, the chief judge confirming without a reason',
        { start: at(0), end: at(DAY), ...chiefSignsHere },
        422,
        'PUBLICATION_REASON_REQUIRED',
      ],
      [
        'short, a wrong chief judge password',
        {
          start: at(0),
          end: at(DAY),
          reason: '复核',
          chiefUsername: 'chief2027',
          chiefPassword: 'x',
        },
        422,
        'CHIEF_CREDENTIALS_INVALID',
      ],
      [
        'short, confirmed by a supervisor instead',
        {
          start: at(0),
          end: at(DAY),
          reason: '复核',
          chiefUsername: supervisor.supervisorUsername,
          chiefPassword: supervisor.supervisorPassword,
        },
        422,
        'CHIEF_ROLE_REQUIRED',
      ],
    ];
    const before = await settledDatabaseHash(t.dataSource);
    const seen: [string, number, string][] = [];
    for (const [label, body] of cases) {
      const res = await publish(first, body);
      seen.push([label, res.status, res.body.code]);
    }
    expect(seen).toEqual(cases.map(([label, , status, code]) => [label, status, code]));
    // The chief judge in their own session still needs the reason.
    const noReason = await publish(first, { start: at(0), end: at(DAY) }, first.chief.auth);
    expect([noReason.status, noReason.body.code]).toEqual([422, 'PUBLICATION_REASON_REQUIRED']);
    expect(await databaseHash(t.dataSource)).toBe(before);
  });

  it('words the minimum in Chinese from the policy', async () => {
    const res = await publish(first, { start: at(0), end: at(3.5 * DAY) }).expect(422);
    expect(res.body.params).toMatchObject({ minDays: 5, days: 3.5 });
    expect(res.body.message).toBe(
      '公示期不得少于 5 天（所选为 3.5 天）；更短的公示须由裁判长确认并说明理由',
    );
  });

  it('publishes an ordinary window for the organiser, with no exception audited', async () => {
    const start = at(0);
    const end = at(5 * DAY + HOUR);
    const res = await publish(first, { start, end }).expect(200);
    expect(res.body).toMatchObject({
      status: 'published',
      publicationStart: start,
      publicationEnd: end,
    });
    const audit = await request(t.url)
      .get('/api/audit')
      .query({ entityType: 'event', entityId: String(first.eventId) })
      .set(first.organizer.auth)
      .expect(200);
    const row = audit.body.find((r: { action: string }) => r.action === 'results.published');
    expect(row.reason).toBeNull();
    expect(row.after.exceptions).toBeUndefined();
  });

  it('publishes a short window from an hour ago when the chief judge confirms it, with the reason', async () => {
    const res = await publish(second, {
      start: at(-HOUR),
      end: at(DAY),
      reason: '申诉复核后重新公示，剩余公示期一天',
      chiefUsername: 'chief2027',
      chiefPassword: PASSWORD,
    }).expect(200);
    expect(res.body.status).toBe('published');
    const audit = await request(t.url)
      .get('/api/audit')
      .query({ entityType: 'event', entityId: String(second.eventId) })
      .set(second.organizer.auth)
      .expect(200);
    const row = audit.body.find((r: { action: string }) => r.action === 'results.published');
    expect(row).toMatchObject({
      actorName: 'org2028',
      reason: '申诉复核后重新公示，剩余公示期一天',
      after: {
        exceptions: ['starts-in-past', 'too-short'],
        minDays: 5,
        chiefJudge: { username: 'chief2027' },
      },
    });
  });
});

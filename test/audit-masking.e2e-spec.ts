import request from 'supertest';
import { createTestApp, TestApp } from './support/test-app';
import { makeContestant, makeEdition, makeEvent, makeIdNumber, signIn } from './support/factories';

type Session = Awaited<ReturnType<typeof signIn>>;

/** Issue #13 item 7: the audit log masks what the contestant's own responses mask. */
describe('audit log privacy', () => {
  let t: TestApp;
  let organizer: Session;
  let chief: Session;
  let supervisor: Session;
  let contestantId: number;
  const person = makeContestant({
    idNumber: makeIdNumber('1991-06-15', 321),
    phone: '13955550123',
    certificateNo: 'GZ2019-000123',
  });

  beforeAll(async () => {
    t = await createTestApp();
    organizer = await signIn(t, 'organizer');
    chief = await signIn(t, 'chief_judge', 'chief');
    supervisor = await signIn(t, 'supervisor');
    // One entry per edition: the same person in two editions.
    const events: number[] = [];
    for (const year of [2027, 2029]) {
      const edition = (
        await request(t.url)
          .post('/api/editions')
          .set(organizer.auth)
          .send(makeEdition({ year, name: `第${year}届`, startDate: `${year}-10-18` }))
          .expect(201)
      ).body as { id: number };
      events.push(
        (
          (
            await request(t.url)
              .post(`/api/editions/${edition.id}/events`)
              .set(organizer.auth)
              .send(makeEvent())
              .expect(201)
          ).body as { id: number }
        ).id,
      );
    }
    // The second entry of the same person refreshes the contestant: a row with before and after.
    for (const [i, eventId] of events.entries()) {
      const res = await request(t.url)
        .post('/api/entries')
        .set(organizer.auth)
        .send({
          eventId,
          group: 'worker',
          contestant: { ...person, phone: i === 0 ? '13900001111' : person.phone },
        });
      if (res.status !== 201) {
        throw new Error(`entry: ${res.status} ${JSON.stringify(res.body)}`);
      }
      contestantId = (res.body as { contestant: { id: number } }).contestant.id;
    }
  });
  afterAll(() => t.close());

  const auditOf = async (session: Session) =>
    (
      await request(t.url)
        .get('/api/audit')
        .query({ entityType: 'contestant', entityId: String(contestantId) })
        .set(session.auth)
        .expect(200)
    ).body as { action: string; before: Record<string, unknown>; after: Record<string, unknown> }[];

  const contestantAs = async (session: Session) =>
    (
      (
        await request(t.url)
          .get('/api/contestants')
          .query({ q: person.name })
          .set(session.auth)
          .expect(200)
      ).body as Record<string, unknown>[]
    ).find((c) => c.id === contestantId) as Record<string, unknown>;

  it.each([
    ['chief judge', () => chief],
    ['supervisor', () => supervisor],
  ])('the %s sees in the audit log what the contestant response shows them', async (_n, who) => {
    const rows = await auditOf(who());
    const view = await contestantAs(who());
    const text = JSON.stringify(rows);
    const leaks = [
      '13900001111',
      '13955550123',
      '1991-06-15',
      'GZ2019-000123',
      person.idNumber,
    ].filter((secret) => text.includes(secret));
    console.log(
      `audit masking (${_n}): ${rows.length} rows (${rows.map((r) => r.action).join(', ')}), personal values leaked: ${leaks.length}`,
    );
    expect(rows.map((r) => r.action)).toEqual(['contestant.created', 'contestant.updated']);
    expect(leaks).toEqual([]);
    for (const snapshot of [rows[0].after, rows[1].before, rows[1].after]) {
      expect(snapshot).toMatchObject({
        birthDate: view.birthDate,
        phone: view.phone,
        certificateNo: view.certificateNo,
        name: person.name,
      });
    }
  });

  it('the organizers still see the whole record', async () => {
    const rows = await auditOf(organizer);
    expect(rows[1].before).toMatchObject({ birthDate: '1991-06-15', phone: '13900001111' });
    expect(rows[1].after).toMatchObject({ phone: '13955550123', certificateNo: 'GZ2019-000123' });
  });
});

import request from 'supertest';
import { DataSource } from 'typeorm';
import { CompetitionEvent } from '../src/editions/entities/competition-event.entity';
import { createTestApp, TestApp } from './support/test-app';
import { supervisorCredentials } from './support/competition-day';
import {
  makeContestant,
  makeEdition,
  makeEvent,
  makeIdNumber,
  signIn,
  tableCounts,
} from './support/factories';

type Session = Awaited<ReturnType<typeof signIn>>;

describe('registration → review → draw → check-in → blind codes', () => {
  let t: TestApp;
  let organizer: Session;
  let chief: Session;
  let encryptor: Session;
  let judge: Session;
  let supervisor: Session;
  let eventId: number;
  const people = Array.from({ length: 6 }, (_, i) =>
    makeContestant({
      idNumber: makeIdNumber('1988-02-29', 201 + i),
      name: `陈${'一二三四五六'[i]}`,
      unitName: i % 2 ? '无锡一汽铸造' : '江阴兴澄特钢',
    }),
  );

  beforeAll(async () => {
    t = await createTestApp();
    organizer = await signIn(t, 'organizer');
    chief = await signIn(t, 'chief_judge', 'chief');
    encryptor = await signIn(t, 'encryption_judge', 'enc');
    judge = await signIn(t, 'judge');
    supervisor = await signIn(t, 'supervisor');
    const edition = (
      await request(t.url)
        .post('/api/editions')
        .set(organizer.auth)
        .send(makeEdition({ startDate: '2027-10-18' }))
        .expect(201)
    ).body;
    eventId = (
      await request(t.url)
        .post(`/api/editions/${edition.id}/events`)
        .set(organizer.auth)
        .send(
          makeEvent({
            eligibility: {
              minAge: 18,
              maxAge: 55,
              minLevel: 'intermediate',
              barredTitles: ['无锡技能状元'],
            },
          }),
        )
        .expect(201)
    ).body.id;
  });
  afterAll(() => t.close());

  const submit = (contestant: object, extra: object = {}) =>
    request(t.url)
      .post('/api/entries')
      .set(organizer.auth)
      .send({ eventId, group: 'worker', contestant, ...extra });

  it('registers people by ID number, deriving birth date and gender', async () => {
    for (const person of people) {
      const res = await submit(person).expect(201);
      expect(res.body).toMatchObject({
        status: 'submitted',
        entryNo: expect.stringMatching(/^2027-\d{2}-\d{3}$/),
      });
      expect(res.body.contestant).toMatchObject({
        birthDate: '1988-02-29',
        idNumber: person.idNumber,
      });
    }
    const list = await request(t.url).get(`/api/units`).set(organizer.auth).expect(200);
    expect(
      list.body.map((u: { name: string; contestants: number }) => [u.name, u.contestants]),
    ).toEqual(
      expect.arrayContaining([
        ['无锡一汽铸造', 3],
        ['江阴兴澄特钢', 3],
      ]),
    );
  });

  describe('refuses bad entries with a code and writes nothing', () => {
    const cases: [string, () => object, number, string][] = [
      [
        'a wrong check digit',
        () =>
          makeContestant({
            idNumber:
              people[0].idNumber.slice(0, 17) + (people[0].idNumber.endsWith('1') ? '2' : '1'),
          }),
        422,
        'ID_CHECK_DIGIT',
      ],
      [
        'an impossible birth date',
        () => makeContestant({ idNumber: '32021119890229123' + 'X' }),
        422,
        'ID_BIRTH_DATE',
      ],
      [
        'a gender that contradicts the ID',
        () => makeContestant({ idNumber: makeIdNumber('1990-01-01', 301), gender: 'female' }),
        422,
        'ID_GENDER_MISMATCH',
      ],
      [
        'too young',
        () => makeContestant({ idNumber: makeIdNumber('2012-05-05', 302) }),
        422,
        'ENTRY_INELIGIBLE',
      ],
      [
        'too low a level',
        () =>
          makeContestant({
            idNumber: makeIdNumber('1990-05-05', 303),
            qualificationLevel: 'junior',
          }),
        422,
        'ENTRY_INELIGIBLE',
      ],
      [
        'a barred title',
        () =>
          makeContestant({
            idNumber: makeIdNumber('1990-05-05', 304),
            titlesHeld: ['无锡技能状元'],
          }),
        422,
        'ENTRY_INELIGIBLE',
      ],
      ['a second entry for the same person', () => people[0], 409, 'ENTRY_DUPLICATE'],
    ];
    it.each(cases)('%s', async (_name, person, status, code) => {
      const before = await tableCounts(t.dataSource);
      const res = await submit(person());
      expect(res.status).toBe(status);
      expect(res.body.code).toBe(code);
      expect(await tableCounts(t.dataSource)).toEqual(before);
    });

    it('lists every failed rule at once', async () => {
      const res = await submit(
        makeContestant({
          idNumber: makeIdNumber('2012-05-05', 305),
          qualificationLevel: 'junior',
          titlesHeld: ['无锡技能状元'],
        }),
        { group: 'student' },
      ).expect(422);
      expect(res.body.details.map((f: { rule: string }) => f.rule).sort()).toEqual([
        'age',
        'group',
        'level',
        'title',
      ]);
    });
  });

  it('reviews in bulk, needs a reason to reject, and audits each transition', async () => {
    const entries = (
      await request(t.url)
        .get(`/api/editions/1/entries`)
        .query({ eventId })
        .set(organizer.auth)
        .expect(200)
    ).body;
    const ids = entries.map((e: { id: number }) => e.id);
    await request(t.url)
      .post('/api/entries/review')
      .set(organizer.auth)
      .send({ entryIds: [ids[5]], decision: 'reject' })
      .expect(400);
    await request(t.url)
      .post('/api/entries/review')
      .set(organizer.auth)
      .send({ entryIds: [ids[5]], decision: 'reject', reason: '推荐材料不全' })
      .expect(200);
    const approved = await request(t.url)
      .post('/api/entries/review')
      .set(organizer.auth)
      .send({ entryIds: ids.slice(0, 5), decision: 'approve' })
      .expect(200);
    expect(approved.body.changed).toBe(5);
    const audit = await request(t.url)
      .get('/api/audit')
      .query({ entityType: 'entry', entityId: String(ids[5]) })
      .set(organizer.auth);
    expect(audit.body.map((r: { action: string }) => r.action)).toEqual([
      'entry.submitted',
      'entry.rejected',
    ]);
    expect(audit.body[1].reason).toBe('推荐材料不全');
    const masked = await request(t.url)
      .get(`/api/editions/1/entries`)
      .set(supervisor.auth)
      .expect(200);
    expect(masked.body[0].contestant.idNumber).toMatch(/^\d{4}\*{10}[\dX]{4}$/);
  });

  it('draws once with a verifiable seed; a redraw needs the chief judge and a reason', async () => {
    const first = await request(t.url)
      .post(`/api/events/${eventId}/draw`)
      .set(organizer.auth)
      .send({})
      .expect(201);
    expect(first.body).toMatchObject({
      attempt: 1,
      verified: true,
      seedCommitment: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(first.body.result.map((r: { workstationNo: number }) => r.workstationNo)).toEqual([
      1, 2, 3, 4, 5,
    ]);
    const twice = await request(t.url)
      .post(`/api/events/${eventId}/draw`)
      .set(organizer.auth)
      .send({})
      .expect(409);
    expect(twice.body.code).toBe('DRAW_ALREADY_DONE');
    await request(t.url).post(`/api/events/${eventId}/draw`).set(chief.auth).send({}).expect(400);
    const redraw = await request(t.url)
      .post(`/api/events/${eventId}/draw`)
      .set(chief.auth)
      .send({ reason: '抽签箱故障' })
      .expect(201);
    expect(redraw.body).toMatchObject({ attempt: 2, reason: '抽签箱故障', verified: true });
    const history = await request(t.url)
      .get(`/api/events/${eventId}/draws`)
      .set(supervisor.auth)
      .expect(200);
    expect(
      history.body.map((d: { supersededAt: string | null }) => d.supersededAt === null),
    ).toEqual([false, true]);
  });

  it('shows that an edited draw record no longer verifies', async () => {
    const ds = t.app.get(DataSource);
    const [draw] = await ds.query(`SELECT id, result FROM draws WHERE "supersededAt" IS NULL`);
    const result = JSON.parse(draw.result) as { entryId: number; workstationNo: number }[];
    [result[0].workstationNo, result[1].workstationNo] = [
      result[1].workstationNo,
      result[0].workstationNo,
    ];
    await ds.query(
      `UPDATE draws SET result = '${JSON.stringify(result)}' WHERE id = ${Number(draw.id)}`,
    );
    const history = await request(t.url)
      .get(`/api/events/${eventId}/draws`)
      .set(supervisor.auth)
      .expect(200);
    expect(history.body[1].verified).toBe(false);
    [result[0].workstationNo, result[1].workstationNo] = [
      result[1].workstationNo,
      result[0].workstationNo,
    ];
    await ds.query(
      `UPDATE draws SET result = '${JSON.stringify(result)}' WHERE id = ${Number(draw.id)}`,
    );
  });

  it('checks in by ID number or entry number and flags late arrivals', async () => {
    const roster = (
      await request(t.url).get(`/api/events/${eventId}/roster`).set(organizer.auth).expect(200)
    ).body;
    expect(roster).toHaveLength(5);
    await request(t.url)
      .post(`/api/events/${eventId}/codes`)
      .set(encryptor.auth)
      .expect(409)
      .expect((res) => expect(res.body.code).toBe('CHECK_IN_INCOMPLETE'));
    const byId = await request(t.url)
      .post(`/api/events/${eventId}/check-in`)
      .set(organizer.auth)
      .send({ idNumber: roster[0].contestant.idNumber, status: 'present' })
      .expect(200);
    expect(byId.body).toMatchObject({ checkInStatus: 'present', late: false });
    await request(t.url)
      .patch(`/api/events/${eventId}`)
      .set(organizer.auth)
      .send({ checkInClosesAt: '2020-01-01T00:00:00.000Z' })
      .expect(200);
    for (const entry of roster.slice(1, 4)) {
      const res = await request(t.url)
        .post(`/api/events/${eventId}/check-in`)
        .set(organizer.auth)
        .send({ entryNo: entry.entryNo, status: 'present' })
        .expect(200);
      expect(res.body.late).toBe(true);
    }
    await request(t.url)
      .post(`/api/events/${eventId}/check-in`)
      .set(organizer.auth)
      .send({ entryNo: roster[4].entryNo, status: 'absent' })
      .expect(200);
  });

  it('generates two layers of unique codes; judges see work-piece codes only; the map stays sealed', async () => {
    await request(t.url).post(`/api/events/${eventId}/codes`).set(organizer.auth).expect(403);
    const res = await request(t.url)
      .post(`/api/events/${eventId}/codes`)
      .set(encryptor.auth)
      .expect(201);
    expect(res.body).toEqual({ generated: 4 });
    await request(t.url).post(`/api/events/${eventId}/codes`).set(encryptor.auth).expect(409);

    const map = (
      await request(t.url).get(`/api/events/${eventId}/code-map`).set(encryptor.auth).expect(200)
    ).body;
    expect(map).toHaveLength(4);
    expect(new Set(map.map((r: { workpieceCode: string }) => r.workpieceCode)).size).toBe(4);
    expect(JSON.stringify(map)).not.toMatch(/陈/);
    for (const who of [organizer, chief, judge, supervisor]) {
      const sealed = await request(t.url).get(`/api/events/${eventId}/code-map`).set(who.auth);
      expect([sealed.status, sealed.body.code]).toEqual(expect.arrayContaining([403]));
    }

    // A judge gets the codes of an event he marks in only (test/authz/ownership.e2e-spec.ts);
    // the chief judge gets all of them, in the same shape.
    await request(t.url).get(`/api/events/${eventId}/workpieces`).set(judge.auth).expect(404);
    const pieces = await request(t.url)
      .get(`/api/events/${eventId}/workpieces`)
      .set(chief.auth)
      .expect(200);
    expect(pieces.body.map((p: { workpieceCode: string }) => p.workpieceCode).sort()).toEqual(
      map.map((r: { workpieceCode: string }) => r.workpieceCode).sort(),
    );
    const text = JSON.stringify(pieces.body);
    for (const person of people) {
      expect(text).not.toContain(person.name);
      expect(text).not.toContain(person.idNumber);
      expect(text).not.toContain(person.unitName);
    }
    expect(Object.keys(pieces.body[0])).toEqual(['workpieceCode']);
  });

  it('decrypts only after the results are locked, confirmed by the supervisor signing in', async () => {
    const early = await request(t.url)
      .post(`/api/events/${eventId}/decrypt`)
      .set(chief.auth)
      .send(await supervisorCredentials(t))
      .expect(409);
    expect(early.body.code).toBe('RESULTS_NOT_LOCKED');
    // Judging locks the results; until that module exists the test sets the lock directly.
    await t.dataSource
      .getRepository(CompetitionEvent)
      .update({ id: eventId }, { resultsLockedAt: new Date().toISOString() });
    await request(t.url)
      .post(`/api/events/${eventId}/decrypt`)
      .set(organizer.auth)
      .send(await supervisorCredentials(t))
      .expect(403);
    await request(t.url)
      .post(`/api/events/${eventId}/decrypt`)
      .set(chief.auth)
      .send(await supervisorCredentials(t))
      .expect(200);
    const map = await request(t.url)
      .get(`/api/events/${eventId}/code-map`)
      .set(supervisor.auth)
      .expect(200);
    expect(map.body[0]).toHaveProperty('name');
    await request(t.url).get(`/api/events/${eventId}/code-map`).set(judge.auth).expect(403);
  });
});

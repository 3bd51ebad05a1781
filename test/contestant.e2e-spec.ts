import request from 'supertest';
import {
  judgeToResults,
  makeJudges,
  prepareEvent,
  PreparedEvent,
  Session,
} from './support/competition-day';
import {
  makeContestant,
  makeEdition,
  makeEvent,
  makeIdNumber,
  PASSWORD,
  signIn,
  tableCounts,
} from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

interface MyEntry {
  entryNo: string;
  editionYear: number;
  eventId: number;
  eventName: string;
  status: string;
  workstationNo: number | null;
  checkInStatus: string | null;
  resultsStatus: string;
  appealOpen: boolean;
  result: { rank: number | null; total: number | null; prize: number | null } | null;
}

interface Me {
  contestant: { id: number; name: string; unitName: string };
  entries: MyEntry[];
  grants: { titles: string[]; cash: number; status: string; upgradeTo: string | null }[];
  appeals: { id: number; eventId: number; status: string; decision: string | null }[];
}

/** Contestant i of the prepared event (as prepareEvent registers them). */
const personOf = (i: number) => ({
  idNumber: makeIdNumber('1985-06-15', 400 + i),
  name: `参赛者${i}`,
  unitName: `U${i % 4}`,
});

describe('a contestant sees their own entries, results, grants and appeals, and nobody else’s', () => {
  let t: TestApp;
  let day: PreparedEvent;
  let admin: Session;
  let supervisor: Session;
  let judge: Session & { id: number };
  /** Contestant ids by prepared index: A = 0 (the winner), B = 1 (last). */
  let contestantIds: number[];
  let a: Session;
  let b: Session;
  let d: Session;
  let loner: Session;
  let dId: number;
  let dUserId: number;
  let laterEditionId: number;
  let laterEventId: number;
  let publicationEnd: number;

  const login = async (username: string, password = PASSWORD): Promise<Session> => {
    const res = await request(t.url)
      .post('/api/auth/login')
      .send({ username, password })
      .expect(200);
    return {
      token: res.body.accessToken,
      refreshToken: res.body.refreshToken,
      auth: { Authorization: `Bearer ${res.body.accessToken}` },
    };
  };
  const me = async (s: Session) =>
    (await request(t.url).get('/api/me/contestant').set(s.auth).expect(200)).body as Me;
  const entryIn = (body: Me, year: number) => body.entries.find((e) => e.editionYear === year)!;

  beforeAll(async () => {
    t = await createTestApp();
    day = await prepareEvent(t, 5);
    admin = await signIn(t, 'admin', 'root');
    supervisor = await signIn(t, 'supervisor', 'arbiter');
    [judge] = await makeJudges(t, ['JU']);
    const entries = (
      await request(t.url)
        .get('/api/editions/1/entries')
        .query({ eventId: day.eventId })
        .set(day.organizer.auth)
        .expect(200)
    ).body as { contestant: { id: number; name: string } }[];
    contestantIds = [0, 1, 2, 3, 4].map(
      (i) => entries.find((e) => e.contestant.name === `参赛者${i}`)!.contestant.id,
    );
    // A later edition: A enters again (same ID number, same person), and D enters only here.
    laterEditionId = (
      await request(t.url)
        .post('/api/editions')
        .set(day.organizer.auth)
        .send(makeEdition({ year: 2029, name: '第九届无锡技能精英大赛' }))
        .expect(201)
    ).body.id;
    laterEventId = (
      await request(t.url)
        .post(`/api/editions/${laterEditionId}/events`)
        .set(day.organizer.auth)
        .send(makeEvent({ occupation: '电工', name: '电工(职工组)' }))
        .expect(201)
    ).body.id;
    for (const person of [
      personOf(0),
      { idNumber: makeIdNumber('1992-01-01', 700), name: '丁选手', unitName: 'U9' },
    ]) {
      await request(t.url)
        .post('/api/entries')
        .set(day.organizer.auth)
        .send({ eventId: laterEventId, group: 'worker', contestant: makeContestant(person) })
        .expect(201);
    }
    const later = (
      await request(t.url)
        .get(`/api/editions/${laterEditionId}/entries`)
        .set(day.organizer.auth)
        .expect(200)
    ).body as { contestant: { id: number; name: string } }[];
    dId = later.find((e) => e.contestant.name === '丁选手')!.contestant.id;
  }, 60_000);
  afterAll(() => t.close());

  it('links accounts: by an admin on creation and on edit, and by an organizer’s one-time login', async () => {
    const created = await request(t.url)
      .post('/api/users')
      .set(admin.auth)
      .send({
        username: 'alice',
        displayName: '参赛者0',
        role: 'contestant',
        password: PASSWORD,
        contestantId: contestantIds[0],
      })
      .expect(201);
    expect(created.body).toMatchObject({ role: 'contestant', contestantId: contestantIds[0] });
    a = await login('alice');

    const account = await request(t.url)
      .post(`/api/contestants/${contestantIds[1]}/account`)
      .set(day.organizer.auth)
      .send({})
      .expect(201);
    expect(account.headers['cache-control']).toBe('no-store');
    expect(account.body).toMatchObject({
      username: `c${String(contestantIds[1]).padStart(4, '0')}`,
      displayName: '参赛者1',
      role: 'contestant',
      unitName: 'U1',
      contestantId: contestantIds[1],
      password: expect.stringMatching(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/),
    });
    b = await login(account.body.username, account.body.password);
    const audit = await request(t.url)
      .get('/api/audit')
      .query({ entityType: 'user', entityId: String(account.body.id) })
      .set(day.organizer.auth)
      .expect(200);
    expect(audit.body).toEqual([
      expect.objectContaining({
        action: 'user.created',
        actorName: 'org2027',
        after: expect.objectContaining({ contestantId: contestantIds[1] }),
      }),
    ]);
    expect(JSON.stringify(audit.body)).not.toContain(account.body.password);

    const plain = await request(t.url)
      .post('/api/users')
      .set(admin.auth)
      .send({ username: 'dora', displayName: '丁选手', role: 'contestant', password: PASSWORD })
      .expect(201);
    expect(plain.body.contestantId).toBeNull();
    dUserId = plain.body.id;
    const linked = await request(t.url)
      .patch(`/api/users/${dUserId}`)
      .set(admin.auth)
      .send({ contestantId: dId })
      .expect(200);
    expect(linked.body.contestantId).toBe(dId);
    d = await login('dora');
    loner = await signIn(t, 'contestant', 'loner');
  });

  it('refuses bad links and bad input with a code, and changes nothing', async () => {
    const before = await tableCounts(t.dataSource);
    const cases: [() => request.Test, number, string, string?][] = [
      [
        () =>
          request(t.url).post('/api/users').set(admin.auth).send({
            username: 'twin',
            displayName: 'x',
            role: 'contestant',
            password: PASSWORD,
            contestantId: contestantIds[0],
          }),
        409,
        'CONTESTANT_ALREADY_LINKED',
      ],
      [
        () =>
          request(t.url).post('/api/users').set(admin.auth).send({
            username: 'ghost',
            displayName: 'x',
            role: 'contestant',
            password: PASSWORD,
            contestantId: 999_999,
          }),
        422,
        'CONTESTANT_NOT_FOUND',
        'contestantId',
      ],
      [
        () =>
          request(t.url).post('/api/users').set(admin.auth).send({
            username: 'judgey',
            displayName: 'x',
            role: 'judge',
            password: PASSWORD,
            contestantId: contestantIds[2],
          }),
        422,
        'CONTESTANT_LINK_ROLE',
        'contestantId',
      ],
      [
        () =>
          request(t.url).post('/api/users').set(admin.auth).send({
            username: 'typo',
            displayName: 'x',
            role: 'contestant',
            password: PASSWORD,
            contestantId: 'three',
          }),
        400,
        'VALIDATION_FAILED',
        'contestantId',
      ],
      [
        () =>
          request(t.url)
            .patch(`/api/users/${dUserId}`)
            .set(admin.auth)
            .send({ contestantId: contestantIds[1] }),
        409,
        'CONTESTANT_ALREADY_LINKED',
      ],
      [
        () =>
          request(t.url).patch(`/api/users/${dUserId}`).set(admin.auth).send({ contestantId: 1.5 }),
        400,
        'VALIDATION_FAILED',
        'contestantId',
      ],
      [
        () =>
          request(t.url)
            .post(`/api/contestants/${contestantIds[0]}/account`)
            .set(day.organizer.auth)
            .send({}),
        409,
        'CONTESTANT_ALREADY_LINKED',
      ],
      [
        () => request(t.url).post('/api/contestants/999999/account').set(admin.auth).send({}),
        404,
        'CONTESTANT_NOT_FOUND',
      ],
      [
        () => request(t.url).post('/api/contestants/abc/account').set(admin.auth).send({}),
        400,
        'VALIDATION_FAILED',
        'id',
      ],
      [
        () =>
          request(t.url)
            .post(`/api/contestants/${contestantIds[2]}/account`)
            .set(admin.auth)
            .send({ username: 'Not Valid!' }),
        400,
        'VALIDATION_FAILED',
        'username',
      ],
      [
        () =>
          request(t.url)
            .post(`/api/contestants/${contestantIds[2]}/account`)
            .set(admin.auth)
            .send({ username: 'alice' }),
        409,
        'USERNAME_TAKEN',
      ],
      [
        () =>
          request(t.url)
            .post(`/api/contestants/${contestantIds[2]}/account`)
            .set(day.chief.auth)
            .send({}),
        403,
        'FORBIDDEN_ROLE',
      ],
      [
        () => request(t.url).get('/api/me/contestant').set(loner.auth),
        404,
        'CONTESTANT_NOT_LINKED',
      ],
      [
        () => request(t.url).get('/api/me/contestant').set(day.organizer.auth),
        403,
        'FORBIDDEN_ROLE',
      ],
    ];
    for (const [call, status, code, field] of cases) {
      const res = await call();
      expect([res.status, res.body.code]).toEqual([status, code]);
      if (field) {
        expect(res.body.details.map((x: { field: string }) => x.field)).toContain(field);
      }
    }
    expect(await tableCounts(t.dataSource)).toEqual(before);
  });

  it('shows the entries across editions: no workstation before the draw, one after', async () => {
    const first = await me(a);
    expect(first.contestant).toEqual({ id: contestantIds[0], name: '参赛者0', unitName: 'U0' });
    expect(first.entries.map((e) => e.editionYear).sort()).toEqual([2027, 2029]);
    expect(entryIn(first, 2029)).toMatchObject({
      eventId: laterEventId,
      eventName: '电工(职工组)',
      status: 'submitted',
      workstationNo: null,
      checkInStatus: null,
      resultsStatus: 'none',
      appealOpen: false,
      result: null,
    });
    // The prepared event was drawn and checked in; its results are not computed yet.
    expect(entryIn(first, 2027)).toMatchObject({
      status: 'approved',
      workstationNo: expect.any(Number),
      checkInStatus: 'present',
      result: null,
    });
    expect(first.grants).toEqual([]);

    const later = (
      await request(t.url)
        .get(`/api/editions/${laterEditionId}/entries`)
        .set(day.organizer.auth)
        .expect(200)
    ).body as { id: number; contestant: { id: number } }[];
    await request(t.url)
      .post('/api/entries/review')
      .set(day.organizer.auth)
      .send({ entryIds: later.map((e) => e.id), decision: 'approve' })
      .expect(200);
    await request(t.url)
      .post(`/api/events/${laterEventId}/draw`)
      .set(day.organizer.auth)
      .send({})
      .expect(201);
    const drawn = entryIn(await me(a), 2029);
    expect(drawn.status).toBe('approved');
    expect([1, 2]).toContain(drawn.workstationNo);
    expect((await me(d)).entries.map((e) => e.workstationNo)).toEqual([3 - drawn.workstationNo!]);
  });

  it('never shows another contestant’s entries, the blind codes or the marks', async () => {
    const mine = await me(a);
    const theirs = await me(b);
    expect(theirs.contestant.id).toBe(contestantIds[1]);
    expect(theirs.entries.map((e) => e.entryNo)).toHaveLength(1);
    const text = JSON.stringify(mine);
    for (const other of ['参赛者1', '参赛者2', '丁选手', ...day.codeOf, ...day.checkInCodeOf]) {
      expect(text).not.toContain(other);
    }
    expect(text).not.toMatch(/judge|marks|idNumber|workpiece|checkInCode/i);
    expect(mine.entries.map((e) => e.entryNo)).not.toContain(theirs.entries[0].entryNo);
  });

  it('shows rank, total and prize once the results are published, not before', async () => {
    // A (0) is best, B (1) is last: totals 88, 56.8, 60.6, 64.4, 68.2.
    await judgeToResults(t, day, judge, {
      practical: (i) => (i === 0 ? 100 : 50 + 5 * i),
      theory: (i) => 60 + i,
      step: 0.5,
    });
    const provisional = entryIn(await me(a), 2027);
    expect(provisional).toMatchObject({ resultsStatus: 'provisional', result: null });

    publicationEnd = Date.now() + 6_000;
    await request(t.url)
      .post(`/api/events/${day.eventId}/results/publish`)
      .set(day.chief.auth)
      .send({
        reason: '测试：缩短公示期',
        start: new Date(Date.now() - 60_000).toISOString(),
        end: new Date(publicationEnd).toISOString(),
      })
      .expect(200);
    expect(entryIn(await me(a), 2027)).toMatchObject({
      resultsStatus: 'published',
      appealOpen: true,
      result: { rank: 1, total: 88, prize: 1, titles: ['无锡技能状元'], cash: 50000 },
    });
    expect((await me(b)).entries[0]).toMatchObject({
      result: { rank: 5, total: 56.8, prize: null, noPrizeReason: 'beyond-quota', cash: 0 },
    });
  });

  it('takes an appeal only from a contestant with an entry in the event', async () => {
    const before = await tableCounts(t.dataSource);
    for (const [who, eventId] of [
      [d, day.eventId],
      [b, laterEventId],
      [loner, day.eventId],
    ] as const) {
      const res = await request(t.url)
        .post(`/api/events/${eventId}/appeals`)
        .set(who.auth)
        .send({ text: '不是我的赛项' });
      expect([res.status, res.body.code]).toEqual([403, 'NOT_YOUR_EVENT']);
    }
    const bad = await request(t.url)
      .post(`/api/events/${day.eventId}/appeals`)
      .set(a.auth)
      .send({ text: 42 })
      .expect(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    // The board's standings are published in the background meanwhile: live_updates may move.
    expect(await tableCounts(t.dataSource)).toEqual({
      ...before,
      live_updates: expect.any(Number),
    });

    const filed = await request(t.url)
      .post(`/api/events/${day.eventId}/appeals`)
      .set(a.auth)
      .send({ text: '请复核理论成绩' })
      .expect(201);
    // Organizers still file for anyone.
    await request(t.url)
      .post(`/api/events/${day.eventId}/appeals`)
      .set(day.organizer.auth)
      .send({ text: '代参赛者2 提交' })
      .expect(201);
    expect((await me(a)).appeals).toEqual([
      expect.objectContaining({ id: filed.body.id, eventId: day.eventId, status: 'filed' }),
    ]);
    expect((await me(b)).appeals).toEqual([]);
  });

  it('shows the decision, and the grants from the ledger once they exist', async () => {
    const appeals = (
      await request(t.url)
        .get(`/api/events/${day.eventId}/appeals`)
        .set(supervisor.auth)
        .expect(200)
    ).body as { id: number }[];
    for (const appeal of appeals) {
      await request(t.url)
        .post(`/api/appeals/${appeal.id}/decision`)
        .set(supervisor.auth)
        .send({ accept: false, decision: '经复核，成绩无误' })
        .expect(200);
    }
    expect((await me(a)).appeals).toEqual([
      expect.objectContaining({ status: 'rejected', decision: '经复核，成绩无误' }),
    ]);
    await new Promise((r) => setTimeout(r, Math.max(0, publicationEnd - Date.now() + 100)));
    await request(t.url)
      .post(`/api/events/${day.eventId}/results/finalize`)
      .set(day.organizer.auth)
      .expect(200);
    const final = entryIn(await me(a), 2027);
    expect(final).toMatchObject({ resultsStatus: 'final', appealOpen: false, result: { rank: 1 } });
    expect((await me(a)).grants).toEqual([]);

    await request(t.url).post('/api/editions/1/grants/compute').set(day.organizer.auth).expect(200);
    const granted = await me(a);
    expect(granted.grants).toEqual([
      expect.objectContaining({
        titles: ['无锡技能状元'],
        cash: 50000,
        status: 'pending',
        upgradeTo: 'technician',
      }),
    ]);
    expect((await me(b)).grants).toEqual([]);
    const ledger = (
      await request(t.url).get('/api/editions/1/grants').set(day.organizer.auth).expect(200)
    ).body as { id: number; contestantId: number }[];
    expect(ledger.length).toBeGreaterThan(1);
    // Four eyes: another organizer approves what this one computed.
    const approver = await signIn(t, 'organizer', 'approver');
    await request(t.url)
      .post('/api/grants/approve')
      .set(approver.auth)
      .send({
        grantIds: ledger.filter((g) => g.contestantId === contestantIds[0]).map((g) => g.id),
      })
      .expect(200);
    expect((await me(a)).grants.map((g) => g.status)).toEqual(['approved']);
  }, 30_000);

  it('drops the link when the account stops being a contestant', async () => {
    const changed = await request(t.url)
      .patch(`/api/users/${dUserId}`)
      .set(admin.auth)
      .send({ role: 'judge' })
      .expect(200);
    expect(changed.body).toMatchObject({ role: 'judge', contestantId: null });
    // The record is free again for a new login.
    await request(t.url)
      .post(`/api/contestants/${dId}/account`)
      .set(day.organizer.auth)
      .send({ username: 'dora2' })
      .expect(201);
  });
});

import request from 'supertest';
import { createTestApp, TestApp } from './support/test-app';
import { makeEdition, makeEvent, signIn, tableCounts } from './support/factories';

describe('foundation: health, docs, error contract, editions and events', () => {
  let t: TestApp;
  let organizer: Awaited<ReturnType<typeof signIn>>;
  let judge: Awaited<ReturnType<typeof signIn>>;

  beforeAll(async () => {
    t = await createTestApp();
    organizer = await signIn(t, 'organizer');
    judge = await signIn(t, 'judge');
  });
  afterAll(() => t.close());

  it(`reports health and the database type (${process.env.TEST_DB ?? 'sqlite'})`, async () => {
    const res = await request(t.url).get('/api/health').expect(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.body).toEqual({
      status: 'ok',
      database: { type: process.env.TEST_DB === 'postgres' ? 'postgres' : 'sqlite', ok: true },
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      live: { workers: 0, viewers: 0 },
      redis: { configured: false, ok: false },
    });
  });

  it('publishes the OpenAPI document with every route documented', async () => {
    const res = await request(t.url).get('/api/docs-json').expect(200);
    const paths = Object.keys(res.body.paths as object);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/auth/login',
        '/api/editions',
        '/api/editions/{id}/events',
        '/api/events/{id}',
        '/api/audit/verify',
        '/api/health',
      ]),
    );
    for (const [path, methods] of Object.entries(res.body.paths as Record<string, object>)) {
      for (const [method, op] of Object.entries(methods as Record<string, { summary?: string }>)) {
        expect(`${method} ${path}: ${op.summary ?? ''}`).not.toMatch(/: $/);
      }
    }
    await request(t.url).get('/api/docs').expect(200);
  });

  it('does not mount the bench-only endpoint unless BENCH_PROBE=on', async () => {
    await request(t.url).post('/api/bench-probe').set(judge.auth).send({}).expect(404);
  });

  it('answers unknown routes with 404 in the error shape', async () => {
    const res = await request(t.url).get('/api/no/such/route').expect(404);
    expect(res.body).toEqual({
      statusCode: 404,
      code: 'ROUTE_NOT_FOUND',
      message: expect.any(String),
    });
  });

  it('creates an edition, warns when the year breaks the two-year cadence', async () => {
    const onCadence = await request(t.url)
      .post('/api/editions')
      .set(organizer.auth)
      .send(makeEdition({ year: 2027 }))
      .expect(201);
    expect(onCadence.body).toMatchObject({ year: 2027, status: 'draft', warnings: [] });

    const offCadence = await request(t.url)
      .post('/api/editions')
      .set(organizer.auth)
      .send(makeEdition({ year: 2028, name: '特别届' }))
      .expect(201);
    expect(offCadence.body.warnings).toEqual([
      { code: 'EDITION_YEAR_OFF_CADENCE', message: expect.stringContaining('2028') },
    ]);
  });

  it('lets organizers manage events and the public read only what is published', async () => {
    const edition = (
      await request(t.url)
        .post('/api/editions')
        .set(organizer.auth)
        .send(makeEdition({ year: 2029, status: 'published' }))
        .expect(201)
    ).body;
    const published = await request(t.url)
      .post(`/api/editions/${edition.id}/events`)
      .set(organizer.auth)
      .send(makeEvent({ status: 'published' }))
      .expect(201);
    expect(published.body).toMatchObject({
      editionId: edition.id,
      group: 'worker',
      theoryWeight: 30,
    });
    const draft = await request(t.url)
      .post(`/api/editions/${edition.id}/events`)
      .set(organizer.auth)
      .send(makeEvent({ occupation: '电工', name: '电工(学生组)', group: 'student' }))
      .expect(201);

    const publicList = await request(t.url).get(`/api/editions/${edition.id}/events`).expect(200);
    expect(publicList.body.map((e: { id: number }) => e.id)).toEqual([published.body.id]);
    await request(t.url).get(`/api/events/${draft.body.id}`).expect(404);
    const organizerList = await request(t.url)
      .get(`/api/editions/${edition.id}/events`)
      .set(organizer.auth)
      .expect(200);
    expect(organizerList.body).toHaveLength(2);

    const patched = await request(t.url)
      .patch(`/api/events/${draft.body.id}`)
      .set(organizer.auth)
      .send({ theoryWeight: 0, practicalWeight: 100, status: 'published' })
      .expect(200);
    expect(patched.body).toMatchObject({
      theoryWeight: 0,
      practicalWeight: 100,
      status: 'published',
    });

    // Refused with what is attached, in numbers the page can show.
    const refused = await request(t.url)
      .delete(`/api/editions/${edition.id}`)
      .set(organizer.auth)
      .expect(409);
    expect([refused.body.code, refused.body.params]).toEqual([
      'EDITION_HAS_EVENTS',
      { events: 2, entries: 0 },
    ]);
    expect(refused.body.message).toBe('该届次下仍有赛项，不能删除：2 个赛项、0 条报名');
    await request(t.url).delete(`/api/events/${draft.body.id}`).set(organizer.auth).expect(204);
    await request(t.url).get(`/api/events/${draft.body.id}`).set(organizer.auth).expect(404);
  });

  it('hides draft editions from the public', async () => {
    const draft = (
      await request(t.url)
        .post('/api/editions')
        .set(organizer.auth)
        .send(makeEdition({ year: 2031 }))
    ).body;
    await request(t.url).get(`/api/editions/${draft.id}`).expect(404);
    const list = await request(t.url).get('/api/editions').expect(200);
    expect(list.body.map((e: { year: number }) => e.year)).not.toContain(2031);
    await request(t.url).get(`/api/editions/${draft.id}`).set(organizer.auth).expect(200);
    // The encryption judge's desk lists drafts too (with a hint), so a draft does not vanish.
    const encryptor = await signIn(t, 'encryption_judge', 'enc-drafts');
    const desk = await request(t.url).get('/api/editions').set(encryptor.auth).expect(200);
    expect(desk.body.map((e: { year: number }) => e.year)).toContain(2031);
  });

  describe('bad input gets its 4xx and code, and changes nothing', () => {
    let editionId: number;
    beforeAll(async () => {
      editionId = (
        await request(t.url)
          .post('/api/editions')
          .set(organizer.auth)
          .send(makeEdition({ year: 2033 }))
          .expect(201)
      ).body.id;
      await request(t.url)
        .post(`/api/editions/${editionId}/events`)
        .set(organizer.auth)
        .send(makeEvent())
        .expect(201);
    });

    const cases: [string, () => request.Test, number, string][] = [
      [
        'malformed JSON',
        () =>
          request(t.url)
            .post(`/api/editions/${editionId}/events`)
            .set(organizer.auth)
            .set('Content-Type', 'application/json')
            .send('{"occupation": "电工",'),
        400,
        'INVALID_JSON',
      ],
      [
        'wrong types',
        () =>
          request(t.url)
            .post(`/api/editions/${editionId}/events`)
            .set(organizer.auth)
            .send(makeEvent({ occupation: '钳工', theoryWeight: '30', level: 7 })),
        400,
        'VALIDATION_FAILED',
      ],
      [
        'unknown fields',
        () =>
          request(t.url)
            .post(`/api/editions/${editionId}/events`)
            .set(organizer.auth)
            .send(makeEvent({ occupation: '钳工', isAdmin: true })),
        400,
        'VALIDATION_FAILED',
      ],
      [
        'over-long strings',
        () =>
          request(t.url)
            .post(`/api/editions/${editionId}/events`)
            .set(organizer.auth)
            .send(makeEvent({ occupation: '钳'.repeat(101) })),
        400,
        'VALIDATION_FAILED',
      ],
      [
        'negative weights',
        () =>
          request(t.url)
            .post(`/api/editions/${editionId}/events`)
            .set(organizer.auth)
            .send(makeEvent({ occupation: '钳工', theoryWeight: -30, practicalWeight: 130 })),
        400,
        'VALIDATION_FAILED',
      ],
      [
        'weights that do not add up to 100',
        () =>
          request(t.url)
            .post(`/api/editions/${editionId}/events`)
            .set(organizer.auth)
            .send(makeEvent({ occupation: '钳工', theoryWeight: 40, practicalWeight: 70 })),
        422,
        'WEIGHTS_INVALID',
      ],
      [
        'absurd weights',
        () =>
          request(t.url)
            .post(`/api/editions/${editionId}/events`)
            .set(organizer.auth)
            .send(makeEvent({ occupation: '钳工', theoryWeight: 1e300, practicalWeight: 0.5 })),
        400,
        'VALIDATION_FAILED',
      ],
      [
        'an event for a missing edition',
        () =>
          request(t.url).post('/api/editions/999999/events').set(organizer.auth).send(makeEvent()),
        404,
        'EDITION_NOT_FOUND',
      ],
      [
        'a duplicate occupation and group in one edition',
        () =>
          request(t.url)
            .post(`/api/editions/${editionId}/events`)
            .set(organizer.auth)
            .send(makeEvent({ name: 'again' })),
        409,
        'EVENT_DUPLICATE',
      ],
      [
        'a non-numeric id',
        () => request(t.url).patch('/api/events/abc').set(organizer.auth).send({ name: 'x' }),
        400,
        'VALIDATION_FAILED',
      ],
      [
        'a duplicate edition year',
        () =>
          request(t.url)
            .post('/api/editions')
            .set(organizer.auth)
            .send(makeEdition({ year: 2033 })),
        409,
        'EDITION_YEAR_TAKEN',
      ],
      [
        'a judge calling an organizer route',
        () =>
          request(t.url)
            .post(`/api/editions/${editionId}/events`)
            .set(judge.auth)
            .send(makeEvent({ occupation: '钳工' })),
        403,
        'FORBIDDEN_ROLE',
      ],
      [
        'no token on an organizer route',
        () =>
          request(t.url)
            .post('/api/editions')
            .send(makeEdition({ year: 2035 })),
        401,
        'UNAUTHENTICATED',
      ],
      [
        'a forged token',
        () =>
          request(t.url)
            .post('/api/editions')
            .set('Authorization', `Bearer ${organizer.token.slice(0, -4)}abcd`)
            .send(makeEdition({ year: 2035 })),
        401,
        'TOKEN_INVALID',
      ],
    ];

    it.each(cases)('%s', async (_name, send, status, code) => {
      const before = await tableCounts(t.dataSource);
      const res = await send();
      expect(res.status).toBe(status);
      expect(res.body).toMatchObject({ statusCode: status, code, message: expect.any(String) });
      if (code === 'VALIDATION_FAILED') {
        expect(res.body.details).toEqual(
          expect.arrayContaining([
            expect.objectContaining({
              field: expect.any(String),
              messages: expect.arrayContaining([expect.any(String)]),
            }),
          ]),
        );
      }
      expect(await tableCounts(t.dataSource)).toEqual(before);
    });
  });

  it('writes an audit row with every change and keeps the chain verifiable', async () => {
    const res = await request(t.url)
      .get('/api/audit')
      .query({ entityType: 'event', limit: 1000 })
      .set(organizer.auth)
      .expect(200);
    const actions = res.body.map((r: { action: string }) => r.action);
    expect(actions).toEqual(
      expect.arrayContaining(['event.created', 'event.updated', 'event.deleted']),
    );
    const update = res.body.find((r: { action: string }) => r.action === 'event.updated');
    expect(update.before).toMatchObject({ theoryWeight: 30 });
    expect(update.after).toMatchObject({ theoryWeight: 0 });
    expect(update.actorName).toBe('organizer');

    const verify = await request(t.url).get('/api/audit/verify').set(organizer.auth).expect(200);
    expect(verify.body).toMatchObject({ ok: true, rows: expect.any(Number) });
    expect(verify.body.rows).toBeGreaterThan(5);
    await request(t.url).get('/api/audit/verify').set(judge.auth).expect(403);
  });
});

import { randomUUID } from 'node:crypto';
import { io } from 'socket.io-client';
import request from 'supertest';
import { createTestApp, TestApp } from './support/test-app';
import { makeContestant, makeEdition, makeEvent, makeIdNumber, signIn } from './support/factories';
import { makeJudges, prepareEvent, type Session } from './support/competition-day';
import { sheetRow, xlsxOf } from './support/sheets';

type Lang = 'zh-CN' | 'en';
const LANGS: Lang[] = ['zh-CN', 'en'];
const LATIN_RUN = /[A-Za-z]+(?:[\s,.;:'’-]+[A-Za-z]+){2}/;
const HAN = /\p{Script=Han}/u;

/** zh-CN: Chinese and no run of three Latin words; en: Latin words and no Chinese outside `allowed`. */
function expectLanguage(lang: Lang, message: unknown, allowed: string[] = []): void {
  expect(typeof message).toBe('string');
  const text = message as string;
  if (lang === 'zh-CN') {
    expect([text, HAN.test(text)]).toEqual([text, true]);
    expect([text, LATIN_RUN.test(text)]).toEqual([text, false]);
  } else {
    const rest = allowed.reduce((s, a) => s.split(a).join(''), text);
    expect([text, HAN.test(rest)]).toEqual([text, false]);
    expect([text, LATIN_RUN.test(text)]).toEqual([text, true]);
  }
}

describe('errors speak the language the request asks for (Accept-Language)', () => {
  let t: TestApp;
  let organizer: Session;
  let editionId: number;
  let eventId: number;

  beforeAll(async () => {
    t = await createTestApp();
    organizer = await signIn(t, 'organizer');
    editionId = (
      await request(t.url)
        .post('/api/editions')
        .set(organizer.auth)
        .send(makeEdition({ year: 2025, startDate: '2026-10-20' }))
        .expect(201)
    ).body.id;
    eventId = (
      await request(t.url)
        .post(`/api/editions/${editionId}/events`)
        .set(organizer.auth)
        .send(makeEvent({ eligibility: { minAge: 18, maxAge: 45 } }))
        .expect(201)
    ).body.id;
  });
  afterAll(() => t.close());

  const submit = (lang: Lang, contestant: object) =>
    request(t.url)
      .post('/api/entries')
      .set(organizer.auth)
      .set('Accept-Language', lang === 'en' ? 'en-US,en;q=0.9' : 'zh-CN,zh;q=0.9,en;q=0.8')
      .send({ eventId, group: 'worker', contestant });

  it.each(LANGS)('a bad ID number (%s)', async (lang) => {
    const good = makeIdNumber('1990-03-07', 321);
    const bad = good.slice(0, 17) + (good.endsWith('0') ? '1' : '0');
    const res = await submit(lang, makeContestant({ idNumber: bad })).expect(422);
    expect(res.body.code).toBe('ID_CHECK_DIGIT');
    expectLanguage(lang, res.body.message);
  });

  it.each(LANGS)('an ineligible age, with the values as params (%s)', async (lang) => {
    const res = await submit(
      lang,
      makeContestant({ idNumber: makeIdNumber('1970-05-01', 455), name: '赵五' }),
    ).expect(422);
    expect(res.body.code).toBe('ENTRY_INELIGIBLE');
    const age = res.body.details.find((d: { code: string }) => d.code === 'ELIGIBILITY_AGE');
    expect(age.params).toEqual({ age: 56, min: 18, max: 45, on: '2026-10-20' });
    expectLanguage(lang, age.message);
    expectLanguage(lang, res.body.message);
    expect(age.message).toContain('56');
    expect(res.body.message).toContain('56');
  });

  it.each(LANGS)('a duplicate entry names the person (%s)', async (lang) => {
    const person = makeContestant({ idNumber: makeIdNumber('1991-01-01', 501), name: '赵六' });
    if (lang === 'zh-CN') {
      await submit(lang, person).expect(201);
    }
    const res = await submit(lang, person).expect(409);
    expect(res.body).toMatchObject({ code: 'ENTRY_DUPLICATE', params: { name: '赵六' } });
    expectLanguage(lang, res.body.message, ['赵六']);
    expect(res.body.message).toContain('赵六');
  });

  it.each(LANGS)('validation details, per field (%s)', async (lang) => {
    const res = await request(t.url)
      .post('/api/entries')
      .set(organizer.auth)
      .set('Accept-Language', lang)
      .send({ eventId: 'x', group: 'worker', contestant: makeContestant(), extra: 1 })
      .expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expectLanguage(lang, res.body.message);
    expect(res.body.details.length).toBeGreaterThan(0);
    for (const field of res.body.details as { field: string; messages: string[] }[]) {
      for (const m of field.messages) {
        // A field's line is short: Chinese for zh-CN, no Chinese for en.
        if (lang === 'zh-CN') {
          expect([m, HAN.test(m), LATIN_RUN.test(m)]).toEqual([m, true, false]);
        } else {
          expect([m, HAN.test(m)]).toEqual([m, false]);
        }
      }
    }
  });

  it('zh-CN is the default; an unknown route and bad JSON are worded too', async () => {
    const none = await request(t.url).get('/api/nowhere').set(organizer.auth).expect(404);
    expectLanguage('zh-CN', none.body.message);
    const json = await request(t.url)
      .post('/api/entries')
      .set(organizer.auth)
      .set('Accept-Language', 'en')
      .set('Content-Type', 'application/json')
      .send('{"eventId":')
      .expect(400);
    expect(json.body.code).toBe('INVALID_JSON');
    expectLanguage('en', json.body.message);
  });

  it.each(LANGS)('an out-of-range mark (%s)', async (lang) => {
    const year = lang === 'en' ? 2029 : 2027;
    const day = await prepareEvent(t, 1, { occupation: `车工${year}` }, year);
    const [judge] = await makeJudges(t, [null], `j${year}-`);
    const scheme = await request(t.url)
      .put(`/api/events/${day.eventId}/scheme`)
      .set(day.chief.auth)
      .send({
        modules: [
          {
            code: 'A',
            name: '实操',
            aspects: [{ code: 'A1', description: '成品', kind: 'measurement', max: 100, step: 1 }],
          },
        ],
      })
      .expect(200);
    const aspectId = scheme.body.modules[0].aspects[0].id as number;
    await request(t.url)
      .put(`/api/events/${day.eventId}/assignments`)
      .set(day.chief.auth)
      .send({ modules: [{ moduleId: scheme.body.modules[0].id, judgeIds: [judge.id] }] })
      .expect(200);
    const mark = { workpieceCode: day.codeOf[0], aspectId, value: 150 };
    const one = await request(t.url)
      .post('/api/judge/marks')
      .set(judge.auth)
      .set('Accept-Language', lang)
      .send({ ...mark, clientId: randomUUID() })
      .expect(422);
    expect(one.body).toMatchObject({
      code: 'MARK_OUT_OF_RANGE',
      params: { aspect: 'A1', value: 150, max: 100 },
    });
    expectLanguage(lang, one.body.message);
    const batch = await request(t.url)
      .post('/api/judge/marks/batch')
      .set(judge.auth)
      .set('Accept-Language', lang)
      .send({ marks: [{ ...mark, clientId: randomUUID() }] })
      .expect(200);
    expect(batch.body.results[0].body.code).toBe('MARK_OUT_OF_RANGE');
    expectLanguage(lang, batch.body.results[0].body.message);
  });

  it('bad sheet rows: each row error has code, params and a message in the asked language', async () => {
    // Born 1995 (31 on 2026-10-20, within 18–45) unless a row says otherwise.
    const row = (n: number, overrides: Record<string, string> = {}) =>
      sheetRow(n, '数控车工', '职工组', {
        idNumber: makeIdNumber('1995-02-03', 600 + n),
        ...overrides,
      });
    const rows = [
      row(1),
      row(2, { group: '社会组' }),
      row(3, { idNumber: row(1).idNumber as string }),
      row(4, { idNumber: makeIdNumber('1960-01-01', 777) }),
      row(5, { occupation: '烹饪' }),
      row(6, { qualificationLevel: '大师' }),
    ];
    const started = await request(t.url)
      .post(`/api/editions/${editionId}/imports`)
      .set(organizer.auth)
      .attach('file', await xlsxOf(rows), '报名表-测试.xlsx')
      .expect(202);
    expect(started.body.fileName).toBe('报名表-测试.xlsx');
    let job: { status: string } = started.body;
    for (let i = 0; i < 200 && job.status === 'validating'; i += 1) {
      await new Promise((r) => setTimeout(r, 50));
      job = (await request(t.url).get(`/api/imports/${started.body.id}`).set(organizer.auth)).body;
    }
    expect(job.status).toBe('validated');
    for (const lang of LANGS) {
      const seen = (
        await request(t.url)
          .get(`/api/imports/${started.body.id}`)
          .set(organizer.auth)
          .set('Accept-Language', lang)
          .expect(200)
      ).body as {
        errors: { row: number; column: string; code: string; params?: object; message: string }[];
      };
      expect(seen.errors.map((e) => e.code).sort()).toEqual(
        [
          'ELIGIBILITY_AGE',
          'EVENT_NOT_FOUND',
          'GROUP_UNKNOWN',
          'ID_DUPLICATE_IN_SHEET',
          'LEVEL_UNKNOWN',
        ].sort(),
      );
      for (const e of seen.errors) {
        expectLanguage(lang, e.message, ['职工组', '学生组', '烹饪', '大师']);
      }
      const dup = seen.errors.find((e) => e.code === 'ID_DUPLICATE_IN_SHEET')!;
      expect(dup.params).toEqual({ firstRow: 2 });
      expect(dup.message).toContain('2');
    }
  });

  it.each(LANGS)('socket errors on /live are worded for the socket (%s)', async (lang) => {
    const socket = io(`${t.url}/live`, {
      transports: ['websocket'],
      reconnection: false,
      auth: { locale: lang },
    });
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', resolve);
        socket.once('connect_error', reject);
      });
      const ask = (body: object) =>
        socket.timeout(5000).emitWithAck('join', body) as Promise<{
          error: { code: string; message: string };
        }>;
      const bad = await ask({ eventId: 'x' });
      expect(bad.error.code).toBe('VALIDATION_FAILED');
      expectLanguage(lang, bad.error.message);
      const missing = await ask({ eventId: 999999 });
      expect(missing.error.code).toBe('EVENT_NOT_FOUND');
      expectLanguage(lang, missing.error.message);
    } finally {
      socket.close();
    }
  });
});

import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { createTestApp, TestApp } from './support/test-app';
import { makeJudges, prepareEvent, PreparedEvent, Session } from './support/competition-day';
import { tableCounts } from './support/factories';

type Judge = Session & { id: number };
interface AspectIds {
  [code: string]: number;
}

const SCHEME = {
  modules: [
    {
      code: 'A',
      name: '零件加工',
      aspects: [
        { code: 'A1', description: '外圆尺寸', kind: 'measurement', max: 10, step: 0.5 },
        { code: 'A2', description: '内孔尺寸', kind: 'measurement', max: 10, step: 0.5 },
        {
          code: 'A3',
          description: '表面质量',
          kind: 'judgement',
          aggregation: 'mean',
          max: 10,
          step: 0.5,
        },
        {
          code: 'A4',
          description: '工艺合理性',
          kind: 'judgement',
          aggregation: 'trimmed-mean',
          max: 10,
          step: 0.5,
        },
        {
          code: 'A5',
          description: '整体印象',
          kind: 'judgement',
          aggregation: 'worldskills',
          max: 10,
        },
      ],
    },
    {
      code: 'B',
      name: '装配调试',
      aspects: [
        { code: 'B1', description: '配合精度', kind: 'measurement', max: 20, step: 1 },
        {
          code: 'B2',
          description: '装配质量',
          kind: 'judgement',
          aggregation: 'mean',
          max: 15,
          step: 0.5,
        },
        {
          code: 'B3',
          description: '调试过程',
          kind: 'judgement',
          aggregation: 'trimmed-mean',
          max: 10,
          step: 0.5,
        },
        {
          code: 'B4',
          description: '职业素养',
          kind: 'judgement',
          aggregation: 'worldskills',
          max: 5,
        },
        { code: 'B5', description: '安全违规扣分', kind: 'deduction', max: 5, step: 1 },
      ],
    },
  ],
};

/** What judge j gives contestant i on each aspect (measurements and the deduction by judge 0). */
const VALUE: Record<string, (i: number, j: number) => number> = {
  A1: (i) => (i % 20) * 0.5,
  A2: (i) => 10 - (i % 10) * 0.5,
  A3: (i, j) => 5 + ((i + j) % 5) * 0.5,
  A4: (i, j) => 4 + j * 0.5 + (i % 3) * 0.5,
  A5: (i, j) => 2 + ((i + j) % 2),
  B1: (i) => 10 + (i % 11),
  B2: (i, j) => 8 + ((i * 2 + j) % 7) * 0.5,
  B3: (i, j) => 3 + ((j * 3 + i) % 5) * 0.5,
  B4: (i, j) => 1 + ((i + j) % 2),
  B5: (i) => i % 3,
};
const OBJECTIVE = ['A1', 'A2', 'B1', 'B5'];
const MAX: Record<string, number> = { A5: 10, B4: 5 };
const RECUSED_UNIT = 'U3';

/** Integer division of non-negative numbers, rounded half up: the hand rule for every mark. */
const halfUp = (num: number, den: number) => Math.floor((2 * num + den) / (2 * den));
const h = (v: number) => Math.round(v * 100);

/** The hand-computed table: marks in hundredths, from the rules in docs/domain.md, without the domain code. */
function expected(i: number, judgesOf: (i: number) => number[]) {
  const judges = judgesOf(i);
  const judgement = (code: string, how: 'mean' | 'trimmed' | 'worldskills') => {
    const vs = judges.map((j) => h(VALUE[code](i, j))).sort((a, b) => a - b);
    if (how === 'worldskills') {
      const scores = judges.map((j) => VALUE[code](i, j)).reduce((a, b) => a + b, 0);
      return halfUp(scores * h(MAX[code]), 3 * judges.length);
    }
    const kept = how === 'trimmed' && vs.length >= 5 ? vs.slice(1, -1) : vs;
    return halfUp(
      kept.reduce((a, b) => a + b, 0),
      kept.length,
    );
  };
  const a =
    h(VALUE.A1(i, 0)) +
    h(VALUE.A2(i, 0)) +
    judgement('A3', 'mean') +
    judgement('A4', 'trimmed') +
    judgement('A5', 'worldskills');
  const b = Math.max(
    0,
    h(VALUE.B1(i, 0)) +
      judgement('B2', 'mean') +
      judgement('B3', 'trimmed') +
      judgement('B4', 'worldskills') -
      h(VALUE.B5(i, 0)),
  );
  const theory = h(60 + i);
  return {
    A: a / 100,
    B: b / 100,
    practical: (a + b) / 100,
    theory: theory / 100,
    total: halfUp(theory * 30 + (a + b) * 70, 100) / 100,
  };
}

describe('judging: 5 judges × 20 contestants × 10 aspects, recusal, flags, sign-off, lock', () => {
  let t: TestApp;
  let day: PreparedEvent;
  let judges: Judge[];
  let aspects: AspectIds;
  let modules: { A: number; B: number };
  const judgesOf = (i: number) =>
    [0, 1, 2, 3, 4].filter((j) => !(j === 4 && `U${i % 4}` === RECUSED_UNIT));

  beforeAll(async () => {
    t = await createTestApp();
    day = await prepareEvent(t, 20);
    judges = await makeJudges(t, ['JU0', 'JU1', 'JU2', 'JU3', RECUSED_UNIT]);
  }, 60_000);
  afterAll(() => t.close());

  it('accepts a scheme whose maxima add up to 100, and refuses one that does not', async () => {
    const bad = structuredClone(SCHEME);
    bad.modules[1].aspects[0].max = 25;
    const refused = await request(t.url)
      .put(`/api/events/${day.eventId}/scheme`)
      .set(day.chief.auth)
      .send(bad)
      .expect(422);
    expect(refused.body.code).toBe('SCHEME_INVALID');
    const res = await request(t.url)
      .put(`/api/events/${day.eventId}/scheme`)
      .set(day.chief.auth)
      .send(SCHEME)
      .expect(200);
    aspects = Object.fromEntries(
      res.body.modules.flatMap((m: { aspects: { code: string; id: number }[] }) =>
        m.aspects.map((a) => [a.code, a.id]),
      ),
    );
    modules = { A: res.body.modules[0].id, B: res.body.modules[1].id };
    expect(Object.keys(aspects)).toHaveLength(10);
  });

  it('assigns judges; the recused judge never receives the codes of his own unit', async () => {
    const overview = await request(t.url)
      .put(`/api/events/${day.eventId}/assignments`)
      .set(day.chief.auth)
      .send({
        modules: [modules.A, modules.B].map((moduleId) => ({
          moduleId,
          judgeIds: judges.map((j) => j.id),
        })),
      })
      .expect(200);
    const j4 = overview.body[0].judges.find((x: { judgeId: number }) => x.judgeId === judges[4].id);
    expect(j4).toMatchObject({ recusedPieces: 5, coveredBy: ['裁判0', '裁判1', '裁判2', '裁判3'] });
    expect(overview.body[0].uncoveredPieces).toBe(0);

    const tasks = await request(t.url).get('/api/judge/tasks').set(judges[4].auth).expect(200);
    const recusedCodes = day.codeOf.filter((_, i) => `U${i % 4}` === RECUSED_UNIT);
    expect(tasks.body).toHaveLength(2);
    expect(tasks.body[0].workpieceCodes).toHaveLength(15);
    const text = JSON.stringify(tasks.body);
    for (const code of recusedCodes) {
      expect(text).not.toContain(code);
    }
    expect(text).not.toMatch(/参赛者|"U[0-3]"/);
  });

  it('takes every mark (one flagged on purpose), refuses to lock until flags and sheets are settled', async () => {
    for (const [j, judge] of judges.entries()) {
      const marks = [];
      for (let i = 0; i < 20; i += 1) {
        if (!judgesOf(i).includes(j)) {
          continue;
        }
        for (const code of Object.keys(VALUE)) {
          if (OBJECTIVE.includes(code) && j !== 0) {
            continue;
          }
          const value = code === 'A5' && i === 0 && j === 1 ? 0 : VALUE[code](i, j);
          marks.push({
            clientId: randomUUID(),
            workpieceCode: day.codeOf[i],
            aspectId: aspects[code],
            value,
          });
        }
      }
      const res = await request(t.url)
        .post('/api/judge/marks/batch')
        .set(judge.auth)
        .send({ marks })
        .expect(200);
      expect(res.body.results.filter((r: { status: number }) => r.status !== 201)).toEqual([]);
    }
    const notReady = await request(t.url)
      .post(`/api/modules/${modules.A}/lock`)
      .set(day.chief.auth)
      .expect(409);
    expect(notReady.body).toMatchObject({
      code: 'MODULE_NOT_READY',
      details: { missing: 0, unsigned: 5, flagged: 1 },
    });
    for (const judge of judges) {
      await request(t.url).post(`/api/judge/modules/${modules.A}/sign`).set(judge.auth).expect(200);
      await request(t.url).post(`/api/judge/modules/${modules.B}/sign`).set(judge.auth).expect(200);
    }
    const flags = await request(t.url)
      .get(`/api/events/${day.eventId}/flags`)
      .set(day.chief.auth)
      .expect(200);
    expect(flags.body).toEqual([
      expect.objectContaining({ aspectCode: 'A5', workpieceCode: day.codeOf[0], spread: 3 }),
    ]);
    await request(t.url).post(`/api/modules/${modules.A}/lock`).set(day.chief.auth).expect(409);
  }, 60_000);

  it('re-marks through the chief judge, keeping every version', async () => {
    // A code that is not in the event, and a judge recused from the piece, are refused first.
    const recusedCode = day.codeOf.find((_, i) => `U${i % 4}` === RECUSED_UNIT)!;
    const refusals = [
      {
        workpieceCode: 'ZZZZZ',
        judgeIds: [judges[1].id],
        status: 404,
        code: 'WORKPIECE_NOT_FOUND',
      },
      { workpieceCode: recusedCode, judgeIds: [judges[4].id], status: 422, code: 'JUDGE_RECUSED' },
    ];
    for (const { workpieceCode, judgeIds, status, code } of refusals) {
      const refused = await request(t.url)
        .post(`/api/events/${day.eventId}/remarks`)
        .set(day.chief.auth)
        .send({ aspectId: aspects.A5, workpieceCode, judgeIds, reason: '评分差超限' })
        .expect(status);
      expect(refused.body.code).toBe(code);
    }
    const untouched = (await request(t.url).get('/api/judge/tasks').set(judges[4].auth).expect(200))
      .body[0];
    expect(untouched.remarks).toEqual([]);
    await request(t.url)
      .post(`/api/events/${day.eventId}/remarks`)
      .set(day.chief.auth)
      .send({
        aspectId: aspects.A5,
        workpieceCode: day.codeOf[0],
        judgeIds: [judges[1].id],
        reason: '评分差超限',
      })
      .expect(201);
    const task = (await request(t.url).get('/api/judge/tasks').set(judges[1].auth).expect(200))
      .body[0];
    expect(task.remarks).toEqual([`${aspects.A5}:${day.codeOf[0]}`]);
    const mark = task.marks.find(
      (m: { aspectId: number; workpieceCode: string }) =>
        m.aspectId === aspects.A5 && m.workpieceCode === day.codeOf[0],
    );
    const stale = await request(t.url)
      .post('/api/judge/marks')
      .set(judges[1].auth)
      .send({
        clientId: randomUUID(),
        workpieceCode: day.codeOf[0],
        aspectId: aspects.A5,
        value: 3,
        baseVersion: 7,
      })
      .expect(409);
    expect(stale.body).toMatchObject({
      code: 'VERSION_CONFLICT',
      details: { current: { version: 1, value: 0 } },
    });
    await request(t.url)
      .post('/api/judge/marks')
      .set(judges[1].auth)
      .send({
        clientId: randomUUID(),
        workpieceCode: day.codeOf[0],
        aspectId: aspects.A5,
        value: VALUE.A5(0, 1),
        baseVersion: mark.version,
        reason: '复评',
      })
      .expect(200);
    await request(t.url)
      .post(`/api/judge/modules/${modules.A}/sign`)
      .set(judges[1].auth)
      .expect(200);
    const audit = await request(t.url)
      .get('/api/audit')
      .query({ entityType: 'mark', entityId: mark.id })
      .set(day.organizer.auth)
      .expect(200);
    expect(audit.body.map((r: { action: string }) => r.action)).toEqual([
      'mark.entered',
      'mark.edited',
    ]);
    expect(audit.body[1]).toMatchObject({
      before: { value: 0, version: 1 },
      after: { value: 3, version: 2 },
      reason: '复评',
    });
  });

  it('imports theory scores by check-in code, dry run first', async () => {
    const scores = day.checkInCodeOf.map((checkInCode, i) => ({ checkInCode, score: 60 + i }));
    const dry = await request(t.url)
      .post(`/api/events/${day.eventId}/theory?dryRun=true`)
      .set(day.chief.auth)
      .send({ scores: [...scores, { checkInCode: 'CNOPE', score: 50 }] })
      .expect(200);
    expect(dry.body.errors).toEqual([
      expect.objectContaining({ row: 21, code: 'CHECK_IN_CODE_UNKNOWN' }),
    ]);
    const done = await request(t.url)
      .post(`/api/events/${day.eventId}/theory`)
      .set(day.chief.auth)
      .send({ scores })
      .expect(200);
    expect(done.body).toMatchObject({ imported: 20, errors: [] });
  });

  it('locks both modules, which locks the results; the marks equal the hand-computed table', async () => {
    await request(t.url).post(`/api/modules/${modules.A}/lock`).set(day.chief.auth).expect(200);
    const locked = await request(t.url)
      .post(`/api/modules/${modules.B}/lock`)
      .set(day.chief.auth)
      .expect(200);
    expect(locked.body).toMatchObject({
      expected: locked.body.entered,
      signed: 5,
      lockedAt: expect.any(String),
    });
    const event = await request(t.url)
      .get(`/api/events/${day.eventId}`)
      .set(day.organizer.auth)
      .expect(200);
    expect(event.body.resultsLockedAt).toEqual(expect.any(String));

    const scores = (
      await request(t.url).get(`/api/events/${day.eventId}/scores`).set(day.chief.auth).expect(200)
    ).body;
    const byCode = new Map(scores.map((s: { workpieceCode: string }) => [s.workpieceCode, s]));
    for (let i = 0; i < 20; i += 1) {
      const want = expected(i, judgesOf);
      expect({ i, ...(byCode.get(day.codeOf[i]) as object) }).toMatchObject({
        i,
        modules: { A: want.A, B: want.B },
        practical: want.practical,
        theory: want.theory,
        total: want.total,
      });
    }
  });

  it('refuses edits on a locked module (423) and unlocks only with a reason, audited', async () => {
    const edit = await request(t.url)
      .post('/api/judge/marks')
      .set(judges[2].auth)
      .send({
        clientId: randomUUID(),
        workpieceCode: day.codeOf[1],
        aspectId: aspects.A3,
        value: 5,
        baseVersion: 1,
      })
      .expect(423);
    expect(edit.body.code).toBe('MODULE_LOCKED');
    await request(t.url)
      .post(`/api/modules/${modules.B}/unlock`)
      .set(day.chief.auth)
      .send({})
      .expect(400);
    await request(t.url)
      .post(`/api/modules/${modules.B}/unlock`)
      .set(day.organizer.auth)
      .send({ reason: 'x' })
      .expect(403);
    await request(t.url)
      .post(`/api/modules/${modules.B}/unlock`)
      .set(day.chief.auth)
      .send({ reason: '申诉复核' })
      .expect(200);
    const audit = await request(t.url)
      .get('/api/audit')
      .query({ entityType: 'module', entityId: String(modules.B) })
      .set(day.organizer.auth)
      .expect(200);
    expect(audit.body.map((r: { action: string }) => r.action)).toEqual(
      expect.arrayContaining(['module.locked', 'module.unlocked']),
    );
    expect(audit.body.find((r: { action: string }) => r.action === 'module.unlocked').reason).toBe(
      '申诉复核',
    );
    const event = await request(t.url)
      .get(`/api/events/${day.eventId}`)
      .set(day.organizer.auth)
      .expect(200);
    expect(event.body.resultsLockedAt).toBeNull();
  });
});

describe('mark entry: idempotent replays and bad input', () => {
  let t: TestApp;
  let day: PreparedEvent;
  let judge: Judge;
  let other: Judge;
  let recused: Judge;
  let aspectIds: number[];
  let moduleId: number;
  let otherEvent: PreparedEvent;

  beforeAll(async () => {
    t = await createTestApp();
    day = await prepareEvent(t, 10);
    otherEvent = await prepareEvent(t, 2, { occupation: '电工', name: '电工' }, 2029);
    [judge, other, recused] = await makeJudges(t, ['JX', 'JY', 'U1']);
    const scheme = {
      modules: [
        {
          code: 'M',
          name: '实操',
          aspects: [
            { code: 'M1', description: '尺寸', kind: 'measurement', max: 30, step: 0.5 },
            {
              code: 'M2',
              description: '质量',
              kind: 'judgement',
              aggregation: 'mean',
              max: 30,
              step: 0.5,
            },
            {
              code: 'M3',
              description: '印象',
              kind: 'judgement',
              aggregation: 'worldskills',
              max: 20,
            },
            {
              code: 'M4',
              description: '工艺',
              kind: 'judgement',
              aggregation: 'trimmed-mean',
              max: 20,
              step: 1,
            },
            { code: 'M5', description: '安全', kind: 'deduction', max: 10, step: 1 },
          ],
        },
      ],
    };
    const res = await request(t.url)
      .put(`/api/events/${day.eventId}/scheme`)
      .set(day.chief.auth)
      .send(scheme)
      .expect(200);
    moduleId = res.body.modules[0].id;
    aspectIds = res.body.modules[0].aspects.map((a: { id: number }) => a.id);
    await request(t.url)
      .put(`/api/events/${day.eventId}/assignments`)
      .set(day.chief.auth)
      .send({ modules: [{ moduleId, judgeIds: [judge.id, recused.id] }] })
      .expect(200);
  }, 60_000);
  afterAll(() => t.close());

  it('stores exactly 50 marks when 50 are sent twice in shuffled order', async () => {
    const marks = day.codeOf.flatMap((workpieceCode, i) =>
      aspectIds.map((aspectId, k) => ({
        clientId: `c-${i}-${k}-${randomUUID()}`,
        workpieceCode,
        aspectId,
        value: k === 2 ? 2 : 1,
      })),
    );
    expect(marks).toHaveLength(50);
    const first = await request(t.url)
      .post('/api/judge/marks/batch')
      .set(judge.auth)
      .send({ marks })
      .expect(200);
    expect(first.body.results.map((r: { status: number }) => r.status)).toEqual(
      Array(50).fill(201),
    );
    const shuffled = [...marks].sort(() => Math.random() - 0.5);
    const again = await request(t.url)
      .post('/api/judge/marks/batch')
      .set(judge.auth)
      .send({ marks: shuffled })
      .expect(200);
    for (const result of again.body.results) {
      const original = first.body.results.find(
        (r: { clientId: string }) => r.clientId === result.clientId,
      );
      expect(result).toEqual(original);
    }
    const rows = await t.dataSource.query(
      `SELECT COUNT(*) AS n FROM marks WHERE "eventId" = ${day.eventId}`,
    );
    expect(Number(rows[0].n)).toBe(50);
  });

  const send = (who: () => Judge, body: () => object) => () =>
    request(t.url).post('/api/judge/marks').set(who().auth).send(body());
  const mark = (over: object = {}) => ({
    clientId: randomUUID(),
    workpieceCode: day.codeOf[0],
    aspectId: aspectIds[1],
    value: 10,
    ...over,
  });

  it.each<[string, () => request.Test, number, string]>([
    [
      'a value above the maximum',
      send(
        () => recused,
        () => mark({ value: 31 }),
      ),
      422,
      'MARK_OUT_OF_RANGE',
    ],
    [
      'a value off the step',
      send(
        () => recused,
        () => mark({ value: 7.25 }),
      ),
      422,
      'MARK_OFF_STEP',
    ],
    [
      'a judgement score of 4 on a 0–3 aspect',
      send(
        () => recused,
        () => mark({ aspectId: aspectIds[2], value: 4 }),
      ),
      422,
      'MARK_SCALE',
    ],
    [
      'an aspect the judge is not assigned to',
      send(
        () => other,
        () => mark(),
      ),
      403,
      'NOT_ASSIGNED',
    ],
    [
      'a code from another event',
      send(
        () => recused,
        () => mark({ workpieceCode: otherEvent.codeOf[0] }),
      ),
      404,
      'WORKPIECE_NOT_FOUND',
    ],
    [
      'a recused contestant',
      send(
        () => recused,
        () => mark({ workpieceCode: day.codeOf[1] }),
      ),
      404,
      'WORKPIECE_NOT_FOUND',
    ],
    [
      'a replay with a different body',
      send(
        () => recused,
        () => mark({ clientId: 'fixed-client-id-1', workpieceCode: day.codeOf[2], value: 11 }),
      ),
      422,
      'IDEMPOTENCY_KEY_REUSED',
    ],
    [
      'a missing client id',
      send(
        () => recused,
        () => ({ workpieceCode: day.codeOf[0], aspectId: aspectIds[1], value: 1 }),
      ),
      400,
      'VALIDATION_FAILED',
    ],
    [
      'a batch of 501',
      () =>
        request(t.url)
          .post('/api/judge/marks/batch')
          .set(judge.auth)
          .send({ marks: Array.from({ length: 501 }, () => mark()) }),
      400,
      'VALIDATION_FAILED',
    ],
    [
      'a stale version',
      send(
        () => judge,
        () => mark({ aspectId: aspectIds[0], value: 2, baseVersion: 5 }),
      ),
      409,
      'VERSION_CONFLICT',
    ],
    [
      'a second mark where one exists',
      send(
        () => judge,
        () => mark({ aspectId: aspectIds[0], value: 2 }),
      ),
      409,
      'MARK_EXISTS',
    ],
    [
      'a non-judge posting marks',
      () => request(t.url).post('/api/judge/marks').set(day.organizer.auth).send(mark()),
      403,
      'FORBIDDEN_ROLE',
    ],
  ])('refuses %s', async (_name, go, status, code) => {
    if (code === 'IDEMPOTENCY_KEY_REUSED') {
      await request(t.url)
        .post('/api/judge/marks')
        .set(recused.auth)
        .send(mark({ clientId: 'fixed-client-id-1', workpieceCode: day.codeOf[2], value: 10 }))
        .expect(201);
      // The same id and body again is a replay: the first answer, nothing new stored.
      await request(t.url)
        .post('/api/judge/marks')
        .set(recused.auth)
        .send(mark({ clientId: 'fixed-client-id-1', workpieceCode: day.codeOf[2], value: 10 }))
        .expect(201);
    }
    const before = await tableCounts(t.dataSource);
    const res = await go();
    expect(res.status).toBe(status);
    expect(res.body.code).toBe(code);
    expect(await tableCounts(t.dataSource)).toEqual(before);
  });
});

import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import request from 'supertest';
import {
  makeJudges,
  prepareEvent,
  PreparedEvent,
  Session,
  supervisorCredentials,
} from '../support/competition-day';
import { databaseHash, settledDatabaseHash, signIn, signInContestant } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';
import { concrete, deniedByRole, openApiRoutes, Verb } from './openapi-routes';

/**
 * Ownership, the dimension the role matrix cannot see: every route that takes an object
 * belonging to a judge or a contestant, called in a real scenario by the owner and by someone
 * else. The expected table (ownership.json, reviewed by people) gives, per route and case, the
 * owner's status and the refusal (status and code) the other gets; "asUnknown" means the other
 * must get exactly the answer an unknown target gets, so a refusal tells nothing. A refused call
 * must not change a row of any table. A judge or contestant route with an id parameter (or a
 * judge's write) that has no row in the table fails the test, as does a row no case exercises.
 */
const TABLE = join(__dirname, 'ownership.json');
const OWNER_ROLES = ['judge', 'contestant'] as const;

interface Outcome {
  status: number;
  code?: string;
  /** For a batch: the answer to its one mark. */
  item?: Outcome;
}
interface Row {
  role: string;
  own: Outcome;
  other: Outcome & { asUnknown?: boolean };
}
type Table = Record<string, Record<string, Row>>;

interface Case {
  route: string;
  name: string;
  /** Steps that bring the scenario where the case needs it (expected to succeed). */
  before?: () => Promise<unknown>;
  own: () => request.Test;
  other: () => request.Test;
  /** The other's call with a target that exists nowhere. */
  unknown?: () => request.Test;
  /** Further checks of the owner's answer: what was observed, what was expected. */
  check?: (res: request.Response) => { observed: unknown; expected: unknown };
}

interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: unknown;
}

const UNKNOWN_ID = 999999;
/** Work-piece codes are letters and digits: this one is no code. */
const UNKNOWN_CODE = '-none-';

const table = JSON.parse(readFileSync(TABLE, 'utf8')) as Table;

function outcomeOf(res: request.Response): Outcome {
  const outcome: Outcome = { status: res.status };
  if (res.status >= 300) {
    outcome.code = (res.body as ErrorBody).code;
  }
  const results = (res.body as { results?: { status: number; body: ErrorBody }[] }).results;
  if (res.status === 200 && Array.isArray(results) && results.length === 1) {
    const [item] = results;
    outcome.item = { status: item.status, ...(item.status >= 300 ? { code: item.body.code } : {}) };
  }
  return outcome;
}

/** The error a refusal carries, ids left out: an unassigned target must read like an unknown one. */
function refusalOf(res: request.Response) {
  const results = (res.body as { results?: { status: number; body: ErrorBody }[] }).results;
  const body = results?.length === 1 ? results[0].body : (res.body as ErrorBody);
  return {
    status: results?.length === 1 ? results[0].status : res.status,
    body: { ...body, message: body.message?.replace(/\d+/g, '#') },
  };
}

const effectiveStatus = (o: Outcome) => o.item?.status ?? o.status;

describe('ownership: own objects and others’, as judges and contestants', () => {
  let t: TestApp;
  let e1: PreparedEvent;
  let e2: PreparedEvent;
  /**
   * A (unit U1, so recused from contestant 1 of e1) and C mark module A of e1, C module X too;
   * B marks module B of e2.
   */
  let judgeA: Session & { id: number };
  let judgeB: Session & { id: number };
  let judgeC: Session & { id: number };
  let modA: number;
  let modX: number;
  let modB: number;
  let a2: number;
  let x1: number;
  let b1: number;

  const checked: string[] = [];
  const problems: object[] = [];
  const unexpected2xx: string[] = [];
  let calls = 0;

  const mark = (
    judge: Session,
    input: { aspectId: number; workpieceCode: string; value: number; baseVersion?: number },
    clientId: string = randomUUID(),
  ) =>
    request(t.url)
      .post('/api/judge/marks')
      .set(judge.auth)
      .send({ clientId, ...input, ...(input.baseVersion ? { reason: '复评' } : {}) });
  const batch = (
    judge: Session,
    input: { aspectId: number; workpieceCode: string; value: number },
  ) =>
    request(t.url)
      .post('/api/judge/marks/batch')
      .set(judge.auth)
      .send({ marks: [{ clientId: randomUUID(), ...input }] });
  const sign = (judge: Session, moduleId: number) =>
    request(t.url).post(`/api/judge/modules/${moduleId}/sign`).set(judge.auth);

  async function putScheme(day: PreparedEvent, modules: object[]) {
    const res = await request(t.url)
      .put(`/api/events/${day.eventId}/scheme`)
      .set(day.chief.auth)
      .send({ modules })
      .expect(200);
    return res.body.modules as { id: number; aspects: { id: number }[] }[];
  }

  async function assign(day: PreparedEvent, modules: { moduleId: number; judgeIds: number[] }[]) {
    await request(t.url)
      .put(`/api/events/${day.eventId}/assignments`)
      .set(day.chief.auth)
      .send({ modules })
      .expect(200);
  }

  /**
   * Runs one case: the other's call (and the unknown target's) first, with the database hashed
   * around them, then the owner's. Differences are collected, so one run lists every one.
   */
  async function run(c: Case): Promise<void> {
    const key = `${c.route} · ${c.name}`;
    const row = table[c.route]?.[c.name];
    if (!row) {
      problems.push({ key, problem: 'no row in ownership.json' });
      return;
    }
    await c.before?.();
    // Settled: what before() locked or published writes the board's log a moment later.
    const hashBefore = await settledDatabaseHash(t.dataSource);
    const other = await c.other();
    const unknown = c.unknown ? await c.unknown() : undefined;
    const hashAfter = await databaseHash(t.dataSource);
    const own = await c.own();
    calls += unknown ? 3 : 2;
    checked.push(key);
    const compare = (what: string, observed: unknown, expected: unknown) => {
      if (!isDeepStrictEqual(observed, expected)) {
        problems.push({ key, problem: what, observed, expected });
      }
    };
    const otherOutcome = outcomeOf(other);
    if (effectiveStatus(otherOutcome) < 300) {
      unexpected2xx.push(`${key}: ${JSON.stringify(otherOutcome)}`);
    }
    const { asUnknown, ...expectedOther } = row.other;
    compare('owner', outcomeOf(own), row.own);
    compare('other', otherOutcome, expectedOther);
    // A refusal writes nothing: not a mark, not a signature, not an audit row.
    compare('database unchanged by the refusal', hashAfter, hashBefore);
    compare('asUnknown has an unknown-target call', !!unknown, !!asUnknown);
    if (unknown) {
      compare('other answered like an unknown target', refusalOf(other), refusalOf(unknown));
    }
    const extra = c.check?.(own);
    if (extra) {
      compare('owner answer', extra.observed, extra.expected);
    }
  }

  beforeAll(async () => {
    t = await createTestApp();
    e1 = await prepareEvent(t, 4);
    e2 = await prepareEvent(t, 4, {}, 2029);
    [judgeA, judgeB, judgeC] = await makeJudges(t, ['U1', null, null], 'owner');
    const [moduleA, moduleX] = await putScheme(e1, [
      {
        code: 'A',
        name: '实操',
        aspects: [
          { code: 'A1', description: '尺寸', kind: 'measurement', max: 30, step: 0.5 },
          {
            code: 'A2',
            description: '质量',
            kind: 'judgement',
            aggregation: 'mean',
            max: 30,
            step: 0.5,
          },
        ],
      },
      {
        code: 'X',
        name: '工艺',
        aspects: [{ code: 'X1', description: '工艺', kind: 'measurement', max: 40, step: 0.5 }],
      },
    ]);
    const [moduleB] = await putScheme(e2, [
      {
        code: 'B',
        name: '实操',
        aspects: [
          {
            code: 'B1',
            description: '成品',
            kind: 'judgement',
            aggregation: 'mean',
            max: 100,
            step: 0.5,
          },
        ],
      },
    ]);
    [modA, modX, modB] = [moduleA.id, moduleX.id, moduleB.id];
    [a2, x1, b1] = [moduleA.aspects[1].id, moduleX.aspects[0].id, moduleB.aspects[0].id];
    await assign(e1, [
      { moduleId: modA, judgeIds: [judgeA.id, judgeC.id] },
      { moduleId: modX, judgeIds: [judgeC.id] },
    ]);
    await assign(e2, [{ moduleId: modB, judgeIds: [judgeB.id] }]);
  }, 90_000);
  afterAll(() => t.close());

  it('has a row for every judge or contestant route that takes an id, and none for a route gone', async () => {
    const probe = {
      anonymous: {},
      judge: (await signIn(t, 'judge', 'probe-judge')).auth,
      contestant: (await signIn(t, 'contestant', 'probe-contestant')).auth,
    };
    const routes = await openApiRoutes(t);
    const required: string[] = [];
    for (const route of routes) {
      const [method, path] = route.split(' ');
      const takesObject =
        path.includes('{') || (method !== 'GET' && path.startsWith('/api/judge/'));
      if (!takesObject) {
        continue;
      }
      const call = async (auth: Record<string, string>) =>
        request(t.url)[method.toLowerCase() as Verb](concrete(path)).set(auth).send({});
      if (!deniedByRole(await call(probe.anonymous))) {
        continue; // public: holds nothing of anyone's
      }
      for (const role of OWNER_ROLES) {
        if (!deniedByRole(await call(probe[role]))) {
          required.push(`${route} as ${role}`);
        }
      }
    }
    const rowsFor = (entry: string) => {
      const [route, role] = entry.split(' as ');
      return Object.values(table[route] ?? {}).some((row) => row.role === role)
        ? 'has a row'
        : 'no row in ownership.json';
    };
    expect(required.map((r) => [r, rowsFor(r)])).toEqual(required.map((r) => [r, 'has a row']));
    expect(Object.keys(table).filter((route) => !routes.includes(route))).toEqual([]);
  }, 60_000);

  it('lets a judge act only on modules they are assigned to and codes they are not recused from', async () => {
    let firstWrite: { clientId: string; body: object } | undefined;
    const remark = (judgeIds: number[], workpieceCode: string) =>
      request(t.url)
        .post(`/api/events/${e1.eventId}/remarks`)
        .set(e1.chief.auth)
        .send({ aspectId: a2, workpieceCode, judgeIds, reason: '分差过大' });
    const cases: Case[] = [
      {
        route: 'GET /api/events/{id}/workpieces',
        name: 'the codes of an event I mark in',
        own: () => request(t.url).get(`/api/events/${e1.eventId}/workpieces`).set(judgeA.auth),
        other: () => request(t.url).get(`/api/events/${e1.eventId}/workpieces`).set(judgeB.auth),
        unknown: () => request(t.url).get(`/api/events/${UNKNOWN_ID}/workpieces`).set(judgeB.auth),
        // Every code but the one of his own unit's contestant.
        check: (res) => ({
          observed: (res.body as { workpieceCode: string }[]).map((p) => p.workpieceCode),
          expected: e1.codeOf.filter((_, i) => i !== 1).sort(),
        }),
      },
      {
        route: 'POST /api/judge/marks',
        name: 'an aspect of a module of another event',
        own: () => {
          const clientId = randomUUID();
          const body = { aspectId: a2, workpieceCode: e1.codeOf[0], value: 20 };
          firstWrite = { clientId, body };
          return mark(judgeA, body, clientId);
        },
        other: () => mark(judgeB, { aspectId: a2, workpieceCode: e1.codeOf[0], value: 20 }),
        unknown: () =>
          mark(judgeB, { aspectId: UNKNOWN_ID, workpieceCode: e1.codeOf[0], value: 20 }),
      },
      {
        route: 'POST /api/judge/marks',
        name: 'an aspect of another module of my event',
        own: () => mark(judgeC, { aspectId: x1, workpieceCode: e1.codeOf[0], value: 30 }),
        other: () => mark(judgeA, { aspectId: x1, workpieceCode: e1.codeOf[0], value: 30 }),
        unknown: () =>
          mark(judgeA, { aspectId: UNKNOWN_ID, workpieceCode: e1.codeOf[0], value: 30 }),
      },
      {
        route: 'POST /api/judge/marks',
        name: 'a code I am recused from (回避)',
        own: () => mark(judgeC, { aspectId: a2, workpieceCode: e1.codeOf[1], value: 21 }),
        other: () => mark(judgeA, { aspectId: a2, workpieceCode: e1.codeOf[1], value: 21 }),
        unknown: () => mark(judgeA, { aspectId: a2, workpieceCode: UNKNOWN_CODE, value: 21 }),
      },
      {
        route: 'POST /api/judge/marks',
        name: 'a code of another event',
        own: () => mark(judgeA, { aspectId: a2, workpieceCode: e1.codeOf[2], value: 22 }),
        other: () => mark(judgeA, { aspectId: a2, workpieceCode: e2.codeOf[0], value: 22 }),
        unknown: () => mark(judgeA, { aspectId: a2, workpieceCode: UNKNOWN_CODE, value: 22 }),
      },
      {
        route: 'POST /api/judge/marks',
        name: "another judge's judgement mark, edited with its version",
        own: () =>
          mark(judgeA, { aspectId: a2, workpieceCode: e1.codeOf[0], value: 25, baseVersion: 1 }),
        other: () =>
          mark(judgeC, { aspectId: a2, workpieceCode: e1.codeOf[0], value: 5, baseVersion: 1 }),
        // Nobody has marked this one yet.
        unknown: () =>
          mark(judgeC, { aspectId: a2, workpieceCode: e1.codeOf[3], value: 5, baseVersion: 1 }),
      },
      {
        route: 'POST /api/judge/marks',
        name: "another judge's write, resent with its client id",
        own: () => mark(judgeA, firstWrite!.body as never, firstWrite!.clientId),
        other: () => mark(judgeB, firstWrite!.body as never, firstWrite!.clientId),
        // The first answer again, not a second mark.
        check: (res) => {
          const { value, version } = (res.body as { body: { value: number; version: number } })
            .body;
          return { observed: { value, version }, expected: { value: 20, version: 1 } };
        },
      },
      {
        route: 'POST /api/judge/marks/batch',
        name: 'an aspect of a module of another event',
        own: () => batch(judgeA, { aspectId: a2, workpieceCode: e1.codeOf[3], value: 23 }),
        other: () => batch(judgeB, { aspectId: a2, workpieceCode: e1.codeOf[3], value: 23 }),
        unknown: () =>
          batch(judgeB, { aspectId: UNKNOWN_ID, workpieceCode: e1.codeOf[3], value: 23 }),
      },
      {
        route: 'POST /api/judge/marks/batch',
        name: 'a code I am recused from (回避)',
        own: () => batch(judgeC, { aspectId: a2, workpieceCode: e1.codeOf[0], value: 24 }),
        other: () => batch(judgeA, { aspectId: a2, workpieceCode: e1.codeOf[1], value: 24 }),
        unknown: () => batch(judgeA, { aspectId: a2, workpieceCode: UNKNOWN_CODE, value: 24 }),
      },
      {
        route: 'POST /api/judge/modules/{id}/sign',
        name: 'a module of another event',
        own: () => sign(judgeA, modA),
        other: () => sign(judgeB, modA),
        unknown: () => sign(judgeB, UNKNOWN_ID),
      },
      {
        route: 'POST /api/judge/modules/{id}/sign',
        name: 'another module of my event',
        own: () => sign(judgeC, modX),
        other: () => sign(judgeA, modX),
        unknown: () => sign(judgeA, UNKNOWN_ID),
      },
      {
        route: 'POST /api/events/{id}/remarks',
        name: 'a re-mark request naming a judge not on the module',
        own: () => remark([judgeA.id], e1.codeOf[2]),
        other: () => remark([judgeB.id], e1.codeOf[2]),
        unknown: () => remark([UNKNOWN_ID], e1.codeOf[2]),
      },
      {
        route: 'POST /api/judge/marks',
        name: 'a re-mark request that names another judge',
        // C completes and signs the sheet; the chief's request above reopened A's only.
        before: async () => {
          for (const i of [2, 3]) {
            await mark(judgeC, { aspectId: a2, workpieceCode: e1.codeOf[i], value: 20 }).expect(
              201,
            );
          }
          await sign(judgeC, modA).expect(200);
        },
        own: () =>
          mark(judgeA, { aspectId: a2, workpieceCode: e1.codeOf[2], value: 26, baseVersion: 1 }),
        other: () =>
          mark(judgeC, { aspectId: a2, workpieceCode: e1.codeOf[2], value: 26, baseVersion: 1 }),
      },
    ];
    for (const c of cases) {
      await run(c);
    }
    expect(problems.splice(0)).toEqual([]);
  }, 120_000);

  it("keeps every judge's task list to their own modules, codes and re-mark requests", async () => {
    // A request that names a judge on a code he is recused from must not show him the code.
    const recusedRemark = await request(t.url)
      .post(`/api/events/${e1.eventId}/remarks`)
      .set(e1.chief.auth)
      .send({ aspectId: a2, workpieceCode: e1.codeOf[1], judgeIds: [judgeA.id], reason: '复评' });
    expect([201, 422]).toContain(recusedRemark.status);
    const before = await databaseHash(t.dataSource);
    const tasksOf = async (judge: Session) =>
      (await request(t.url).get('/api/judge/tasks').set(judge.auth).expect(200)).body as {
        eventId: number;
        moduleId: number;
        workpieceCodes: string[];
        marks: { workpieceCode: string }[];
        remarks: string[];
      }[];
    const codesIn = (tasks: Awaited<ReturnType<typeof tasksOf>>) =>
      new Set(
        tasks.flatMap((task) => [
          ...task.workpieceCodes,
          ...task.marks.map((m) => m.workpieceCode),
          ...task.remarks.map((r) => r.split(':')[1]),
        ]),
      );
    const [tasksA, tasksB, tasksC] = [
      await tasksOf(judgeA),
      await tasksOf(judgeB),
      await tasksOf(judgeC),
    ];
    expect(await databaseHash(t.dataSource)).toBe(before);
    expect(tasksA.map((task) => task.moduleId)).toEqual([modA]);
    expect(tasksB.map((task) => task.moduleId)).toEqual([modB]);
    expect(tasksC.map((task) => task.moduleId).sort()).toEqual([modA, modX].sort());
    expect([...codesIn(tasksA)].sort()).toEqual(e1.codeOf.filter((_, i) => i !== 1).sort());
    expect([...codesIn(tasksB)].sort()).toEqual([...e2.codeOf].sort());
    expect([...codesIn(tasksC)].sort()).toEqual([...e1.codeOf].sort());
    expect(tasksA[0].remarks).toEqual([`${a2}:${e1.codeOf[2]}`]);
    expect(tasksC.flatMap((task) => task.remarks)).toEqual([]);
  });

  it('lets a contestant appeal only against an event they entered', async () => {
    let owner: Awaited<ReturnType<typeof signInContestant>>;
    let stranger: Awaited<ReturnType<typeof signInContestant>>;
    const appeal = (who: { auth: Record<string, string> }) =>
      request(t.url)
        .post(`/api/events/${e2.eventId}/appeals`)
        .set(who.auth)
        .send({ text: '成品尺寸漏记' });
    const myContestant = async (who: { auth: Record<string, string> }) =>
      (await request(t.url).get('/api/me/contestant').set(who.auth).expect(200)).body as {
        contestant: { id: number };
        entries: { eventId: number }[];
        appeals: { id: number }[];
      };
    await run({
      route: 'POST /api/events/{id}/appeals',
      name: 'an appeal against an event I entered',
      before: async () => {
        await publishResults(e2, b1, modB);
        owner = await signInContestant(t, e2.organizer.auth, await contestantOf(e2, 0));
        stranger = await signInContestant(t, e1.organizer.auth, await contestantOf(e1, 0));
      },
      own: () => appeal(owner),
      other: () => appeal(stranger),
      check: (res) => ({
        observed: (res.body as { eventId: number }).eventId,
        expected: e2.eventId,
      }),
    });
    expect(problems.splice(0)).toEqual([]);
    const [mine, theirs] = [await myContestant(owner!), await myContestant(stranger!)];
    expect(mine.contestant.id).toBe(owner!.contestantId);
    expect(mine.entries.map((e) => e.eventId)).toEqual([e2.eventId]);
    expect(mine.appeals).toHaveLength(1);
    expect(theirs.contestant.id).toBe(stranger!.contestantId);
    expect(theirs.entries.map((e) => e.eventId)).toEqual([e1.eventId]);
    expect(theirs.appeals).toEqual([]);
  }, 120_000);

  /** Marks, signs, locks, decrypts, computes and publishes an event judged by B alone. */
  async function publishResults(day: PreparedEvent, aspectId: number, moduleId: number) {
    const marks = day.codeOf.map((workpieceCode, i) => ({
      clientId: randomUUID(),
      workpieceCode,
      aspectId,
      value: 60 + i,
    }));
    await request(t.url)
      .post('/api/judge/marks/batch')
      .set(judgeB.auth)
      .send({ marks })
      .expect(200);
    await sign(judgeB, moduleId).expect(200);
    await request(t.url)
      .post(`/api/events/${day.eventId}/theory`)
      .set(day.chief.auth)
      .send({ scores: day.checkInCodeOf.map((checkInCode, i) => ({ checkInCode, score: 70 + i })) })
      .expect(200);
    await request(t.url).post(`/api/modules/${moduleId}/lock`).set(day.chief.auth).expect(200);
    await request(t.url)
      .post(`/api/events/${day.eventId}/decrypt`)
      .set(day.chief.auth)
      .send(await supervisorCredentials(t))
      .expect(200);
    await request(t.url)
      .post(`/api/events/${day.eventId}/results/compute`)
      .set(day.chief.auth)
      .expect(200);
    await request(t.url)
      .post(`/api/events/${day.eventId}/results/publish`)
      .set(day.chief.auth)
      .send({
        reason: '测试：缩短公示期',
        start: new Date(Date.now() - 60_000).toISOString(),
        end: new Date(Date.now() + 86_400_000).toISOString(),
      })
      .expect(200);
  }

  /** The contestant id of the i-th contestant registered for an event. */
  async function contestantOf(day: PreparedEvent, i: number): Promise<number> {
    const { editionId } = (
      await request(t.url).get(`/api/events/${day.eventId}`).set(day.organizer.auth).expect(200)
    ).body as { editionId: number };
    const entries = (
      await request(t.url)
        .get(`/api/editions/${editionId}/entries`)
        .query({ eventId: day.eventId })
        .set(day.organizer.auth)
        .expect(200)
    ).body as { contestant: { id: number; name: string } }[];
    return entries.find((e) => e.contestant.name === `参赛者${i}`)!.contestant.id;
  }

  it('found no unexpected 2xx for anyone but the owner, over every row of the table', () => {
    const rows = Object.entries(table).flatMap(([route, cases]) =>
      Object.keys(cases).map((name) => `${route} · ${name}`),
    );
    const routes = Object.keys(table).length;
    console.log(
      `ownership: ${routes} routes, ${calls} calls as owner, other and unknown target; ` +
        `ownership cases checked: ${checked.length}, unexpected 2xx: ${unexpected2xx.length}`,
    );
    expect(unexpected2xx).toEqual([]);
    expect(rows.filter((row) => !checked.includes(row))).toEqual([]);
  });
});

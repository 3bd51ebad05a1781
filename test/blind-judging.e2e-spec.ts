import { randomUUID } from 'node:crypto';
import { io } from 'socket.io-client';
import request from 'supertest';
import { makeJudges, prepareEvent, PreparedEvent, Session } from './support/competition-day';
import { createTestApp, TestApp } from './support/test-app';

/** Keys that name a contestant's identity; a judge's payload must hold none of them. */
const IDENTITY_KEYS = new Set([
  'name',
  'idNumber',
  'phone',
  'employer',
  'unitName',
  'unitId',
  'unit',
  'contestant',
  'contestantId',
  'entryId',
  'entryNo',
  'birthDate',
  'gender',
]);

function stringsOf(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') {
    out.push(value);
  } else if (Array.isArray(value)) {
    value.forEach((v) => stringsOf(v, out));
  } else if (value && typeof value === 'object') {
    Object.values(value).forEach((v) => stringsOf(v, out));
  }
  return out;
}

function keysOf(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) {
    value.forEach((v) => keysOf(v, out));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.push(k);
      keysOf(v, out);
    }
  }
  return out;
}

describe('blind judging: nothing a judge receives names a contestant', () => {
  let t: TestApp;
  let day: PreparedEvent;
  let judge: Session & { id: number };
  let other: Session & { id: number };
  const received: { what: string; body: unknown }[] = [];
  let people: {
    name: string;
    idNumber: string;
    unitName: string;
    phone: string | null;
    employer: string | null;
  }[];

  beforeAll(async () => {
    t = await createTestApp({ LIVE_INTERVAL_MS: '20' });
    day = await prepareEvent(t, 8, { status: 'published' });
    await request(t.url)
      .patch('/api/editions/1')
      .set(day.organizer.auth)
      .send({ status: 'published' })
      .expect(200);
    [judge, other] = await makeJudges(t, ['U1', 'JX']);
    const entries = (
      await request(t.url).get('/api/editions/1/entries').set(day.organizer.auth).expect(200)
    ).body as {
      contestant: {
        name: string;
        idNumber: string;
        unitName: string;
        phone: string | null;
        employer: string | null;
      };
    }[];
    people = entries.map((e) => e.contestant);
    const scheme = {
      modules: [
        {
          code: 'A',
          name: '实操',
          aspects: [
            { code: 'A1', description: '尺寸', kind: 'measurement', max: 50, step: 0.5 },
            {
              code: 'A2',
              description: '质量',
              kind: 'judgement',
              aggregation: 'mean',
              max: 50,
              step: 0.5,
            },
          ],
        },
      ],
    };
    const put = await request(t.url)
      .put(`/api/events/${day.eventId}/scheme`)
      .set(day.chief.auth)
      .send(scheme)
      .expect(200);
    const moduleId = put.body.modules[0].id as number;
    const aspects = put.body.modules[0].aspects as { id: number }[];
    await request(t.url)
      .put(`/api/events/${day.eventId}/assignments`)
      .set(day.chief.auth)
      .send({ modules: [{ moduleId, judgeIds: [judge.id, other.id] }] })
      .expect(200);

    // Everything the judge receives, over HTTP and socket.io, through a whole judging day.
    const socket = io(`${t.url}/live`, {
      transports: ['websocket'],
      reconnection: false,
      auth: { token: judge.token },
    });
    socket.onAny((event: string, body: unknown) =>
      received.push({ what: `socket ${event}`, body }),
    );
    await new Promise<void>((resolve) => socket.on('connect', () => resolve()));
    received.push({
      what: 'socket join ack',
      body: await socket.timeout(5000).emitWithAck('join', { eventId: day.eventId }),
    });
    const call = async (what: string, go: () => request.Test) => {
      const res = await go();
      received.push({ what, body: res.body });
      return res;
    };
    const tasks = (
      await call('tasks', () => request(t.url).get('/api/judge/tasks').set(judge.auth))
    ).body as { workpieceCodes: string[] }[];
    const codes = tasks[0].workpieceCodes;
    await call('workpieces', () =>
      request(t.url).get(`/api/events/${day.eventId}/workpieces`).set(judge.auth),
    );
    const marks = codes.flatMap((workpieceCode, i) =>
      aspects.map((a) => ({
        clientId: randomUUID(),
        workpieceCode,
        aspectId: a.id,
        value: 20 + i,
      })),
    );
    await call('batch', () =>
      request(t.url).post('/api/judge/marks/batch').set(judge.auth).send({ marks }),
    );
    await call('replay', () =>
      request(t.url).post('/api/judge/marks').set(judge.auth).send(marks[0]),
    );
    await call('conflict', () =>
      request(t.url)
        .post('/api/judge/marks')
        .set(judge.auth)
        .send({ ...marks[0], clientId: randomUUID() }),
    );
    await call('recused code', () =>
      request(t.url)
        .post('/api/judge/marks')
        .set(judge.auth)
        .send({ ...marks[0], clientId: randomUUID(), workpieceCode: day.codeOf[1] }),
    );
    await call('bad value', () =>
      request(t.url)
        .post('/api/judge/marks')
        .set(judge.auth)
        .send({ ...marks[0], clientId: randomUUID(), value: 51 }),
    );
    await call('sign', () =>
      request(t.url).post(`/api/judge/modules/${moduleId}/sign`).set(judge.auth),
    );
    await call('forbidden map', () =>
      request(t.url).get(`/api/events/${day.eventId}/code-map`).set(judge.auth),
    );
    await call('forbidden entries', () =>
      request(t.url).get('/api/editions/1/entries').set(judge.auth),
    );
    // The second judge covers the recused pieces and marks the judgement aspect for all.
    const cover = day.codeOf.flatMap((workpieceCode) =>
      aspects
        .filter((a, k) => k === 1 || !codes.includes(workpieceCode))
        .map((a) => ({ clientId: randomUUID(), workpieceCode, aspectId: a.id, value: 30 })),
    );
    await request(t.url)
      .post('/api/judge/marks/batch')
      .set(other.auth)
      .send({ marks: cover })
      .expect(200);
    await request(t.url).post(`/api/judge/modules/${moduleId}/sign`).set(other.auth).expect(200);
    await request(t.url).post(`/api/modules/${moduleId}/lock`).set(day.chief.auth).expect(200);
    await new Promise((r) => setTimeout(r, 200));
    await call('tasks after lock', () => request(t.url).get('/api/judge/tasks').set(judge.auth));
    socket.close();
  }, 60_000);
  afterAll(() => t.close());

  it('recusal kept the judge from the codes of his own unit', () => {
    const tasks = received.find((r) => r.what === 'tasks')!.body as { workpieceCodes: string[] }[];
    expect(tasks[0].workpieceCodes).toHaveLength(6);
    expect(tasks[0].workpieceCodes).not.toContain(day.codeOf[1]);
  });

  it('holds no identity field and no identity value in any response or socket message', () => {
    expect(received.length).toBeGreaterThan(12);
    const leaks: string[] = [];
    for (const { what, body } of received) {
      const text = JSON.stringify(body);
      const strings = stringsOf(body);
      for (const key of keysOf(body).filter((k) => IDENTITY_KEYS.has(k))) {
        leaks.push(`${what}: field ${key}`);
      }
      for (const p of people) {
        for (const value of [p.name, p.idNumber, p.unitName, p.phone, p.employer].filter(
          (v): v is string => !!v,
        )) {
          // Any value equal to an identity leaks; a long one also leaks inside another string.
          // (Short unit names like "U2" can occur by chance inside random work-piece codes.)
          if (strings.includes(value) || (value.length >= 4 && text.includes(value))) {
            leaks.push(`${what}: value ${value}`);
          }
        }
      }
    }
    console.log(
      `blind judging: ${received.length} judge responses and socket messages inspected, ${leaks.length} leaks`,
    );
    expect(leaks).toEqual([]);
  });
});

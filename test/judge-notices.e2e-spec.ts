import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { createTestApp, TestApp } from './support/test-app';
import { makeJudges, prepareEvent, PreparedEvent, Session } from './support/competition-day';

type Judge = Session & { id: number };

interface Task {
  moduleId: number;
  signedAt: string | null;
  marks: { aspectId: number; workpieceCode: string; version: number }[];
  remarks: string[];
  requests: {
    aspectId: number;
    workpieceCode: string;
    reason: string;
    requestedAt: string;
    answered: boolean;
  }[];
  signatureCleared: { cause: string; reason: string; at: string } | null;
}

/**
 * What the chief judge asks reaches the judge's tablet (GET /judge/tasks): a re-mark request with
 * its reason, answered once the judge marks the cell again; and why the judge's signature went
 * (a re-mark request or an unlock), until the judge signs again. Codes only, the judge's own.
 */
describe('judge notices: re-mark requests and cleared signatures', () => {
  let t: TestApp;
  let day: PreparedEvent;
  let judges: Judge[];
  let moduleId: number;
  let aspectIds: number[];

  const tasks = async (judge: Judge): Promise<Task> =>
    (await request(t.url).get('/api/judge/tasks').set(judge.auth).expect(200)).body[0] as Task;

  beforeAll(async () => {
    t = await createTestApp();
    day = await prepareEvent(t, 3, { status: 'published' });
    judges = await makeJudges(t, [null, null], 'notice');
    const scheme = await request(t.url)
      .put(`/api/events/${day.eventId}/scheme`)
      .set(day.chief.auth)
      .send({
        modules: [
          {
            code: 'A',
            name: '零件加工',
            aspects: [
              { code: 'A1', description: '外圆', kind: 'measurement', max: 50, step: 0.5 },
              { code: 'A2', description: '内孔', kind: 'measurement', max: 50, step: 0.5 },
            ],
          },
        ],
      })
      .expect(200);
    moduleId = scheme.body.modules[0].id;
    aspectIds = scheme.body.modules[0].aspects.map((a: { id: number }) => a.id);
    await request(t.url)
      .put(`/api/events/${day.eventId}/assignments`)
      .set(day.chief.auth)
      .send({ modules: [{ moduleId, judgeIds: judges.map((j) => j.id) }] })
      .expect(200);
    for (const judge of judges) {
      await request(t.url)
        .post('/api/judge/marks/batch')
        .set(judge.auth)
        .send({
          marks: day.codeOf.flatMap((workpieceCode) =>
            aspectIds.map((aspectId) => ({
              clientId: randomUUID(),
              workpieceCode,
              aspectId,
              value: 30,
            })),
          ),
        })
        .expect(200);
      await request(t.url).post(`/api/judge/modules/${moduleId}/sign`).set(judge.auth).expect(200);
    }
  }, 60_000);
  afterAll(() => t.close());

  it('shows a signed judge no request and no cleared signature', async () => {
    const task = await tasks(judges[0]);
    expect(task.signedAt).not.toBeNull();
    expect(task.requests).toEqual([]);
    expect(task.signatureCleared).toBeNull();
  });

  it('shows the re-mark request with its reason until the judge marks the cell again', async () => {
    await request(t.url)
      .post(`/api/events/${day.eventId}/remarks`)
      .set(day.chief.auth)
      .send({
        aspectId: aspectIds[0],
        workpieceCode: day.codeOf[1],
        judgeIds: [judges[0].id],
        reason: '外圆尺寸分差超限，请复测',
      })
      .expect(201);
    const asked = await tasks(judges[0]);
    expect(asked.signedAt).toBeNull();
    expect(asked.requests).toEqual([
      {
        aspectId: aspectIds[0],
        workpieceCode: day.codeOf[1],
        reason: '外圆尺寸分差超限，请复测',
        requestedAt: expect.any(String),
        answered: false,
      },
    ]);
    expect(asked.signatureCleared).toEqual({
      cause: 'remark',
      reason: '外圆尺寸分差超限，请复测',
      at: asked.requests[0].requestedAt,
    });
    // The other judge was not named: still signed, told nothing.
    const other = await tasks(judges[1]);
    expect(other.signedAt).not.toBeNull();
    expect(other.requests).toEqual([]);
    expect(other.signatureCleared).toBeNull();

    const mark = asked.marks.find(
      (m) => m.aspectId === aspectIds[0] && m.workpieceCode === day.codeOf[1],
    )!;
    await request(t.url)
      .post('/api/judge/marks')
      .set(judges[0].auth)
      .send({
        clientId: randomUUID(),
        workpieceCode: day.codeOf[1],
        aspectId: aspectIds[0],
        value: 31.5,
        baseVersion: mark.version,
      })
      .expect(200);
    const answered = await tasks(judges[0]);
    expect(answered.requests).toEqual([expect.objectContaining({ answered: true })]);
    // Still unsigned, and still told why, until the judge signs again.
    expect(answered.signatureCleared).toEqual(expect.objectContaining({ cause: 'remark' }));
    await request(t.url)
      .post(`/api/judge/modules/${moduleId}/sign`)
      .set(judges[0].auth)
      .expect(200);
    const signed = await tasks(judges[0]);
    expect(signed.signedAt).not.toBeNull();
    expect(signed.signatureCleared).toBeNull();
  });

  it('tells every judge of the module that an unlock cleared their signature, with the reason', async () => {
    await request(t.url).post(`/api/modules/${moduleId}/lock`).set(day.chief.auth).expect(200);
    // A lock closes the requests: nothing more to answer.
    expect((await tasks(judges[0])).requests).toEqual([]);
    await request(t.url)
      .post(`/api/modules/${moduleId}/unlock`)
      .set(day.chief.auth)
      .send({ reason: '复核发现录入错误' })
      .expect(200);
    for (const judge of judges) {
      const task = await tasks(judge);
      expect(task.signedAt).toBeNull();
      expect(task.signatureCleared).toEqual({
        cause: 'unlock',
        reason: '复核发现录入错误',
        at: expect.any(String),
      });
    }
    await request(t.url)
      .post(`/api/judge/modules/${moduleId}/sign`)
      .set(judges[1].auth)
      .expect(200);
    expect((await tasks(judges[1])).signatureCleared).toBeNull();
    expect((await tasks(judges[0])).signatureCleared).toEqual(
      expect.objectContaining({ cause: 'unlock' }),
    );
  });

  it('names the modules of a public event for the boards, and refuses an unknown event', async () => {
    const editionId = (
      await request(t.url).get(`/api/events/${day.eventId}`).set(day.organizer.auth).expect(200)
    ).body.editionId;
    // A draft edition's events are not public yet.
    await request(t.url).get(`/api/events/${day.eventId}/modules`).expect(404);
    await request(t.url)
      .patch(`/api/editions/${editionId}`)
      .set(day.organizer.auth)
      .send({ status: 'published' })
      .expect(200);
    const res = await request(t.url).get(`/api/events/${day.eventId}/modules`).expect(200);
    expect(res.body).toEqual([{ code: 'A', name: '零件加工' }]);
    const missing = await request(t.url).get('/api/events/999999/modules').expect(404);
    expect(missing.body.code).toBe('EVENT_NOT_FOUND');
  });
});

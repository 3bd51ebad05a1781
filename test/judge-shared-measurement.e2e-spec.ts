import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { makeJudges, prepareEvent, PreparedEvent, Session } from './support/competition-day';
import { createTestApp, TestApp } from './support/test-app';

interface Task {
  eventId: number;
  aspects: { id: number; code: string }[];
  marks: { aspectId: number; workpieceCode: string; value: number; version: number }[];
}

/**
 * Issue #15: a measurement holds one agreed value per work-piece (whoever takes it), but each
 * judge's tablet listed only its own marks, so the second judge saw an empty cell and met a
 * conflict on typing. The tablet's tasks now carry the measurement already taken, with its
 * version; judgements stay each judge's own.
 */
describe("the tablet shows the measurement another judge took; judgements stay one's own", () => {
  let t: TestApp;
  let day: PreparedEvent;
  let judges: (Session & { id: number })[];

  beforeAll(async () => {
    t = await createTestApp();
    day = await prepareEvent(t, 2);
    judges = await makeJudges(t, [null, null]);
  }, 60_000);
  afterAll(() => t.close());

  const tasks = async (judge: Session) =>
    (
      (await request(t.url).get('/api/judge/tasks').set(judge.auth).expect(200)).body as Task[]
    ).find((x) => x.eventId === day.eventId)!;

  it("lists the first judge's measurement on the second judge's tablet, not their judgement", async () => {
    const scheme = await request(t.url)
      .put(`/api/events/${day.eventId}/scheme`)
      .set(day.chief.auth)
      .send({
        modules: [
          {
            code: 'A',
            name: '加工',
            aspects: [
              { code: 'A1', description: '尺寸', kind: 'measurement', max: 50, step: 0.5 },
              { code: 'A2', description: '工艺', kind: 'judgement', max: 50, step: 1 },
            ],
          },
        ],
      })
      .expect(200);
    const moduleId = scheme.body.modules[0].id as number;
    const [a1, a2] = (scheme.body.modules[0].aspects as { id: number }[]).map((a) => a.id);
    await request(t.url)
      .put(`/api/events/${day.eventId}/assignments`)
      .set(day.chief.auth)
      .send({ modules: [{ moduleId, judgeIds: judges.map((j) => j.id) }] })
      .expect(200);
    const code = day.codeOf[0];
    await request(t.url)
      .post('/api/judge/marks/batch')
      .set(judges[0].auth)
      .send({
        marks: [
          { clientId: randomUUID(), workpieceCode: code, aspectId: a1, value: 42.5 },
          { clientId: randomUUID(), workpieceCode: code, aspectId: a2, value: 40 },
        ],
      })
      .expect(200);
    const second = await tasks(judges[1]);
    expect(second.marks.map((m) => [m.aspectId, m.workpieceCode, m.value, m.version])).toEqual([
      [a1, code, 42.5, 1],
    ]);
    // Editing it from the second tablet goes through its version, as any mark.
    await request(t.url)
      .post('/api/judge/marks')
      .set(judges[1].auth)
      .send({
        clientId: randomUUID(),
        workpieceCode: code,
        aspectId: a1,
        value: 43,
        baseVersion: 1,
      })
      .expect(200);
    const first = await tasks(judges[0]);
    expect(
      first.marks.map((m) => [m.aspectId, m.value, m.version]).sort((x, y) => x[0] - y[0]),
    ).toEqual([
      [a1, 43, 2],
      [a2, 40, 1],
    ]);
  });
});

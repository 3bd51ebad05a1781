import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import request from 'supertest';
import { DEFAULT_RANKING } from '../src/domain/ranking';
import { computeStandings } from '../src/domain/standings';
import { ScoringService } from '../src/judging/scoring.service';
import { diffPublic, toPublicRows } from '../src/live/public-standings';
import { StandingsService } from '../src/live/standings.service';
import { makeJudges, prepareEvent, PreparedEvent, Session } from './support/competition-day';
import { createTestApp, TestApp } from './support/test-app';

/**
 * After random sequences of mark edits, locks and unlocks, the standings the live service keeps
 * incrementally (lock by lock) equal a full recompute from the stored marks.
 */
describe('consistency: incremental standings equal a full recompute after random sequences', () => {
  let t: TestApp;
  let day: PreparedEvent;
  let judge: Session & { id: number };
  const modules: { id: number; aspectId: number; code: string }[] = [];
  const versions = new Map<string, number>();

  beforeAll(async () => {
    t = await createTestApp({ LIVE_INTERVAL_MS: '60000' });
    day = await prepareEvent(t, 6, { status: 'published' });
    await request(t.url)
      .patch('/api/editions/1')
      .set(day.organizer.auth)
      .send({ status: 'published' })
      .expect(200);
    [judge] = await makeJudges(t, ['JU']);
    const scheme = {
      modules: ['A', 'B', 'C'].map((code, i) => ({
        code,
        name: code,
        aspects: [
          {
            code: `${code}1`,
            description: code,
            kind: 'measurement',
            max: [40, 30, 30][i],
            step: 0.5,
          },
        ],
      })),
    };
    const put = await request(t.url)
      .put(`/api/events/${day.eventId}/scheme`)
      .set(day.chief.auth)
      .send(scheme)
      .expect(200);
    for (const m of put.body.modules) {
      modules.push({ id: m.id, aspectId: m.aspects[0].id, code: m.code });
    }
    await request(t.url)
      .put(`/api/events/${day.eventId}/assignments`)
      .set(day.chief.auth)
      .send({ modules: modules.map((m) => ({ moduleId: m.id, judgeIds: [judge.id] })) })
      .expect(200);
    for (const m of modules) {
      for (const code of day.codeOf) {
        const res = await request(t.url)
          .post('/api/judge/marks')
          .set(judge.auth)
          .send({ clientId: randomUUID(), workpieceCode: code, aspectId: m.aspectId, value: 10 })
          .expect(201);
        versions.set(`${m.aspectId}|${code}`, res.body.body.version);
      }
    }
  }, 60_000);
  afterAll(() => t.close());

  type Op =
    | { kind: 'lock' | 'unlock'; module: number }
    | { kind: 'edit'; module: number; piece: number; value: number };

  const apply = async (op: Op, locked: Set<number>) => {
    const m = modules[op.module];
    if (op.kind === 'lock' && !locked.has(m.id)) {
      await request(t.url).post(`/api/judge/modules/${m.id}/sign`).set(judge.auth).expect(200);
      await request(t.url).post(`/api/modules/${m.id}/lock`).set(day.chief.auth).expect(200);
      locked.add(m.id);
    } else if (op.kind === 'unlock' && locked.has(m.id)) {
      await request(t.url)
        .post(`/api/modules/${m.id}/unlock`)
        .set(day.chief.auth)
        .send({ reason: 'property' })
        .expect(200);
      locked.delete(m.id);
    } else if (op.kind === 'edit' && !locked.has(m.id)) {
      const key = `${m.aspectId}|${day.codeOf[op.piece]}`;
      const res = await request(t.url)
        .post('/api/judge/marks')
        .set(judge.auth)
        .send({
          clientId: randomUUID(),
          workpieceCode: day.codeOf[op.piece],
          aspectId: m.aspectId,
          value: op.value,
          baseVersion: versions.get(key),
        })
        .expect(200);
      versions.set(key, res.body.body.version);
    }
  };

  it('holds for 25 random sequences', async () => {
    const standings = t.app.get(StandingsService);
    const scoring = t.app.get(ScoringService);
    const locked = new Set<number>();
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.record({
        kind: fc.constantFrom('lock' as const, 'unlock' as const),
        module: fc.integer({ min: 0, max: 2 }),
      }),
      fc.record({
        kind: fc.constant('edit' as const),
        module: fc.integer({ min: 0, max: 2 }),
        piece: fc.integer({ min: 0, max: 5 }),
        value: fc.integer({ min: 0, max: 60 }).map((v) => v / 2),
      }),
    );
    let checks = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 6 }), async (ops) => {
        for (const o of ops) {
          await apply(o, locked);
          await standings.publish(day.eventId);
        }
        const snapshot = await standings.snapshot(day.eventId);
        const scores = await scoring.scoreEvent(t.dataSource.manager, day.eventId, {
          lockedOnly: true,
        });
        const workstation = new Map<number, number>(
          (
            await t.dataSource.query(
              `SELECT id, "workstationNo" FROM entries WHERE "eventId" = ${day.eventId}`,
            )
          ).map((r: { id: number; workstationNo: number }) => [
            Number(r.id),
            Number(r.workstationNo),
          ]),
        );
        const full = toPublicRows(
          computeStandings(
            scores.map((s) => ({
              entryId: s.entryId,
              workstationNo: workstation.get(s.entryId) ?? null,
              modules: Object.fromEntries(
                Object.entries(s.modules).filter(([, v]) => v !== null),
              ) as Record<string, number>,
              theory: s.theory,
              timeUsedSeconds: s.timeUsedSeconds,
            })),
            { theoryWeight: 30, practicalWeight: 70, ranking: DEFAULT_RANKING },
          ),
          null,
        );
        checks += 1;
        const { changes, removed } = diffPublic(snapshot.rows, full);
        return changes.length === 0 && removed.length === 0;
      }),
      { numRuns: 25, seed: 339 },
    );
    expect(checks).toBe(25);
  }, 120_000);
});

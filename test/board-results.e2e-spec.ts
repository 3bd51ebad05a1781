import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import request from 'supertest';
import { StandingsService } from '../src/live/standings.service';
import { makeJudges, Session, supervisorCredentials } from './support/competition-day';
import { makeContestant, makeEdition, makeEvent, makeIdNumber, signIn } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

/**
 * Issue #14, section 2: one owner for each rule. For random events (weights, tie-break chain
 * naming parts and scheme modules, shared or strict order) and random coarse marks (so ties are
 * common), once every module is locked the public board's rank and total of every workstation
 * equal the results' rank and total: both ask eventOptions. Three values per mark make equal
 * totals with different parts, and full ties, the usual case.
 */
const RUNS = 15;
const CRITERIA = ['practical', 'time', 'theory', 'module:A', 'module:B'] as const;

interface Case {
  theoryWeight: number;
  chain: string[];
  then: 'shared' | 'strict';
  people: { a: number; b: number; theory: number }[];
}

const caseArb: fc.Arbitrary<Case> = fc.record({
  theoryWeight: fc.constantFrom(0, 20, 30, 50),
  chain: fc.shuffledSubarray([...CRITERIA]),
  then: fc.constantFrom('shared' as const, 'strict' as const),
  people: fc.array(
    fc.record({
      a: fc.constantFrom(30, 40, 50),
      b: fc.constantFrom(30, 40, 50),
      theory: fc.constantFrom(60, 80, 100),
    }),
    { minLength: 4, maxLength: 8 },
  ),
});

describe('the board and the results rank alike, whatever the rules', () => {
  let t: TestApp;
  let organizer: Session;
  let chief: Session;
  let encryptor: Session;
  let judge: Session & { id: number };
  let editionId: number;
  let k = 0;
  let rowsCompared = 0;

  beforeAll(async () => {
    t = await createTestApp({ LIVE_INTERVAL_MS: '60000' });
    organizer = await signIn(t, 'organizer', 'org');
    chief = await signIn(t, 'chief_judge', 'chief');
    encryptor = await signIn(t, 'encryption_judge', 'enc');
    [judge] = await makeJudges(t, [null]);
    editionId = (
      await request(t.url)
        .post('/api/editions')
        .set(organizer.auth)
        .send(makeEdition({ status: 'published' }))
        .expect(201)
    ).body.id;
  }, 60_000);
  afterAll(() => t.close());

  async function run(c: Case): Promise<void> {
    k += 1;
    const eventId = (
      await request(t.url)
        .post(`/api/editions/${editionId}/events`)
        .set(organizer.auth)
        .send(
          makeEvent({
            occupation: `工种${k}`,
            name: `工种${k}(职工组)`,
            status: 'published',
            theoryWeight: c.theoryWeight,
            practicalWeight: 100 - c.theoryWeight,
            rules: {
              quota: { kind: 'fixed', counts: [1, 1, 1] },
              tieBreak: { chain: c.chain, then: c.then },
            },
          }),
        )
        .expect(201)
    ).body.id as number;
    const entryNos: string[] = [];
    for (const [i] of c.people.entries()) {
      const res = await request(t.url)
        .post('/api/entries')
        .set(organizer.auth)
        .send({
          eventId,
          group: 'worker',
          contestant: makeContestant({
            idNumber: makeIdNumber(
              new Date(Date.UTC(1970, 0, 1 + 41 * k)).toISOString().slice(0, 10),
              100 + i,
            ),
            name: `选手${k}-${i}`,
          }),
        })
        .expect(201);
      entryNos.push(res.body.entryNo);
    }
    const entries = (
      await request(t.url)
        .get(`/api/editions/${editionId}/entries`)
        .query({ eventId })
        .set(organizer.auth)
        .expect(200)
    ).body as { id: number }[];
    await request(t.url)
      .post('/api/entries/review')
      .set(organizer.auth)
      .send({ entryIds: entries.map((e) => e.id), decision: 'approve' })
      .expect(200);
    await request(t.url)
      .post(`/api/events/${eventId}/draw`)
      .set(organizer.auth)
      .send({})
      .expect(201);
    for (const entryNo of entryNos) {
      await request(t.url)
        .post(`/api/events/${eventId}/check-in`)
        .set(organizer.auth)
        .send({ entryNo, status: 'present' })
        .expect(200);
    }
    await request(t.url).post(`/api/events/${eventId}/codes`).set(encryptor.auth).expect(201);
    const map = (
      await request(t.url).get(`/api/events/${eventId}/code-map`).set(encryptor.auth).expect(200)
    ).body as { entryNo: string; workpieceCode: string; checkInCode: string }[];
    const byEntry = new Map(map.map((r) => [r.entryNo, r]));
    const scheme = (
      await request(t.url)
        .put(`/api/events/${eventId}/scheme`)
        .set(chief.auth)
        .send({
          modules: ['A', 'B'].map((code) => ({
            code,
            name: code,
            aspects: [
              { code: `${code}1`, description: code, kind: 'measurement', max: 50, step: 1 },
            ],
          })),
        })
        .expect(200)
    ).body.modules as { id: number; code: string; aspects: { id: number }[] }[];
    await request(t.url)
      .put(`/api/events/${eventId}/assignments`)
      .set(chief.auth)
      .send({ modules: scheme.map((m) => ({ moduleId: m.id, judgeIds: [judge.id] })) })
      .expect(200);
    await request(t.url)
      .post('/api/judge/marks/batch')
      .set(judge.auth)
      .send({
        marks: scheme.flatMap((m) =>
          entryNos.map((no, i) => ({
            clientId: randomUUID(),
            workpieceCode: byEntry.get(no)!.workpieceCode,
            aspectId: m.aspects[0].id,
            value: m.code === 'A' ? c.people[i].a : c.people[i].b,
          })),
        ),
      })
      .expect(200);
    if (c.theoryWeight > 0) {
      await request(t.url)
        .post(`/api/events/${eventId}/theory`)
        .set(chief.auth)
        .send({
          scores: entryNos.map((no, i) => ({
            checkInCode: byEntry.get(no)!.checkInCode,
            score: c.people[i].theory,
          })),
        })
        .expect(200);
    }
    for (const m of scheme) {
      await request(t.url).post(`/api/judge/modules/${m.id}/sign`).set(judge.auth).expect(200);
      await request(t.url).post(`/api/modules/${m.id}/lock`).set(chief.auth).expect(200);
    }
    await request(t.url)
      .post(`/api/events/${eventId}/decrypt`)
      .set(chief.auth)
      .send(await supervisorCredentials(t))
      .expect(200);
    const results = (
      await request(t.url)
        .post(`/api/events/${eventId}/results/compute`)
        .set(chief.auth)
        .expect(200)
    ).body.rows as { workstationNo: number; rank: number; total: number }[];
    // The board publishes on a timer (60 s here): publish now, as the timer would.
    await t.app.get(StandingsService).publish(eventId);
    const board = (await request(t.url).get(`/api/events/${eventId}/standings`).expect(200)).body
      .rows as {
      workstationNo: number;
      rank: number;
      total: number;
    }[];
    const pick = (rows: { workstationNo: number; rank: number; total: number }[]) =>
      rows.map((r) => [r.workstationNo, r.rank, r.total]).sort((x, y) => x[0] - y[0]);
    expect(pick(board)).toEqual(pick(results));
    rowsCompared += results.length;
  }

  it(`holds for ${RUNS} random events`, async () => {
    await fc.assert(fc.asyncProperty(caseArb, run), { numRuns: RUNS });
    // A figure for docs/reliability.md.
    console.log(`board = results: ${RUNS} random events, ${rowsCompared} rows compared`);
  }, 240_000);
});

import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { makeJudges, prepareEvent, PreparedEvent } from './support/competition-day';
import { makeIdNumber } from './support/factories';
import { csvOf, sheetRow } from './support/sheets';
import { createTestApp, TestApp } from './support/test-app';

const ASPECTS = 20;
const PIECES = 10;
const ROWS = 5000;
const DRY_RUN_MARKS = 120;

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

/** 5,000 different people: birth dates spread over 30 years × 166 days. */
function rows() {
  return Array.from({ length: ROWS }, (_, n) => {
    const day = Math.floor(n / 30);
    const birth = `${1970 + (n % 30)}-${String(1 + (Math.floor(day / 28) % 12)).padStart(2, '0')}-${String(1 + (day % 28)).padStart(2, '0')}`;
    return sheetRow(n, '数控车工', '职工组', {
      idNumber: makeIdNumber(birth, 100 + (n % 7)),
      qualificationOccupation: '数控车工',
    });
  });
}

describe('a 5,000-row dry run and its commit do not hold the write queue', () => {
  let t: TestApp;
  let day: PreparedEvent;
  let editionId: number;
  let judge: { auth: Record<string, string> };
  let aspectIds: number[];
  let jobId: string;
  let marksSent = 0;

  beforeAll(async () => {
    t = await createTestApp();
    day = await prepareEvent(t, PIECES);
    editionId = (await request(t.url).get(`/api/events/${day.eventId}`).set(day.organizer.auth))
      .body.editionId as number;
    const [j] = await makeJudges(t, [null], 'dry');
    judge = j;
    const scheme = await request(t.url)
      .put(`/api/events/${day.eventId}/scheme`)
      .set(day.chief.auth)
      .send({
        modules: [
          {
            code: 'A',
            name: '实操',
            aspects: Array.from({ length: ASPECTS }, (_, i) => ({
              code: `A${i + 1}`,
              description: `评分项${i + 1}`,
              kind: 'measurement',
              max: 100 / ASPECTS,
              step: 1,
            })),
          },
        ],
      })
      .expect(200);
    const moduleId = scheme.body.modules[0].id as number;
    aspectIds = (scheme.body.modules[0].aspects as { id: number }[]).map((a) => a.id);
    await request(t.url)
      .put(`/api/events/${day.eventId}/assignments`)
      .set(day.chief.auth)
      .send({ modules: [{ moduleId, judgeIds: [j.id] }] })
      .expect(200);
  }, 120_000);
  afterAll(() => t.close());

  it('judges’ marks are answered within a second while the dry run validates', async () => {
    const sheet = csvOf(rows());
    const marks = aspectIds.flatMap((aspectId) =>
      day.codeOf.map((workpieceCode) => ({ aspectId, workpieceCode })),
    );
    const started = performance.now();
    const job = (
      await request(t.url)
        .post(`/api/editions/${editionId}/imports`)
        .set(day.organizer.auth)
        .attach('file', sheet, 'dry-run.csv')
        .expect(202)
    ).body as { id: string };
    let status = 'validating';
    const polling = (async () => {
      while (status === 'validating') {
        await new Promise((r) => setTimeout(r, 100));
        status = (
          await request(t.url).get(`/api/imports/${job.id}`).set(day.organizer.auth).expect(200)
        ).body.status as string;
      }
    })();
    const waits: number[] = [];
    // At most 120 of the 200 marks: the rest are for the commit's test.
    while (status === 'validating' && waits.length < DRY_RUN_MARKS) {
      const mark = marks[waits.length];
      const sent = performance.now();
      await request(t.url)
        .post('/api/judge/marks')
        .set(judge.auth)
        .send({ clientId: randomUUID(), ...mark, value: 3 })
        .expect(201);
      waits.push(performance.now() - sent);
    }
    await polling;
    jobId = job.id;
    marksSent = waits.length;
    const dryRunMs = performance.now() - started;
    const done = (await request(t.url).get(`/api/imports/${job.id}`).set(day.organizer.auth))
      .body as { status: string; total: number; processed: number };
    console.log(
      `dry run: ${done.total} rows validated in ${(dryRunMs / 1000).toFixed(1)} s; ${waits.length} marks meanwhile, p50 ${percentile(waits, 50).toFixed(0)} ms, p99 ${percentile(waits, 99).toFixed(0)} ms, max ${Math.max(...waits).toFixed(0)} ms`,
    );
    expect([done.status, done.processed]).toEqual(['validated', ROWS]);
    expect(waits.length).toBeGreaterThanOrEqual(10);
    expect(Math.max(...waits)).toBeLessThan(1000);
  }, 120_000);

  it('judges’ marks go on between the parts while the 5,000 rows are committed', async () => {
    const marks = aspectIds.flatMap((aspectId) =>
      day.codeOf.map((workpieceCode) => ({ aspectId, workpieceCode })),
    );
    await request(t.url).post(`/api/imports/${jobId}/commit`).set(day.organizer.auth).expect(202);
    let job = { status: 'committing', processed: 0, created: 0 };
    const polling = (async () => {
      while (job.status === 'committing') {
        await new Promise((r) => setTimeout(r, 10));
        job = (await request(t.url).get(`/api/imports/${jobId}`).set(day.organizer.auth)).body;
      }
    })();
    const waits: number[] = [];
    const progress = new Set<number>();
    let sentDuring = 0;
    while (job.status === 'committing' && marksSent + sentDuring < marks.length) {
      const sent = performance.now();
      await request(t.url)
        .post('/api/judge/marks')
        .set(judge.auth)
        .send({ clientId: randomUUID(), ...marks[marksSent + sentDuring], value: 3 })
        .expect(201);
      if (job.processed < ROWS) {
        // Answered while rows were still to be written (as far as the last poll knows).
        waits.push(performance.now() - sent);
        progress.add(job.processed);
      }
      sentDuring += 1;
    }
    await polling;
    console.log(
      `commit: ${job.created} rows; ${waits.length} marks meanwhile at ${progress.size} points of progress` +
        (waits.length > 0
          ? `, p50 ${percentile(waits, 50).toFixed(0)} ms, max ${Math.max(...waits).toFixed(0)} ms`
          : ''),
    );
    expect([job.status, job.created]).toEqual(['committed', ROWS]);
    // One transaction for the whole sheet let no mark through while it wrote.
    expect(waits.length).toBeGreaterThanOrEqual(10);
    expect(progress.size).toBeGreaterThanOrEqual(3);
    expect(Math.max(...waits)).toBeLessThan(1000);
  }, 120_000);
});

import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import {
  judgeToResults,
  makeJudges,
  prepareEvent,
  PreparedEvent,
  Session,
} from './support/competition-day';
import { makeContestant, makeEvent, makeIdNumber, signIn } from './support/factories';
import { Client } from 'pg';
import { createTestApp, onPostgres, TEST_PG_URL, TestApp } from './support/test-app';

/** Fills the SQLite file up to its cap from a second connection: a real full file, no mocks. */
function fillFile(path: string): Database.Database {
  const db = new Database(path);
  db.pragma('busy_timeout = 10000');
  db.exec('CREATE TABLE IF NOT EXISTS "filler" ("b" BLOB)');
  const insert = db.prepare('INSERT INTO "filler" ("b") VALUES (randomblob(3000))');
  // Grow until the server's cap (DATABASE_MAX_MB) is passed, then everything else is full too.
  const capPages = (1024 * 1024) / Number(db.pragma('page_size', { simple: true }));
  while (Number(db.pragma('page_count', { simple: true })) < capPages + 8) {
    insert.run();
  }
  return db;
}

const committedIds = (path: string, table: string): Set<number> => {
  // A fresh connection sees only what was committed: what would survive a kill -9.
  const db = new Database(path, { readonly: true });
  try {
    return new Set(
      (db.prepare(`SELECT "id" FROM "${table}"`).all() as { id: number }[]).map((r) => r.id),
    );
  } finally {
    db.close();
  }
};

// A full file is SQLite's way to fail a commit; PostgreSQL's is a dropped connection (below).
const sqliteOnly = onPostgres() ? [] : ['sqlite'];
const postgresOnly = onPostgres() ? ['postgres'] : [];

for (const db of sqliteOnly) {
  describe(`a full ${db} file: nothing acknowledged is lost`, () => {
    let t: TestApp;
    let day: PreparedEvent;
    let judge: Session & { id: number };
    let aspectIds: number[];
    let entryEventId: number;

    beforeAll(async () => {
      t = await createTestApp({ DATABASE_MAX_MB: '1' });
      day = await prepareEvent(t, 6);
      [judge] = await makeJudges(t, ['JU']);
      const scheme = await request(t.url)
        .put(`/api/events/${day.eventId}/scheme`)
        .set(day.chief.auth)
        .send({
          modules: [
            {
              code: 'A',
              name: '实操',
              aspects: Array.from({ length: 10 }, (_, i) => ({
                code: `A${i + 1}`,
                description: `项${i + 1}`,
                kind: 'measurement',
                max: 10,
                step: 0.5,
              })),
            },
          ],
        })
        .expect(200);
      const moduleId = scheme.body.modules[0].id as number;
      aspectIds = scheme.body.modules[0].aspects.map((a: { id: number }) => a.id);
      await request(t.url)
        .put(`/api/events/${day.eventId}/assignments`)
        .set(day.chief.auth)
        .send({ modules: [{ moduleId, judgeIds: [judge.id] }] })
        .expect(200);
      const editions = await request(t.url).get('/api/editions').set(day.organizer.auth);
      entryEventId = (
        await request(t.url)
          .post(`/api/editions/${editions.body[0].id}/events`)
          .set(day.organizer.auth)
          .send(makeEvent({ occupation: '电工', name: '电工(职工组)' }))
          .expect(201)
      ).body.id;
    });

    afterAll(() => t.close());

    /** Many entries and marks at once, as a busy registration desk and a hall of tablets send. */
    async function fireWrites(round: number) {
      const entryCalls = Array.from({ length: 150 }, (_, i) =>
        request(t.url)
          .post('/api/entries')
          .set(day.organizer.auth)
          .send({
            eventId: entryEventId,
            group: 'worker',
            contestant: makeContestant({
              idNumber: makeIdNumber(`198${round}-01-02`, 100 + i),
              name: `满盘${round}-${i}`,
            }),
          }),
      );
      const markCalls = day.codeOf.flatMap((workpieceCode) =>
        aspectIds.map((aspectId) =>
          request(t.url)
            .post('/api/judge/marks')
            .set(judge.auth)
            .send({ clientId: randomUUID(), workpieceCode, aspectId, value: 5 }),
        ),
      );
      const [entries, marks] = await Promise.all([Promise.all(entryCalls), Promise.all(markCalls)]);
      return {
        all: [...entries, ...marks],
        entries: entries.filter((r) => r.status === 201).map((r) => r.body.id as number),
        // A mark already stored for the piece and aspect is refused (409) on the second round.
        marks: marks.filter((r) => r.status === 201).map((r) => r.body.body.id as number),
      };
    }

    it('answers 503 STORAGE_UNAVAILABLE while full, reports it in health, and recovers once freed', async () => {
      const path = t.sqlitePath!;
      const filler = fillFile(path);
      const full = await fireWrites(0);
      const health = await request(t.url).get('/api/health');
      // Space freed: the writes commit again, and health recovers by itself.
      filler.exec('DELETE FROM "filler"');
      filler.close();
      const freed = await fireWrites(1);
      const healthAfter = await request(t.url).get('/api/health');

      const storedEntries = committedIds(path, 'entries');
      const storedMarks = committedIds(path, 'marks');
      const ackedEntries = [...full.entries, ...freed.entries];
      const ackedMarks = [...full.marks, ...freed.marks];
      const lost = [
        ...ackedEntries.filter((id) => !storedEntries.has(id)).map((id) => `entry ${id}`),
        ...ackedMarks.filter((id) => !storedMarks.has(id)).map((id) => `mark ${id}`),
      ];
      const refused = full.all.filter((r) => r.status >= 300);
      const codes = (rs: request.Response[]) =>
        [...new Set(rs.map((r) => `${r.status} ${r.body.code ?? ''}`))].sort();
      console.log(
        `full disk (sqlite): while full ${full.all.length} writes, ${full.entries.length + full.marks.length} acknowledged, ` +
          `${refused.length} refused [${codes(refused).join(', ')}]; after freeing ${freed.all.length} writes, ` +
          `${freed.entries.length + freed.marks.length} acknowledged; acknowledged vs stored: ` +
          `entries ${ackedEntries.length}/${ackedEntries.length - lost.filter((l) => l.startsWith('entry')).length}, ` +
          `marks ${ackedMarks.length}/${ackedMarks.length - lost.filter((l) => l.startsWith('mark')).length}; lost ${lost.length}`,
      );
      expect(lost).toEqual([]);
      // Every refusal says why, in the API's shape; no 500.
      expect(refused.length).toBeGreaterThan(0);
      expect(codes(refused)).toEqual(['503 STORAGE_UNAVAILABLE']);
      expect(health.status).toBe(503);
      expect(health.body.database).toMatchObject({ ok: false, reason: expect.any(String) });
      // Freed: every entry commits; a mark stored in the first round is refused as a duplicate.
      expect(freed.entries).toHaveLength(150);
      expect(freed.marks.length + full.marks.length).toBe(day.codeOf.length * aspectIds.length);
      expect(healthAfter.status).toBe(200);
    });
  });
}

for (const db of sqliteOnly) {
  describe(`a full ${db} file: no approval or payment acknowledged is lost`, () => {
    let t: TestApp;
    let day: PreparedEvent;
    let approver: Session;
    let payer: Session;
    let grantIds: number[];

    beforeAll(async () => {
      t = await createTestApp({ DATABASE_MAX_MB: '1' });
      day = await prepareEvent(t, 40);
      const [judge] = await makeJudges(t, ['JU']);
      // Four eyes: the organizer computes, another approves, a third pays.
      approver = await signIn(t, 'organizer', 'approver');
      payer = await signIn(t, 'organizer', 'treasurer');
      await judgeToResults(t, day, judge, { practical: (i) => 40 + i, theory: (i) => 50 + i });
      await request(t.url)
        .post(`/api/events/${day.eventId}/results/publish`)
        .set(day.chief.auth)
        .send({
          reason: '测试：缩短公示期',
          start: new Date(Date.now() - 60_000).toISOString(),
          end: new Date(Date.now() + 1_500).toISOString(),
        })
        .expect(200);
      await new Promise((r) => setTimeout(r, 1_700));
      await request(t.url)
        .post(`/api/events/${day.eventId}/results/finalize`)
        .set(day.organizer.auth)
        .expect(200);
      await request(t.url)
        .post(`/api/editions/${day.editionId}/grants/compute`)
        .set(day.organizer.auth)
        .expect(200);
      grantIds = (
        (await request(t.url).get(`/api/editions/${day.editionId}/grants`).set(day.organizer.auth))
          .body as { id: number }[]
      ).map((g) => g.id);
    }, 120_000);

    afterAll(() => t.close());

    const approve = (id: number) =>
      request(t.url)
        .post('/api/grants/approve')
        .set(approver.auth)
        .send({ grantIds: [id] });
    const pay = (id: number, round: number) =>
      request(t.url)
        .post(`/api/grants/${id}/pay`)
        .set(payer.auth)
        .send({ paymentRef: `ICBC-${round}-${id}` });
    const stored = (path: string) => {
      const db = new Database(path, { readonly: true });
      try {
        return new Map(
          (
            db.prepare('SELECT "id", "status", "paymentRef" FROM "grants"').all() as {
              id: number;
              status: string;
              paymentRef: string | null;
            }[]
          ).map((g) => [g.id, g]),
        );
      } finally {
        db.close();
      }
    };

    it('answers 503 while full and keeps every approval and payment it acknowledged', async () => {
      expect(grantIds.length).toBeGreaterThanOrEqual(20);
      const path = t.sqlitePath!;
      // Half approved beforehand: while full, the rest are approved and the first half paid.
      const [early, late] = [
        grantIds.slice(0, grantIds.length / 2),
        grantIds.slice(grantIds.length / 2),
      ];
      for (const id of early) {
        const res = await approve(id);
        expect([id, res.status, res.body.code]).toEqual([id, 200, undefined]);
      }
      const filler = fillFile(path);
      const fullApprovals = await Promise.all(late.map(approve));
      const fullPayments = await Promise.all(early.map((id) => pay(id, 0)));
      filler.exec('DELETE FROM "filler"');
      filler.close();
      // Freed: what was refused is sent again, then the late ones are paid.
      const refusedLate = late.filter((_, i) => fullApprovals[i].status !== 200);
      const againApprovals = await Promise.all(refusedLate.map(approve));
      const approvedLate = [
        ...late.filter((_, i) => fullApprovals[i].status === 200),
        ...refusedLate.filter((_, i) => againApprovals[i].status === 200),
      ];
      const againPayments = await Promise.all(
        [...early.filter((_, i) => fullPayments[i].status !== 200), ...approvedLate].map((id) =>
          pay(id, 1),
        ),
      );

      const committed = stored(path);
      const ackedPayments = [...fullPayments, ...againPayments]
        .filter((r) => r.status === 200)
        .map((r) => r.body as { id: number; paymentRef: string });
      const ackedApprovals = [...early, ...approvedLate];
      const lost = [
        ...ackedPayments
          .filter((g) => committed.get(g.id)?.paymentRef !== g.paymentRef)
          .map((g) => `payment ${g.id}`),
        ...ackedApprovals
          .filter((id) => !['approved', 'paid'].includes(committed.get(id)?.status ?? ''))
          .map((id) => `approval ${id}`),
      ];
      const refused = [...fullApprovals, ...fullPayments].filter((r) => r.status !== 200);
      const codes = [...new Set(refused.map((r) => `${r.status} ${r.body.code}`))];
      console.log(
        `full disk (sqlite), the ledger: while full ${fullApprovals.length} approvals and ` +
          `${fullPayments.length} payments, ${fullApprovals.length + fullPayments.length - refused.length} acknowledged, ` +
          `${refused.length} refused [${codes.join(', ')}]; after freeing ${againApprovals.length + againPayments.length} sent again, ` +
          `${[...againApprovals, ...againPayments].filter((r) => r.status === 200).length} acknowledged; ` +
          `acknowledged vs stored: payments ${ackedPayments.length}/${ackedPayments.length - lost.filter((l) => l.startsWith('payment')).length}, ` +
          `approvals ${ackedApprovals.length}/${ackedApprovals.length - lost.filter((l) => l.startsWith('approval')).length}; lost ${lost.length}`,
      );
      expect(lost).toEqual([]);
      expect(refused.length).toBeGreaterThan(0);
      expect(codes).toEqual(['503 STORAGE_UNAVAILABLE']);
      // Every grant ends paid exactly once, with the transfer number its payer was told.
      expect([...committed.values()].filter((g) => g.status === 'paid')).toHaveLength(
        grantIds.length,
      );
    }, 120_000);
  });
}

for (const db of postgresOnly) {
  describe(`${db}: backends terminated mid-write`, () => {
    let t: TestApp;
    let organizer: Session;
    let eventId: number;
    let schema: string;

    beforeAll(async () => {
      t = await createTestApp();
      schema = t.dbLabel.replace('postgres schema ', '');
      const day = await prepareEvent(t, 1);
      organizer = day.organizer;
      const editions = await request(t.url).get('/api/editions').set(organizer.auth);
      eventId = (
        await request(t.url)
          .post(`/api/editions/${editions.body[0].id}/events`)
          .set(organizer.auth)
          .send(makeEvent({ occupation: '电工', name: '电工(职工组)' }))
          .expect(201)
      ).body.id;
    });

    afterAll(() => t.close());

    const entry = (round: number, i: number) =>
      request(t.url)
        .post('/api/entries')
        .set(organizer.auth)
        .send({
          eventId,
          group: 'worker',
          contestant: makeContestant({
            idNumber: makeIdNumber(`198${round}-02-03`, 100 + i),
            name: `断线${round}-${i}`,
          }),
        });

    it('acknowledges only what committed, answers 503 meanwhile, and the pool recovers', async () => {
      const admin = new Client({ connectionString: TEST_PG_URL });
      await admin.connect();
      let terminated = 0;
      const writes: Promise<request.Response>[] = [];
      for (let i = 0; i < 150; i += 1) {
        writes.push(entry(0, i).then((r) => r));
        if (i % 30 === 10) {
          // Every backend of this app, mid-transaction or idle in the pool.
          await new Promise((r) => setTimeout(r, 20));
          const killed = await admin.query(
            'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1',
            [`wuxi:${schema}`],
          );
          terminated += killed.rowCount ?? 0;
        }
      }
      const during = await Promise.all(writes);
      const after = await Promise.all(Array.from({ length: 20 }, (_, i) => entry(1, i)));
      const health = await request(t.url).get('/api/health');
      const acked = [...during, ...after].filter((r) => r.status === 201).map((r) => r.body.id);
      const stored = new Set(
        (await admin.query(`SELECT "id" FROM "${schema}"."entries"`)).rows.map((r) => r.id),
      );
      await admin.end();
      const refused = during.filter((r) => r.status !== 201);
      const lost = acked.filter((id) => !stored.has(id));
      console.log(
        `dropped connections (postgres): ${terminated} backends terminated during ${during.length} writes; ` +
          `${during.length - refused.length} acknowledged, ${refused.length} refused ` +
          `[${[...new Set(refused.map((r) => `${r.status} ${r.body.code}`))].join(', ')}]; ` +
          `after: ${after.filter((r) => r.status === 201).length}/${after.length} acknowledged; ` +
          `acknowledged vs stored ${acked.length}/${acked.length - lost.length}; lost ${lost.length}`,
      );
      expect(terminated).toBeGreaterThan(0);
      expect(lost).toEqual([]);
      // 503 for a dropped connection; 409 CONFLICT is two concurrent entries taking one entry
      // number on PostgreSQL (the registration's race, refused cleanly and not stored).
      const allowed = ['503 STORAGE_UNAVAILABLE', '409 CONFLICT'];
      expect(
        refused.map((r) => `${r.status} ${r.body.code}`).filter((c) => !allowed.includes(c)),
      ).toEqual([]);
      expect(after.map((r) => r.status)).toEqual(after.map(() => 201));
      expect(health.status).toBe(200);
    }, 120_000);
  });
}

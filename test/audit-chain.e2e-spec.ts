import Database from 'better-sqlite3';
import request from 'supertest';
import { AuditService } from '../src/audit/audit.service';
import { verifyAudit } from '../src/cli/audit-verify';
import { createTestApp, onPostgres, TestApp } from './support/test-app';
import { makeEdition, makeEvent, signIn } from './support/factories';

describe('the audit chain', () => {
  let t: TestApp;
  let organizer: Awaited<ReturnType<typeof signIn>>;

  beforeAll(async () => {
    t = await createTestApp();
    organizer = await signIn(t, 'organizer');
  });
  afterAll(() => t.close());

  it('keeps one unbroken order with 40 concurrent writers', async () => {
    const edition = (
      await request(t.url).post('/api/editions').set(organizer.auth).send(makeEdition()).expect(201)
    ).body;
    const writes = Array.from({ length: 40 }, (_, i) =>
      request(t.url)
        .post(`/api/editions/${edition.id}/events`)
        .set(organizer.auth)
        .send(makeEvent({ occupation: `工种${i}`, name: `工种${i}` })),
    );
    const results = await Promise.all(writes);
    expect(results.map((r) => r.status)).toEqual(Array(40).fill(201));

    const rows = await t.dataSource.query('SELECT seq FROM audit_log ORDER BY seq');
    expect(rows.map((r: { seq: number }) => Number(r.seq))).toEqual(
      Array.from({ length: rows.length }, (_, i) => i + 1),
    );
    const { verdict, text } = await verifyAudit(t.app.get(AuditService));
    expect(verdict).toMatchObject({ ok: true, rows: rows.length });
    expect(text).toContain('OK');
  });

  it('commits concurrent writes together, and one refused write takes nothing else with it', async () => {
    const edition = (
      await request(t.url)
        .post('/api/editions')
        .set(organizer.auth)
        .send(makeEdition({ year: 2031 }))
        .expect(201)
    ).body;
    const before = Number((await t.dataSource.query('SELECT COUNT(*) AS n FROM events'))[0].n);
    const occupations = ['甲', '乙', '甲', '丙', '乙', '丁'];
    const results = await Promise.all(
      occupations.map((occupation) =>
        request(t.url)
          .post(`/api/editions/${edition.id}/events`)
          .set(organizer.auth)
          .send(makeEvent({ occupation, name: occupation })),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(4);
    // On PostgreSQL two racing creates can both pass the existence check; the unique index then
    // refuses the second as a generic CONFLICT. Either way: 409, and nothing partial is written.
    for (const refused of results.filter((r) => r.status !== 201)) {
      expect(refused.status).toBe(409);
      expect(['EVENT_DUPLICATE', 'CONFLICT']).toContain(refused.body.code);
    }
    const after = Number((await t.dataSource.query('SELECT COUNT(*) AS n FROM events'))[0].n);
    expect(after - before).toBe(4);
    expect((await verifyAudit(t.app.get(AuditService))).verdict.ok).toBe(true);
  });

  it('names the first row that was edited by hand', async () => {
    const rows = await t.dataSource.query('SELECT seq FROM audit_log ORDER BY seq');
    const victim = Number(rows[Math.floor(rows.length / 2)].seq);
    if (onPostgres()) {
      await t.dataSource.query(`UPDATE audit_log SET "actorName" = 'mallory' WHERE seq = $1`, [
        victim,
      ]);
    } else {
      // Edit the file from outside the app, as someone with the SQLite file would.
      const db = new Database(t.sqlitePath as string);
      db.prepare(`UPDATE audit_log SET "actorName" = 'mallory' WHERE seq = ?`).run(victim);
      db.close();
    }
    const { verdict, text } = await verifyAudit(t.app.get(AuditService));
    expect(verdict).toMatchObject({ ok: false, firstBrokenSeq: victim });
    expect(text).toContain(`seq=${victim}`);
    const res = await request(t.url).get('/api/audit/verify').set(organizer.auth).expect(200);
    expect(res.body).toMatchObject({ ok: false, firstBrokenSeq: victim });
  });
});

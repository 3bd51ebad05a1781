import request from 'supertest';
import { AuditService } from '../src/audit/audit.service';
import { verifyAudit } from '../src/cli/audit-verify';
import { randomUUID } from 'node:crypto';
import { ImportCommit } from '../src/registration/entities/import-commit.entity';
import { ImportRecovery } from '../src/registration/import/import-recovery';
import { FIRST_PART } from '../src/registration/import/import.service';
import { makeEdition, makeEvent, signIn, tableCounts } from './support/factories';
import { csvOf, sheetRow, SheetRow } from './support/sheets';
import { createTestApp, TestApp } from './support/test-app';

const ROWS = 1500;

/**
 * A large sheet is committed a part at a time, so judges are not held behind it. All or nothing
 * must still hold: when someone registers one of the sheet's people through the form between two
 * parts, the part that meets them is refused and every part already written is taken back.
 */
describe('a sheet committed in parts: a part refused undoes the parts before it', () => {
  let t: TestApp;
  let organizer: Awaited<ReturnType<typeof signIn>>;
  let editionId: number;
  let eventId: number;

  beforeAll(async () => {
    t = await createTestApp();
    organizer = await signIn(t, 'organizer');
    editionId = (
      await request(t.url)
        .post('/api/editions')
        .set(organizer.auth)
        .send(makeEdition({ startDate: '2027-10-18' }))
        .expect(201)
    ).body.id;
    eventId = (
      await request(t.url)
        .post(`/api/editions/${editionId}/events`)
        .set(organizer.auth)
        .send(makeEvent({ eligibility: { minAge: 18, maxAge: 60 } }))
        .expect(201)
    ).body.id;
  });
  afterAll(() => t.close());

  const job = (id: string) =>
    request(t.url).get(`/api/imports/${id}`).set(organizer.auth).expect(200);

  /** A sheet's person registered through the form instead, under a unit of their own. */
  const registerByHand = (row: SheetRow) =>
    request(t.url)
      .post('/api/entries')
      .set(organizer.auth)
      .send({
        eventId,
        group: 'worker',
        contestant: {
          idNumber: row.idNumber,
          name: row.name,
          phone: row.phone,
          employer: row.employer,
          unitName: '手工报名的推荐单位',
          qualificationOccupation: '数控车工',
          qualificationLevel: 'senior',
        },
      });

  it('writes nothing of the sheet, records the undo, keeps the form’s entry and the audit chain', async () => {
    const rows = Array.from({ length: ROWS }, (_, i) => sheetRow(i + 1, '数控车工'));
    const last = rows[ROWS - 1];
    const id = (
      await request(t.url)
        .post(`/api/editions/${editionId}/imports`)
        .set(organizer.auth)
        .attach('file', csvOf(rows), 'parts.csv')
        .expect((r) => expect([r.status, r.body.code]).toEqual([202, undefined]))
    ).body.id as string;
    for (let status = 'validating'; status === 'validating';) {
      await new Promise((r) => setTimeout(r, 20));
      status = (await job(id)).body.status;
    }
    const before = await tableCounts(t.dataSource);

    await request(t.url).post(`/api/imports/${id}/commit`).set(organizer.auth).expect(202);
    // Wait for the first part to be written, then register the sheet's last person by hand.
    let seen = (await job(id)).body;
    while (seen.status === 'committing' && seen.processed === 0) {
      seen = (await job(id)).body;
    }
    expect(seen).toMatchObject({ status: 'committing', processed: expect.any(Number) });
    expect(seen.processed).toBeGreaterThan(0);
    expect(seen.processed).toBeLessThan(ROWS);
    await registerByHand(last).expect((r) =>
      expect([r.status, r.body.code]).toEqual([201, undefined]),
    );
    while (seen.status === 'committing') {
      await new Promise((r) => setTimeout(r, 20));
      seen = (await job(id)).body;
    }

    expect(seen).toMatchObject({ status: 'failed', created: 0 });
    expect(seen.errors.map((e: { row: number; code: string }) => [e.row, e.code])).toEqual([
      [ROWS + 1, 'ENTRY_DUPLICATE'],
    ]);
    // Only the form's entry, its person and its unit are new; the journal is gone.
    expect(await tableCounts(t.dataSource)).toEqual({
      ...before,
      entries: before.entries + 1,
      contestants: before.contestants + 1,
      units: before.units + 1,
      audit_log: expect.any(Number),
    });
    const undo = (
      (await t.dataSource.query(
        `SELECT "entityId", "after", "reason" FROM "audit_log" WHERE "action" = 'import.rolled_back'`,
      )) as { entityId: string; after: string; reason: string }[]
    ).filter((r) => r.entityId === id);
    expect(undo).toHaveLength(1);
    const after = JSON.parse(undo[0].after) as { entries: number[] };
    expect(after.entries.length).toBeGreaterThanOrEqual(FIRST_PART);
    expect(undo[0].reason).toContain('ENTRY_DUPLICATE');
    expect((await verifyAudit(t.app.get(AuditService))).verdict.ok).toBe(true);

    // The sheet, fixed (without that person), goes in whole.
    const again = (
      await request(t.url)
        .post(`/api/editions/${editionId}/imports`)
        .set(organizer.auth)
        .attach('file', csvOf(rows.slice(0, -1)), 'fixed.csv')
        .expect(202)
    ).body.id as string;
    for (seen = (await job(again)).body; seen.status === 'validating';) {
      await new Promise((r) => setTimeout(r, 20));
      seen = (await job(again)).body;
    }
    expect(seen.errors).toEqual([]);
    await request(t.url).post(`/api/imports/${again}/commit`).set(organizer.auth).expect(202);
    while (seen.status !== 'committed' && seen.status !== 'failed') {
      await new Promise((r) => setTimeout(r, 20));
      seen = (await job(again)).body;
    }
    expect(seen).toMatchObject({ status: 'committed', created: ROWS - 1 });
    const entries = (
      await request(t.url).get(`/api/editions/${editionId}/entries`).set(organizer.auth).expect(200)
    ).body as { entryNo: string }[];
    expect(entries).toHaveLength(ROWS);
    expect(new Set(entries.map((e) => e.entryNo)).size).toBe(ROWS);
  }, 60_000);

  it('undoes a journal left by a dead process once, even when two recoveries run at once', async () => {
    const made: number[] = [];
    for (const n of [5001, 5002, 5003]) {
      made.push((await registerByHand(sheetRow(n, '数控车工')).expect(201)).body.id as number);
    }
    // What a process killed between two parts leaves: its rows and its journal, long idle.
    const id = randomUUID();
    const idle = new Date(Date.now() - 10 * 60 * 1000).toISOString();
    await t.dataSource.getRepository(ImportCommit).insert({
      id,
      editionId,
      fileName: 'dead.csv',
      actorId: null,
      actorName: 'organizer',
      written: { entries: made, contestants: [], units: [], updated: [] },
      startedAt: idle,
      updatedAt: idle,
    });
    const entries = () =>
      request(t.url).get(`/api/editions/${editionId}/entries`).set(organizer.auth).expect(200);
    const before = (await entries()).body.length as number;
    const imports = t.app.get(ImportRecovery);
    await Promise.all([imports.recover(), imports.recover()]);

    expect((await entries()).body.length).toBe(before - 3);
    expect(await t.dataSource.getRepository(ImportCommit).count()).toBe(0);
    const undone = (
      (await t.dataSource.query(
        `SELECT "entityId" FROM "audit_log" WHERE "action" = 'import.rolled_back'`,
      )) as { entityId: string }[]
    ).filter((r) => r.entityId === id);
    expect(undone).toHaveLength(1);
    expect((await verifyAudit(t.app.get(AuditService))).verdict.ok).toBe(true);
  });
});

import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { backup, restore } from '../src/cli/backup-lib';
import { AppConfig, loadConfig } from '../src/config/app-config';
import { prepareEvent } from './support/competition-day';
import { createTestApp, onPostgres, TEST_PG_URL, TestApp } from './support/test-app';

/** Every row of every table, in a stable order: equal snapshots mean an exact round trip. */
async function snapshot(
  query: (sql: string) => Promise<Record<string, unknown>[]>,
  tables: string[],
  prefix = '',
) {
  const out: Record<string, unknown[]> = {};
  for (const table of tables) {
    out[table] = await query(`SELECT * FROM ${prefix}"${table}" ORDER BY 1`);
  }
  return out;
}

describe('backup and restore round-trip a whole edition', () => {
  let t: TestApp;
  let dir: string;
  let tables: string[];

  beforeAll(async () => {
    t = await createTestApp();
    await prepareEvent(t, 6);
    dir = mkdtempSync(join(tmpdir(), 'wuxi-backup-'));
    tables = t.dataSource.entityMetadatas
      .map((m) => m.tableName)
      .concat('migrations')
      .sort();
  }, 60_000);
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const config = (env: Record<string, string>): AppConfig =>
    loadConfig({ JWT_SECRET: 'backup-test-secret-0123', ...env });

  it(`copies every table and restores it exactly (${onPostgres() ? 'pg_dump' : 'SQLite online backup'})`, async () => {
    if (!onPostgres()) {
      // The signed head is written to its file just after each commit (~50 ms): back up once it
      // has caught up with the last write, as an operator's backup after the day would.
      let head = '';
      for (;;) {
        await new Promise((r) => setTimeout(r, 300));
        const now = readFileSync(`${t.sqlitePath!}.audit-head`, 'utf8');
        if (now === head) {
          break;
        }
        head = now;
      }
      const file = await backup(config({ DATABASE_PATH: t.sqlitePath! }), dir);
      expect(file).toMatch(/competition-\d{8}-\d{6}\.sqlite$/);
      const restoredPath = join(dir, 'restored.sqlite');
      restore(config({ DATABASE_PATH: restoredPath }), file);
      const original = new Database(t.sqlitePath!, { readonly: true });
      const restored = new Database(restoredPath, { readonly: true });
      const read = (db: Database.Database) => (sql: string) =>
        Promise.resolve(db.prepare(sql).all() as Record<string, unknown>[]);
      const before = await snapshot(read(original), tables);
      expect(Object.values(before).reduce((n, rows) => n + rows.length, 0)).toBeGreaterThan(50);
      expect(await snapshot(read(restored), tables)).toEqual(before);
      // The audit chain's signed head travels with the file, or the restored chain fails verify.
      expect(readFileSync(`${restoredPath}.audit-head`, 'utf8')).toEqual(
        readFileSync(`${t.sqlitePath!}.audit-head`, 'utf8'),
      );
      original.close();
      restored.close();
      return;
    }
    const schema = t.dbLabel.replace('postgres schema ', '');
    const file = await backup(config({ DATABASE_URL: TEST_PG_URL, DATABASE_SCHEMA: schema }), dir);
    expect(file).toMatch(/\.dump$/);
    const database = `restore_${process.pid}`;
    const admin = new Client({ connectionString: TEST_PG_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${database}`);
    await admin.query(`CREATE DATABASE ${database}`);
    const targetUrl = TEST_PG_URL.replace(/\/[^/]*$/, `/${database}`);
    try {
      restore(config({ DATABASE_URL: targetUrl, DATABASE_SCHEMA: schema }), file);
      const target = new Client({ connectionString: targetUrl });
      await target.connect();
      const read = (c: Client) => async (sql: string) =>
        (await c.query(sql)).rows as Record<string, unknown>[];
      const before = await snapshot(read(admin), tables, `"${schema}".`);
      expect(Object.values(before).reduce((n, rows) => n + rows.length, 0)).toBeGreaterThan(50);
      expect(await snapshot(read(target), tables, `"${schema}".`)).toEqual(before);
      await target.end();
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${database}`);
      await admin.end();
    }
  }, 60_000);

  it('refuses to restore a file that is not a sound backup', () => {
    expect(() =>
      restore(config({ DATABASE_PATH: join(dir, 'x.sqlite') }), join(dir, 'missing.sqlite')),
    ).toThrow(/no such backup/);
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { loadConfig } from '../src/config/app-config';
import { dataSourceOptions } from '../src/database/data-source';
import { onPostgres, TEST_PG_URL } from './support/test-app';

/**
 * The races-and-history migration on a database that already holds a paid grant and two
 * qualifying external results that are the same result typed twice (what today's code let
 * through): the grant gets its snapshot, the first result the unique key, the second none.
 */
describe('upgrading a database with grants and duplicate external results', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wuxi-mig-'));
  const schema = `mig_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  let ds: DataSource;

  beforeAll(async () => {
    if (onPostgres()) {
      const admin = new Client({ connectionString: TEST_PG_URL });
      await admin.connect();
      await admin.query(`CREATE SCHEMA "${schema}"`);
      await admin.end();
    }
    const env = onPostgres()
      ? { DATABASE_URL: TEST_PG_URL, DATABASE_SCHEMA: schema }
      : { DATABASE_PATH: join(dir, 'old.sqlite') };
    ds = new DataSource(dataSourceOptions(loadConfig({ ...env, DEMO: 'off' })));
    await ds.initialize();
  });
  afterAll(async () => {
    await ds.destroy();
    if (onPostgres()) {
      const admin = new Client({ connectionString: TEST_PG_URL });
      await admin.connect();
      await admin.query(`DROP SCHEMA "${schema}" CASCADE`);
      await admin.end();
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('backfills snapshots and keys, keeping the first of two duplicates', async () => {
    await ds.runMigrations();
    const undone = ds.migrations[ds.migrations.length - 1].name;
    expect(undone).toBe('RacesAndHistory1764395000000');
    await ds.undoLastMigration();
    const pg = onPostgres();
    const q = (sql: string, params: unknown[] = []) =>
      ds.query(pg ? sql : sql.replace(/\$\d+/g, '?'), params) as Promise<Record<string, unknown>[]>;
    const now = new Date().toISOString();
    await q('INSERT INTO "units" ("name", "createdAt", "updatedAt") VALUES ($1, $2, $3)', [
      '老单位',
      now,
      now,
    ]);
    await q(
      'INSERT INTO "editions" ("year", "name", "status", "createdAt", "updatedAt") VALUES (2025, $1, $2, $3, $4)',
      ['第七届', 'closed', now, now],
    );
    await q(
      'INSERT INTO "contestants" ("idNumber", "name", "gender", "birthDate", "unitId", "titlesHeld", "createdAt", "updatedAt") ' +
        'VALUES ($1, $2, $3, $4, 1, $5, $6, $7)',
      ['32021119850615300X', '老名字', 'male', '1985-06-15', '[]', now, now],
    );
    await q(
      'INSERT INTO "grants" ("editionId", "contestantId", "basis", "basisRef", "titles", "modelWorkerTreatment", "cash", "clauses", "status", "createdAt") ' +
        'VALUES (1, 1, $1, $2, $3, $4, 50000, $5, $6, $7)',
      ['matching', 'external:1', '[]', pg ? false : 0, '[]', 'paid', now],
    );
    for (const competition of ['江苏技能状元大赛', '江苏技能状元大赛（2026）']) {
      await q(
        'INSERT INTO "external_results" ("contestantId", "competition", "level", "year", "eventName", "placing", "amount", "evidenceNo", "qualifies", "reason", "createdAt") ' +
          'VALUES (1, $1, $2, 2026, $3, 1, 50000, $4, $5, $6, $7)',
        [competition, 'provincial', '数控车工', '苏人社发〔2026〕88号', pg ? true : 1, 'ok', now],
      );
    }
    await ds.runMigrations();
    expect(await q('SELECT "contestantName", "idNumberMasked", "unitName" FROM "grants"')).toEqual([
      { contestantName: '老名字', idNumberMasked: '3202**********300X', unitName: '老单位' },
    ]);
    expect(await q('SELECT "id", "qualifyingKey" FROM "external_results" ORDER BY "id"')).toEqual([
      { id: 1, qualifyingKey: '1|provincial|江苏技能状元大赛|2026|数控车工' },
      { id: 2, qualifyingKey: null },
    ]);
    const [edition] = await q('SELECT "fourEyes" FROM "editions"');
    expect(Boolean(edition.fourEyes)).toBe(true);
  });
});

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { loadConfig } from '../src/config/app-config';
import { validatePolicy } from '../src/domain/policy-validation';
import { dataSourceOptions } from '../src/data-source';
import { onPostgres, TEST_PG_URL } from './support/test-app';

/**
 * The races-and-history migration on a database that already holds a paid grant and two
 * qualifying external results that are the same result typed twice (what today's code let
 * through): the grant gets its snapshot, the first result the unique key, the second none.
 */
/** Undoes the latest migrations down to and including `name` (later ones first). */
async function undoThrough(ds: DataSource, name: string): Promise<void> {
  const names = ds.migrations.map((m) => m.name);
  expect(names).toContain(name);
  for (const _later of names.slice(names.indexOf(name))) {
    await ds.undoLastMigration();
  }
}

/** A database of its own (a file, or a PostgreSQL schema), opened before and dropped after. */
function scratchDatabase(): () => DataSource {
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
  return () => ds;
}

describe('upgrading a database with grants and duplicate external results', () => {
  const db = scratchDatabase();
  let ds: DataSource;
  beforeAll(() => {
    ds = db();
  });

  it('backfills snapshots and keys, keeping the first of two duplicates', async () => {
    await ds.runMigrations();
    await undoThrough(ds, 'RacesAndHistory1764395000000');
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

/**
 * The policy-2026 migration on a database from before it: a recommendation made as "the best N"
 * (no entry, no reason) and an edition's cloned policy without the ladder, cap, yearly limit or
 * 公示 minimum. Afterwards the recommendation names its entry and says how it was made, and the
 * clone has the 2015 defaults — it validates and pays exactly as before.
 */
describe('upgrading a database with count-based recommendations and an old cloned policy', () => {
  const db = scratchDatabase();
  let ds: DataSource;
  beforeAll(() => {
    ds = db();
  });

  it('names the recommended entry and gives the old policy the 2015 defaults', async () => {
    await ds.runMigrations();
    await undoThrough(ds, 'Policy20261764400000000');
    const pg = onPostgres();
    const q = (sql: string, params: unknown[] = []) =>
      ds.query(pg ? sql : sql.replace(/\$\d+/g, '?'), params) as Promise<Record<string, unknown>[]>;
    const now = new Date().toISOString();
    await q('INSERT INTO "units" ("name", "createdAt", "updatedAt") VALUES ($1, $2, $3)', [
      '无锡市总工会',
      now,
      now,
    ]);
    await q(
      'INSERT INTO "editions" ("year", "name", "status", "policyId", "createdAt", "updatedAt") VALUES (2025, $1, $2, $3, $4, $5)',
      ['第七届', 'closed', 'wuxi-2025', now, now],
    );
    await q(
      'INSERT INTO "events" ("editionId", "occupation", "name", "level", "contestantGroup", "mode", "theoryWeight", "practicalWeight", "status", "createdAt", "updatedAt") ' +
        'VALUES (1, $1, $2, $3, $4, $5, 30, 70, $6, $7, $8)',
      ['数控车工', '数控车工(职工组)', 'technician', 'worker', 'individual', 'published', now, now],
    );
    await q(
      'INSERT INTO "contestants" ("idNumber", "name", "gender", "birthDate", "unitId", "titlesHeld", "createdAt", "updatedAt") ' +
        'VALUES ($1, $2, $3, $4, 1, $5, $6, $7)',
      ['32021119850615300X', '王选手', 'male', '1985-06-15', '[]', now, now],
    );
    await q(
      'INSERT INTO "entries" ("editionId", "eventId", "contestantId", "entryNo", "contestantGroup", "status", "eligibilityFailures", "createdAt", "updatedAt") ' +
        'VALUES (1, 1, 1, $1, $2, $3, $4, $5, $6)',
      ['2025-001', 'worker', 'approved', '[]', now, now],
    );
    await q(
      'INSERT INTO "recommendations" ("eventId", "contestantId", "level", "rank", "createdAt") VALUES (1, 1, $1, 2, $2)',
      ['provincial', now],
    );
    // A clone made in the console before this migration: no promotion, no publication.
    const old = JSON.parse(
      readFileSync(join(__dirname, '../data/policies/wuxi-2015.json'), 'utf8'),
    );
    delete old.promotion;
    delete old.publication;
    old.clauses = old.clauses.filter((c: { id: string }) =>
      [
        '17.worker.1',
        '17.worker.2-3',
        '17.matching',
        'practice.student',
        'practice.promotion-targets',
      ].includes(c.id),
    );
    old.id = 'wuxi-2025';
    expect(validatePolicy(old).ok).toBe(false);
    await q(
      'INSERT INTO "policies" ("id", "name", "document", "origin", "basedOn", "createdAt", "updatedAt") VALUES ($1, $2, $3, $4, $5, $6, $7)',
      ['wuxi-2025', '第七届奖励办法', JSON.stringify(old), 'console', 'wuxi-2015', now, now],
    );

    await ds.runMigrations();
    expect(await q('SELECT "entryId", "reason", "recommendedBy" FROM "recommendations"')).toEqual([
      { entryId: 1, reason: '按名次推荐（第2名；当时未记录推荐理由）', recommendedBy: null },
    ]);
    const [row] = await q('SELECT "document" FROM "policies" WHERE "id" = $1', ['wuxi-2025']);
    const upgraded = validatePolicy(JSON.parse(String(row.document)));
    expect(upgraded.ok).toBe(true);
    if (!upgraded.ok) {
      return;
    }
    expect(upgraded.policy.promotion).toEqual({
      ladder: {
        levels: ['junior', 'intermediate', 'senior', 'technician', 'senior_technician'],
        clause: 'practice.ladder-2015',
      },
      cap: { level: 'senior_technician', clause: 'practice.promotion-cap' },
      oncePerYear: { enabled: false, clause: 'practice.once-a-year' },
    });
    expect(upgraded.policy.publication).toEqual({ minDays: 5, clause: 'practice.publication' });
    // What it pays is what it paid.
    expect(upgraded.policy.prizes).toEqual(old.prizes);
    for (const column of ['absent', 'absentReason']) {
      expect(
        (await ds.createQueryRunner().getTable('theory_scores'))!.findColumnByName(column),
      ).toBeDefined();
    }
    // And back: the down migration restores the old shape.
    await undoThrough(ds, 'Policy20261764400000000');
    const [back] = await q('SELECT "document" FROM "policies" WHERE "id" = $1', ['wuxi-2025']);
    expect(JSON.parse(String(back.document))).toEqual(old);
    await ds.runMigrations();
  });
});

import { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { configureApp } from '../../src/app.setup';

export const TEST_PG_URL = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const onPostgres = () => process.env.TEST_DB === 'postgres';

export interface TestApp {
  app: NestExpressApplication;
  dataSource: DataSource;
  url: string;
  dbLabel: string;
  /** The SQLite file (when on SQLite). */
  sqlitePath?: string;
  /** The data folder (DATABASE_PATH's, on either database): generated keys (audit, JWT) live here. */
  dataDir: string;
  close(): Promise<void>;
}

/**
 * Boots the real AppModule with the real migrations on a fresh database: a temporary SQLite
 * file, or (TEST_DB=postgres) a fresh schema in the machine's PostgreSQL, dropped afterwards.
 */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'wuxi-e2e-'));
  const schema = `e2e_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const sqlitePath = join(dir, 'test.sqlite');
  const settings: Record<string, string> = {
    DEMO: 'off',
    LIVE_WORKERS: '0',
    JWT_SECRET: 'e2e-secret-0123456789abcdef',
    DATABASE_PATH: sqlitePath,
    CLIENT_DIST: join(dir, 'no-client'),
    LOGIN_MAX_FAILURES: '5',
    ...env,
  };
  if (onPostgres()) {
    const admin = new Client({ connectionString: TEST_PG_URL });
    await admin.connect();
    await admin.query(`CREATE SCHEMA "${schema}"`);
    await admin.end();
    settings.DATABASE_URL = TEST_PG_URL;
    settings.DATABASE_SCHEMA = schema;
  }
  const previous = Object.fromEntries(Object.keys(settings).map((k) => [k, process.env[k]]));
  Object.assign(process.env, settings);
  try {
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    const app = moduleRef.createNestApplication<NestExpressApplication>({
      bodyParser: false,
      logger: ['error'],
    });
    await configureApp(app);
    await app.listen(0, '127.0.0.1');
    const address = app.getHttpServer().address() as { port: number };
    return {
      app,
      dataSource: app.get(DataSource),
      url: `http://127.0.0.1:${address.port}`,
      dbLabel: onPostgres() ? `postgres schema ${schema}` : `sqlite ${sqlitePath}`,
      sqlitePath: onPostgres() ? undefined : sqlitePath,
      dataDir: dir,
      async close() {
        await app.close();
        if (onPostgres()) {
          const admin = new Client({ connectionString: TEST_PG_URL });
          await admin.connect();
          await admin.query(`DROP SCHEMA "${schema}" CASCADE`);
          await admin.end();
        }
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } finally {
    for (const [key, value] of Object.entries(previous)) {
      if (value === undefined) {
        delete process.env[key];
      } else {
        process.env[key] = value;
      }
    }
  }
}

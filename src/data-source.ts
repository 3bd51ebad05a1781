import 'reflect-metadata';
import { DataSourceOptions } from 'typeorm';
import { AppConfig } from './config/app-config';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './database/migrations';

/**
 * One description of the database for the app and for the TypeORM CLI.
 * SQLite runs with WAL and synchronous=FULL: an acknowledged write survives power loss.
 */
export function dataSourceOptions(config: AppConfig): DataSourceOptions {
  const common = {
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: false,
    synchronize: false,
    logging: ['error' as const],
  };
  if (config.DATABASE_URL) {
    return {
      ...common,
      type: 'postgres',
      url: config.DATABASE_URL,
      schema: config.DATABASE_SCHEMA,
      // Names this app's connections in pg_stat_activity (operators, and the tests that drop them).
      applicationName: config.DATABASE_SCHEMA ? `wuxi:${config.DATABASE_SCHEMA}` : 'wuxi',
      // Raw SQL (the audit chain's lock, reports) sees the same schema as the entities.
      extra: {
        max: 10,
        ...(config.DATABASE_SCHEMA ? { options: `-c search_path=${config.DATABASE_SCHEMA}` } : {}),
      },
    };
  }
  return {
    ...common,
    type: 'better-sqlite3',
    database: config.DATABASE_PATH,
    enableWAL: true,
    timeout: 10_000,
    // One connection, one query runner: a bigger statement cache saves re-preparing hot queries.
    statementCacheSize: 1000,
    prepareDatabase: (db: { pragma(sql: string, options?: { simple: boolean }): unknown }) => {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.pragma('foreign_keys = ON');
      db.pragma('busy_timeout = 10000');
      if (config.DATABASE_MAX_MB > 0) {
        const pageSize = Number(db.pragma('page_size', { simple: true }));
        db.pragma(
          `max_page_count = ${Math.floor((config.DATABASE_MAX_MB * 1024 * 1024) / pageSize)}`,
        );
      }
    },
  };
}

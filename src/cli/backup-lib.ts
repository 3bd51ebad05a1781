import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { AppConfig } from '../config/app-config';

/** The audit chain's signed head beside the SQLite file (src/audit/audit-head.store.ts). */
const HEAD = '.audit-head';

const stamp = (d = new Date()) =>
  d.toISOString().replace(/[-:]/g, '').replace(/\..*/, '').replace('T', '-');

/**
 * A consistent copy of the database while the server runs: SQLite's online backup API (pages
 * copied under a read transaction, so concurrent writers are safe), or pg_dump's custom format.
 */
export async function backup(
  config: AppConfig,
  dir = join(dirname(config.DATABASE_PATH), 'backups'),
): Promise<string> {
  mkdirSync(dir, { recursive: true });
  if (config.DATABASE_URL) {
    const file = join(dir, `competition-${stamp()}.dump`);
    const schema = config.DATABASE_SCHEMA ? ['--schema', config.DATABASE_SCHEMA] : [];
    execFileSync(
      'pg_dump',
      ['--format=custom', '--no-owner', ...schema, '--file', file, config.DATABASE_URL],
      { stdio: 'inherit' },
    );
    return file;
  }
  const file = join(dir, `competition-${stamp()}.sqlite`);
  // The audit chain's signed head first: copied before the pages, it never signs more rows than
  // the copy holds (rows after it are merely unanchored).
  if (existsSync(`${config.DATABASE_PATH}${HEAD}`)) {
    copyFileSync(`${config.DATABASE_PATH}${HEAD}`, `${file}${HEAD}`);
  }
  const db = new Database(config.DATABASE_PATH, { readonly: true, fileMustExist: true });
  try {
    await db.backup(file);
  } finally {
    db.close();
  }
  return file;
}

/**
 * Puts a backup back. SQLite: the file is checked (integrity_check) and copied over the database
 * path, which must not be in use — stop the server first. PostgreSQL: pg_restore --clean into
 * the configured database.
 */
export function restore(config: AppConfig, file: string): void {
  if (!existsSync(file)) {
    throw new Error(`no such backup: ${file}`);
  }
  if (config.DATABASE_URL) {
    execFileSync(
      'pg_restore',
      ['--clean', '--if-exists', '--no-owner', '--dbname', config.DATABASE_URL, file],
      { stdio: 'inherit' },
    );
    return;
  }
  const check = new Database(file, { readonly: true, fileMustExist: true });
  const verdict = check.pragma('integrity_check', { simple: true });
  check.close();
  if (verdict !== 'ok') {
    throw new Error(`the backup fails integrity_check: ${String(verdict)}`);
  }
  mkdirSync(dirname(config.DATABASE_PATH), { recursive: true });
  for (const suffix of ['-wal', '-shm']) {
    rmSync(config.DATABASE_PATH + suffix, { force: true });
  }
  copyFileSync(file, config.DATABASE_PATH);
  if (existsSync(`${file}${HEAD}`)) {
    copyFileSync(`${file}${HEAD}`, `${config.DATABASE_PATH}${HEAD}`);
  }
}

import type { Database, Statement } from 'better-sqlite3';
import type { EntityManager } from 'typeorm';

const statements = new WeakMap<Database, Map<string, Statement>>();

/**
 * better-sqlite3's own prepared statement, cached per connection and SQL text (as written, with
 * PostgreSQL's $n parameters: translated once, when first prepared).
 */
export function sqliteStatement(db: Database, sql: string): Statement {
  let cache = statements.get(db);
  if (!cache) {
    cache = new Map();
    statements.set(db, cache);
  }
  let statement = cache.get(sql);
  if (!statement) {
    statement = db.prepare(toSqliteParameters(sql));
    cache.set(sql, statement);
  }
  return statement;
}

function toSqliteParameters(sql: string): string {
  let expected = 1;
  return sql.replace(/\$(\d+)/g, (_m, n: string) => {
    if (Number(n) !== expected++) {
      throw new Error(`runSql: parameters must appear once and in order ($${n})`);
    }
    return '?';
  });
}

/**
 * Raw SQL for the hot paths (mark entry, the audit chain), written once with PostgreSQL's
 * numbered parameters ($1, $2, … each used once, in order) and run on either database.
 * On SQLite it goes straight to better-sqlite3 on the app's one connection — the same
 * connection, so the same transaction, as the EntityManager's — skipping TypeORM's per-query
 * overhead, which was most of a mark's cost.
 */
export function runSql<T = Record<string, unknown>>(
  manager: EntityManager,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  if (manager.connection.options.type === 'postgres') {
    return manager.query(sql, params) as Promise<T[]>;
  }
  const values = params.map((p) => (typeof p === 'boolean' ? Number(p) : p));
  const db = (manager.connection.driver as unknown as { databaseConnection: Database })
    .databaseConnection;
  try {
    const statement = sqliteStatement(db, sql);
    return Promise.resolve(
      statement.reader ? (statement.all(...values) as T[]) : (statement.run(...values), []),
    );
  } catch (error) {
    // Keep SQLite's result code (SQLITE_FULL…): it decides between 503 and a request's own error.
    // (Under Jest the native module's errors come from another realm and fail instanceof Error.)
    return Promise.reject(
      error instanceof Error
        ? error
        : Object.assign(new Error(String(error)), { code: (error as { code?: unknown }).code }),
    );
  }
}

import { EntityManager } from 'typeorm';

/**
 * Runs independent reads together: at once on the pool, one after another on a transaction's
 * single connection, where PostgreSQL's client refuses (and pg 9 will reject) a query while
 * another is running. SQLite has one connection either way, so nothing changes there.
 */
export async function readAll<T extends unknown[] | []>(
  manager: EntityManager,
  reads: { [K in keyof T]: () => Promise<T[K]> },
): Promise<T> {
  const thunks = reads as (() => Promise<unknown>)[];
  if (!manager.queryRunner?.isTransactionActive) {
    return (await Promise.all(thunks.map((read) => read()))) as T;
  }
  const results: unknown[] = [];
  for (const read of thunks) {
    results.push(await read());
  }
  return results as T;
}

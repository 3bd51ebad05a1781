import { EntityManager, EntityTarget, FindOptionsWhere, In, ObjectLiteral } from 'typeorm';

/**
 * Reads rows for a check-then-write. On PostgreSQL the rows are locked (SELECT … FOR UPDATE)
 * until the transaction ends, so a concurrent request for the same rows waits and then sees the
 * first one's outcome: one winner. SQLite needs nothing: its write transactions are queued.
 */
export function lockRows<T extends ObjectLiteral & { id: number }>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  ids: number[],
): Promise<T[]> {
  const where = { id: In([...new Set(ids)]) } as FindOptionsWhere<T>;
  // Ordered by id: two requests locking overlapping sets take the locks in the same order.
  const order = { id: 'ASC' } as never;
  if (manager.connection.options.type === 'postgres') {
    return manager.find(entity, { where, order, lock: { mode: 'pessimistic_write' } });
  }
  return manager.find(entity, { where, order });
}

export async function lockRow<T extends ObjectLiteral & { id: number }>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  id: number,
): Promise<T | null> {
  const [row] = await lockRows(manager, entity, [id]);
  return row ?? null;
}

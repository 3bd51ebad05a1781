/**
 * The named fields of a row, in the order named: how a response DTO is made from an entity
 * without handing the entity itself out (a column added later stays in until it is named).
 */
export function pick<T extends object, const K extends keyof T>(
  from: T,
  keys: readonly K[],
): Pick<T, K> {
  return Object.fromEntries(keys.map((key) => [key, from[key]])) as Pick<T, K>;
}

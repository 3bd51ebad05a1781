export type MessageTree = { [key: string]: unknown };

/**
 * A locale's messages with a feature's texts merged in, section by section (a feature adds its own
 * error codes to `errors` without replacing the others).
 */
export function mergeMessages<T extends MessageTree>(base: T, extra: MessageTree): T {
  const out: MessageTree = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    const own = out[key];
    out[key] =
      typeof own === 'object' && own !== null && typeof value === 'object' && value !== null
        ? mergeMessages(own as MessageTree, value as MessageTree)
        : value;
  }
  return out as T;
}

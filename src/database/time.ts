/** Timestamps are stored as ISO-8601 UTC text: identical on SQLite and PostgreSQL and stable for hashing. */
export function nowIso(): string {
  return new Date().toISOString();
}

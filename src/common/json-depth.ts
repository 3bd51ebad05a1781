/** The deepest nesting of objects and arrays a JSON request body may have. */
export const MAX_JSON_DEPTH = 32;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;
const CLOSE_OBJECT = 0x7d;
const CLOSE_ARRAY = 0x5d;

/**
 * Whether raw JSON text nests objects/arrays deeper than `limit`, found by one pass over the
 * bytes before JSON.parse sees them. A reviver is no guard: JSON.parse itself, and then
 * class-transformer and class-validator, recurse once per level, so 100,000 levels overflow the
 * stack (a 500) and cost a request 150-250 ms. Brackets inside strings do not count; the scan
 * does not validate, JSON.parse still does.
 */
export function jsonDeeperThan(raw: Uint8Array, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < raw.length; i += 1) {
    const byte = raw[i];
    if (inString) {
      if (byte === BACKSLASH) {
        i += 1;
      } else if (byte === QUOTE) {
        inString = false;
      }
    } else if (byte === QUOTE) {
      inString = true;
    } else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
      depth += 1;
      if (depth > limit) {
        return true;
      }
    } else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) {
      depth -= 1;
    }
  }
  return false;
}

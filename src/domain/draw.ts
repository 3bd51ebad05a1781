import { createHash, createHmac } from 'node:crypto';

/**
 * 抽签 as a pure function of a secret seed: the seed's sha256 is the commitment recorded with the
 * result; once the seed is shown, anyone can recompute the shuffle and see the result is untouched.
 */
export function seedCommitment(seedHex: string): string {
  return createHash('sha256').update(Buffer.from(seedHex, 'hex')).digest('hex');
}

/** A stream of uniform integers in [0, bound) from HMAC-SHA256(seed, counter), by rejection. */
function seededIntegers(seedHex: string): (bound: number) => number {
  const key = Buffer.from(seedHex, 'hex');
  let counter = 0;
  return (bound: number) => {
    const limit = Math.floor(0x1_0000_0000 / bound) * bound;
    for (;;) {
      const block = createHmac('sha256', key).update(String(counter++)).digest();
      for (let i = 0; i + 4 <= block.length; i += 4) {
        const value = block.readUInt32BE(i);
        if (value < limit) {
          return value % bound;
        }
      }
    }
  };
}

/** Fisher–Yates driven by the seed: the same seed and input give the same order, always. */
export function seededShuffle<T>(items: readonly T[], seedHex: string): T[] {
  const next = seededIntegers(seedHex);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = next(i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

export interface DrawUnit {
  /** Entries drawn together: one for an individual, the team for pair and trio events. */
  entryIds: number[];
}

/** Workstation numbers 1..N in shuffled order; team members share their team's workstation. */
export function drawWorkstations(
  units: readonly DrawUnit[],
  seedHex: string,
): { entryId: number; workstationNo: number }[] {
  return seededShuffle(units, seedHex).flatMap((unit, index) =>
    unit.entryIds.map((entryId) => ({ entryId, workstationNo: index + 1 })),
  );
}

/** Unambiguous characters for codes read aloud and written on work-pieces (no 0/O, 1/I/L). */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** `count` distinct random codes of `length` characters from a secure random integer source. */
export function uniqueCodes(
  count: number,
  length: number,
  randomInt: (bound: number) => number,
  prefix = '',
): string[] {
  if (CODE_ALPHABET.length ** length < count * 10) {
    throw new Error('code space too small for the number of codes');
  }
  const codes = new Set<string>();
  while (codes.size < count) {
    let code = prefix;
    for (let i = 0; i < length; i += 1) {
      code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
    }
    codes.add(code);
  }
  return [...codes];
}

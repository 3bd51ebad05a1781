import {
  drawWorkstations,
  seedCommitment,
  seededShuffle,
  uniqueCodes,
  CODE_ALPHABET,
} from './draw';

const SEED = 'a3'.repeat(32);

describe('seeded draw', () => {
  it('is a permutation, reproducible from the seed, and different for another seed', () => {
    const items = Array.from({ length: 30 }, (_, i) => i + 1);
    const a = seededShuffle(items, SEED);
    expect([...a].sort((x, y) => x - y)).toEqual(items);
    expect(seededShuffle(items, SEED)).toEqual(a);
    expect(seededShuffle(items, 'b4'.repeat(32))).not.toEqual(a);
    expect(a).not.toEqual(items);
  });

  it('spreads positions evenly over many seeds (no first-place bias)', () => {
    const counts = [0, 0, 0, 0];
    for (let s = 0; s < 4000; s += 1) {
      const seed = s.toString(16).padStart(64, '0');
      counts[seededShuffle([0, 1, 2, 3], seed).indexOf(0)] += 1;
    }
    for (const c of counts) {
      expect(c).toBeGreaterThan(850);
      expect(c).toBeLessThan(1150);
    }
  });

  it('gives team members one shared workstation and numbers 1..N', () => {
    const result = drawWorkstations(
      [{ entryIds: [1, 2] }, { entryIds: [3, 4] }, { entryIds: [5, 6] }],
      SEED,
    );
    const byEntry = new Map(result.map((r) => [r.entryId, r.workstationNo]));
    expect(byEntry.get(1)).toBe(byEntry.get(2));
    expect(byEntry.get(5)).toBe(byEntry.get(6));
    expect(new Set(result.map((r) => r.workstationNo))).toEqual(new Set([1, 2, 3]));
  });

  it('commits to the seed with sha256', () => {
    expect(seedCommitment('00')).toBe(
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
    );
  });
});

describe('uniqueCodes', () => {
  it('makes distinct codes of the alphabet with the prefix', () => {
    let i = 0;
    const codes = uniqueCodes(200, 5, (bound) => (i = (i * 7 + 3) % 1_000_003) % bound, 'W');
    expect(new Set(codes).size).toBe(200);
    for (const code of codes) {
      expect(code).toMatch(new RegExp(`^W[${CODE_ALPHABET}]{5}$`));
    }
  });

  it('refuses a code space too small to stay unguessable', () => {
    expect(() => uniqueCodes(100, 1, () => 0)).toThrow(/too small/);
  });
});

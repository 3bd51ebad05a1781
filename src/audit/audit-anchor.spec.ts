import { randomBytes } from 'node:crypto';
import { checkAnchor, signHead } from './audit-anchor';
import { GENESIS_HASH } from './audit-chain';

const key = randomBytes(32);
const other = randomBytes(32);
const hashes = ['a'.repeat(64), 'b'.repeat(64), 'c'.repeat(64), 'd'.repeat(64)];
const chain = (rows: number, list = hashes) => ({ rows, hashAt: (seq: number) => list[seq - 1] });
const at = '2026-12-01T00:00:00.000Z';

describe('checkAnchor: the chain against its signed head', () => {
  it.each([
    ['an empty chain without a head', null, chain(0), { ok: true, unanchoredRows: 0 }],
    [
      'an empty chain with its genesis head',
      signHead(key, 0, GENESIS_HASH, at),
      chain(0),
      { ok: true },
    ],
    [
      'the chain as signed',
      signHead(key, 3, hashes[2], at),
      chain(3),
      { ok: true, anchoredRows: 3, unanchoredRows: 0 },
    ],
    [
      'one row appended after the head was written',
      signHead(key, 3, hashes[2], at),
      chain(4),
      { ok: true, unanchoredRows: 1 },
    ],
    ['rows but no head', null, chain(2), { ok: false, reason: 'the signed head is missing' }],
    [
      'the last row deleted',
      signHead(key, 4, hashes[3], at),
      chain(3),
      { ok: false, reason: expect.stringContaining('truncated') },
    ],
    [
      'a row edited and every later hash recomputed',
      signHead(key, 4, hashes[3], at),
      chain(4, [hashes[0], 'e'.repeat(64), 'f'.repeat(64), '9'.repeat(64)]),
      { ok: false, reason: expect.stringContaining('rewritten') },
    ],
    [
      'a head signed with another key',
      signHead(other, 4, hashes[3], at),
      chain(4),
      { ok: false, reason: expect.stringContaining('signature') },
    ],
    [
      'a head whose count was lowered by hand',
      { ...signHead(key, 4, hashes[3], at), rows: 3, lastHash: hashes[2] },
      chain(3),
      { ok: false, reason: expect.stringContaining('signature') },
    ],
    [
      'a head with a malformed signature',
      { ...signHead(key, 1, hashes[0], at), mac: 'zz' },
      chain(1),
      { ok: false },
    ],
  ])('%s', (_name, head, rows, verdict) => {
    expect(checkAnchor(key, head, rows)).toMatchObject(verdict);
  });
});

import { createHmac, timingSafeEqual } from 'node:crypto';
import { GENESIS_HASH } from './audit-chain';

/** The chain's signed head: how many rows there were and the last one's hash, under the key. */
export interface SignedHead {
  rows: number;
  lastHash: string;
  at: string;
  mac: string;
}

export function headMac(key: Buffer, rows: number, lastHash: string): string {
  return createHmac('sha256', key).update(`audit-head:${rows}:${lastHash}`).digest('hex');
}

export function signHead(key: Buffer, rows: number, lastHash: string, at: string): SignedHead {
  return { rows, lastHash, at, mac: headMac(key, rows, lastHash) };
}

export function headIsAuthentic(key: Buffer, head: SignedHead): boolean {
  const expected = Buffer.from(headMac(key, head.rows, head.lastHash), 'hex');
  const given = Buffer.from(typeof head.mac === 'string' ? head.mac : '', 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export type AnchorVerdict =
  | { ok: true; anchoredRows: number; unanchoredRows: number }
  | { ok: false; anchoredRows: number; reason: string };

/**
 * Compares a chain that verified on its own (rows, and the hash of row `head.rows`) with the
 * signed head kept outside the table. Deleting rows leaves fewer than the head signs; editing a
 * row and recomputing every later hash changes the hash at the head's row. Rows beyond the head
 * are allowed (on SQLite the head file is written just after the commit) and reported.
 */
export function checkAnchor(
  key: Buffer,
  head: SignedHead | null,
  chain: { rows: number; hashAt: (seq: number) => string | undefined },
): AnchorVerdict {
  if (!head) {
    return chain.rows === 0
      ? { ok: true, anchoredRows: 0, unanchoredRows: 0 }
      : { ok: false, anchoredRows: 0, reason: 'the signed head is missing' };
  }
  if (!headIsAuthentic(key, head)) {
    return { ok: false, anchoredRows: 0, reason: 'the signed head does not match its signature' };
  }
  if (chain.rows < head.rows) {
    return {
      ok: false,
      anchoredRows: head.rows,
      reason: `truncated: the signed head counts ${head.rows} rows, the table has ${chain.rows}`,
    };
  }
  const hash = head.rows === 0 ? GENESIS_HASH : chain.hashAt(head.rows);
  if (hash !== head.lastHash) {
    return {
      ok: false,
      anchoredRows: head.rows,
      reason: `rewritten: row seq=${head.rows} does not have the hash the signed head holds`,
    };
  }
  return { ok: true, anchoredRows: head.rows, unanchoredRows: chain.rows - head.rows };
}

import { createHash } from 'node:crypto';

/** The fields of an audit row that its hash covers (everything but the hashes themselves). */
export interface AuditContent {
  seq: number;
  at: string;
  actorId: number | null;
  actorName: string;
  action: string;
  entityType: string;
  entityId: string | null;
  before: string | null;
  after: string | null;
  reason: string | null;
}

export interface ChainedRow extends AuditContent {
  prevHash: string;
  hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

/** Canonical text: keys in a fixed order, so the same content always hashes the same. */
export function canonicalAuditContent(row: AuditContent): string {
  return JSON.stringify([
    row.seq,
    row.at,
    row.actorId,
    row.actorName,
    row.action,
    row.entityType,
    row.entityId,
    row.before,
    row.after,
    row.reason,
  ]);
}

export function chainHash(prevHash: string, row: AuditContent): string {
  return createHash('sha256').update(prevHash).update(canonicalAuditContent(row)).digest('hex');
}

export type ChainVerdict =
  | { ok: true; rows: number; lastHash: string }
  | { ok: false; rows: number; firstBrokenSeq: number; reason: string };

/** Walks rows in seq order, page by page if need be, and stops at the first broken row. */
export class ChainWalker {
  private prevHash = GENESIS_HASH;
  private expectedSeq = 1;
  private count = 0;
  private broken: ChainVerdict | null = null;

  /** Returns false once the chain is broken; later rows are ignored. */
  push(row: ChainedRow): boolean {
    if (this.broken) {
      return false;
    }
    this.count += 1;
    const fail = (reason: string) => {
      this.broken = { ok: false, rows: this.count, firstBrokenSeq: row.seq, reason };
      return false;
    };
    if (row.seq !== this.expectedSeq) {
      return fail(`expected seq ${this.expectedSeq}`);
    }
    if (row.prevHash !== this.prevHash) {
      return fail('prevHash does not link to the previous row');
    }
    if (chainHash(this.prevHash, row) !== row.hash) {
      return fail('content does not match its hash');
    }
    this.prevHash = row.hash;
    this.expectedSeq += 1;
    return true;
  }

  verdict(): ChainVerdict {
    return this.broken ?? { ok: true, rows: this.count, lastHash: this.prevHash };
  }
}

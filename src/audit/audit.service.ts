import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { DataSource, EntityManager, MoreThan } from 'typeorm';
import { runSql } from '../database/sql';
import { nowIso } from '../database/time';
import { Actor } from './actor';
import { chainHash, GENESIS_HASH } from './audit-chain';
import { AuditHeadStore } from './audit-head.store';
import { AuditReport, verifyAuditLog } from './audit-verifier';
import { AuditEntry } from './entities/audit-entry.entity';

export interface AuditInput {
  actor: Actor;
  action: string;
  entityType: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

/** Any fixed number: the PostgreSQL advisory lock that orders appends to the chain. */
const CHAIN_LOCK_KEY = 2015339;

/** Audit rows per INSERT statement in appendMany (12 parameters each). */
const AUDIT_ROWS_PER_INSERT = 100;

const json = (value: unknown): string | null =>
  value === undefined || value === null ? null : JSON.stringify(value);

@Injectable()
export class AuditService implements OnApplicationShutdown {
  private running: Promise<AuditReport> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly heads: AuditHeadStore,
  ) {}

  onApplicationShutdown(): Promise<void> {
    return this.heads.flush();
  }

  /**
   * Appends one row inside the caller's transaction, so the change and its record commit
   * together. The lock is held until that transaction ends, so seq order is commit order.
   */
  async append(manager: EntityManager, input: AuditInput): Promise<AuditEntry> {
    const [entry] = await this.appendMany(manager, [input]);
    return entry;
  }

  /**
   * Appends rows in the given order inside the caller's transaction, the chain's tail read once
   * and the rows written a chunk per statement: the same rows, seq by seq, as one append each
   * (a bulk import writes thousands).
   */
  async appendMany(manager: EntityManager, inputs: AuditInput[]): Promise<AuditEntry[]> {
    if (inputs.length === 0) {
      return [];
    }
    if (manager.connection.options.type === 'postgres') {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [CHAIN_LOCK_KEY]);
    }
    const [last] = await runSql<{ seq: number; hash: string }>(
      manager,
      'SELECT "seq", "hash" FROM "audit_log" ORDER BY "seq" DESC LIMIT 1',
    );
    let seq = Number(last?.seq ?? 0);
    let prevHash = last?.hash ?? GENESIS_HASH;
    const entries = inputs.map((input): AuditEntry => {
      seq += 1;
      const content = {
        seq,
        at: nowIso(),
        actorId: input.actor.id,
        actorName: input.actor.name,
        action: input.action,
        entityType: input.entityType,
        entityId:
          input.entityId === undefined || input.entityId === null ? null : String(input.entityId),
        before: json(input.before),
        after: json(input.after),
        reason: input.reason ?? null,
      };
      const entry = { ...content, prevHash, hash: chainHash(prevHash, content) };
      prevHash = entry.hash;
      return entry;
    });
    for (let i = 0; i < entries.length; i += AUDIT_ROWS_PER_INSERT) {
      const chunk = entries.slice(i, i + AUDIT_ROWS_PER_INSERT);
      let n = 0;
      const values = chunk.map(
        () => `(${Array.from({ length: 12 }, () => `$${(n += 1)}`).join(', ')})`,
      );
      await runSql(
        manager,
        'INSERT INTO "audit_log" ("seq", "at", "actorId", "actorName", "action", "entityType", "entityId", "before", "after", "reason", "prevHash", "hash") ' +
          `VALUES ${values.join(', ')}`,
        chunk.flatMap((e) => [
          e.seq,
          e.at,
          e.actorId,
          e.actorName,
          e.action,
          e.entityType,
          e.entityId,
          e.before,
          e.after,
          e.reason,
          e.prevHash,
          e.hash,
        ]),
      );
    }
    const tail = entries[entries.length - 1];
    if (this.heads.isPostgres) {
      const previous = last ? { seq: Number(last.seq), hash: last.hash } : null;
      await this.heads.advanceInTransaction(manager, previous, { seq: tail.seq, hash: tail.hash });
    } else {
      this.heads.noteAppend();
    }
    return entries;
  }

  async list(options: {
    entityType?: string;
    entityId?: string;
    afterSeq?: number;
    limit: number;
  }) {
    return this.dataSource.getRepository(AuditEntry).find({
      where: {
        ...(options.entityType ? { entityType: options.entityType } : {}),
        ...(options.entityId ? { entityId: options.entityId } : {}),
        ...(options.afterSeq !== undefined ? { seq: MoreThan(options.afterSeq) } : {}),
      },
      order: { seq: 'ASC' },
      take: options.limit,
    });
  }

  /**
   * Recomputes the chain (yielding between pages), checks it against its signed head, and
   * reconciles grants and marks with it; names the first broken row or the first disagreement.
   */
  verify(): Promise<AuditReport> {
    // Callers that ask while a walk is under way share it: one walk, not one per click.
    this.running ??= verifyAuditLog(this.dataSource, this.heads).finally(() => {
      this.running = null;
    });
    return this.running;
  }
}

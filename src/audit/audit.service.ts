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

const json = (value: unknown): string | null =>
  value === undefined || value === null ? null : JSON.stringify(value);

@Injectable()
export class AuditService implements OnApplicationShutdown {
  private running: Promise<AuditReport> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly heads: AuditHeadStore,
  ) {}

  onApplicationShutdown(): void {
    this.heads.flushFile();
  }

  /**
   * Appends one row inside the caller's transaction, so the change and its record commit
   * together. The lock is held until that transaction ends, so seq order is commit order.
   */
  async append(manager: EntityManager, input: AuditInput): Promise<AuditEntry> {
    if (manager.connection.options.type === 'postgres') {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [CHAIN_LOCK_KEY]);
    }
    const [last] = await runSql<{ seq: number; hash: string }>(
      manager,
      'SELECT "seq", "hash" FROM "audit_log" ORDER BY "seq" DESC LIMIT 1',
    );
    const content = {
      seq: Number(last?.seq ?? 0) + 1,
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
    const prevHash = last?.hash ?? GENESIS_HASH;
    const hash = chainHash(prevHash, content);
    await runSql(
      manager,
      'INSERT INTO "audit_log" ("seq", "at", "actorId", "actorName", "action", "entityType", "entityId", "before", "after", "reason", "prevHash", "hash") ' +
        'VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)',
      [
        content.seq,
        content.at,
        content.actorId,
        content.actorName,
        content.action,
        content.entityType,
        content.entityId,
        content.before,
        content.after,
        content.reason,
        prevHash,
        hash,
      ],
    );
    if (this.heads.isPostgres) {
      const previous = last ? { seq: Number(last.seq), hash: last.hash } : null;
      await this.heads.advanceInTransaction(manager, previous, { seq: content.seq, hash });
    } else {
      this.heads.noteAppend();
    }
    return { ...content, prevHash, hash };
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

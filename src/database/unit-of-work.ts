import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { Database } from 'better-sqlite3';
import { DataSource, EntityManager } from 'typeorm';
import { storageFailure, storageUnavailable } from './storage-errors';
import { StorageHealth } from './storage-health';

interface Pending {
  work: (manager: EntityManager) => Promise<unknown>;
  /** Committed in a transaction of its own (see RunOptions.alone). */
  alone: boolean;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** TypeORM's bookkeeping of the one SQLite query runner, which a failed ROLLBACK leaves wrong. */
interface RunnerState {
  transactionDepth: number;
  isTransactionActive: boolean;
}

interface SqliteDriver {
  databaseConnection: Database;
  queryRunner?: RunnerState;
  createDatabaseConnection(): Promise<Database>;
}

interface PgClient {
  on(event: 'error', listener: (error: Error) => void): void;
  listeners(event: 'error'): unknown[];
}
interface PgPool {
  on(event: 'connect' | 'acquire', listener: (client: PgClient) => void): void;
}

/** The most pieces of work one SQLite commit carries. */
const MAX_GROUP = 64;

export interface RunOptions {
  /**
   * SQLite: a long piece of work (a part of a sheet's commit, tens of ms) gets a commit of its
   * own, so the short ones queued beside it (a judge's mark) are answered before it, not after.
   */
  alone?: boolean;
}

/** Thrown inside a group when SQLite has rolled the whole transaction back by itself. */
class GroupLost extends Error {
  constructor(override readonly cause: unknown) {
    super('the transaction was rolled back by the database');
  }
}

/**
 * Runs a piece of work in one transaction.
 *
 * SQLite: the app holds a single connection, so write transactions must not interleave; and
 * with synchronous=FULL every commit waits for an fsync (~2 ms here), which would cap the
 * system at a few hundred writes a second. So the work queued while a commit is in flight is
 * run together, each piece in its own savepoint (a failing piece rolls back alone), and made
 * durable by one commit: group commit. Each caller is answered only after that commit.
 *
 * A full disk or an I/O error makes SQLite roll the whole transaction back on its own, under
 * TypeORM's savepoint bookkeeping: its ROLLBACK TO then fails, and the next "transaction" would
 * only open a savepoint inside a transaction that never commits — every later write answered
 * and none stored. So after every group the connection is checked (better-sqlite3's
 * inTransaction) and restored, no caller ever shares a transaction it did not open, and a
 * storage failure is answered 503 STORAGE_UNAVAILABLE and never acknowledged.
 *
 * PostgreSQL runs transactions concurrently on its pool; the audit chain takes its own lock.
 */
@Injectable()
export class UnitOfWork implements OnModuleInit {
  private readonly logger = new Logger('UnitOfWork');
  private readonly queue: Pending[] = [];
  private readonly committedListeners: (() => void)[] = [];
  private flushing = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly storage: StorageHealth,
  ) {}

  /**
   * PostgreSQL: a backend that goes away (restart, pg_terminate_backend, a network cut) makes its
   * client emit 'error' once more after TypeORM has let go of it; unheard, that event would end
   * the process. Every pool client gets a listener for its whole life; the pool replaces it.
   */
  onModuleInit(): void {
    if (!this.isPostgres) {
      return;
    }
    const pool = (this.dataSource.driver as unknown as { master: PgPool }).master;
    const onError = (error: Error) =>
      this.logger.warn(`a database connection was lost: ${error.message}`);
    const guard = (client: PgClient) => {
      if (!client.listeners('error').includes(onError)) {
        client.on('error', onError);
      }
    };
    pool.on('connect', guard);
    pool.on('acquire', guard);
  }

  /** SQLite: called right after each group commits, before its callers are answered. */
  onCommitted(listener: () => void): void {
    this.committedListeners.push(listener);
  }

  /** For reads outside a transaction. */
  get reader(): EntityManager {
    return this.dataSource.manager;
  }

  get isPostgres(): boolean {
    return this.dataSource.options.type === 'postgres';
  }

  run<T>(work: (manager: EntityManager) => Promise<T>, options: RunOptions = {}): Promise<T> {
    if (this.isPostgres) {
      return this.dataSource.transaction(work).then(
        (value) => {
          this.storage.committed();
          return value;
        },
        (error: unknown) => Promise.reject(this.classify(error)),
      );
    }
    return new Promise<T>((resolve, reject) => {
      this.queue.push({
        work,
        alone: options.alone === true,
        resolve: resolve as (value: unknown) => void,
        reject,
      });
      if (!this.flushing) {
        this.flushing = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  /** A storage failure becomes 503 and marks the database unavailable; others pass unchanged. */
  private classify(error: unknown): unknown {
    const reason = storageFailure(error);
    if (reason === null) {
      return error;
    }
    this.storage.failed(reason);
    return storageUnavailable();
  }

  private get sqlite(): SqliteDriver {
    return this.dataSource.driver as unknown as SqliteDriver;
  }

  private async flush(): Promise<void> {
    while (this.queue.length > 0) {
      const group = this.queue.splice(0, this.nextGroupSize());
      await this.restoreConnection('before a group');
      const outcomes: { ok: boolean; value: unknown }[] = [];
      try {
        await this.dataSource.transaction(async (manager) => {
          if (group.length === 1) {
            // Alone in its commit: its failure rolls back the transaction, no savepoint needed.
            outcomes.push({ ok: true, value: await group[0].work(manager) });
            return;
          }
          for (const pending of group) {
            try {
              outcomes.push({ ok: true, value: await manager.transaction((m) => pending.work(m)) });
            } catch (error) {
              if (!this.sqlite.databaseConnection.inTransaction) {
                // SQLite rolled everything back: what ran before is gone too.
                throw new GroupLost(error);
              }
              outcomes.push({ ok: false, value: error });
            }
          }
        });
      } catch (error) {
        // The commit failed, or the transaction was lost: nothing of the group is durable.
        await this.restoreConnection('after a failed transaction');
        // A lost transaction is the storage's doing even when the statement's error says less.
        const answer = error instanceof GroupLost ? this.lost(error.cause) : this.classify(error);
        group.forEach((pending) => pending.reject(answer));
        await new Promise((resolve) => setImmediate(resolve));
        continue;
      }
      const storageFailures = outcomes.filter((o) => !o.ok && storageFailure(o.value) !== null);
      if (storageFailures.length > 0) {
        this.classify(storageFailures[0].value);
      } else {
        this.storage.committed();
      }
      this.committedListeners.forEach((listener) => listener());
      group.forEach((pending, i) =>
        outcomes[i].ok
          ? pending.resolve(outcomes[i].value)
          : pending.reject(this.classify(outcomes[i].value)),
      );
      // better-sqlite3 blocks while it commits; let the requests that arrived meanwhile enqueue.
      await new Promise((resolve) => setImmediate(resolve));
    }
    this.flushing = false;
  }

  /** The queue's head alone if it asks to be; else the pieces up to the next that does. */
  private nextGroupSize(): number {
    if (this.queue[0].alone) {
      return 1;
    }
    let size = 1;
    while (size < this.queue.length && size < MAX_GROUP && !this.queue[size].alone) {
      size += 1;
    }
    return size;
  }

  /** A group SQLite rolled back by itself: 503, whatever the statement's own error said. */
  private lost(cause: unknown): unknown {
    const reason =
      storageFailure(cause) ?? (cause instanceof Error ? cause.message : String(cause));
    this.storage.failed(reason);
    return storageUnavailable();
  }

  /**
   * Leaves the one connection outside any transaction, with TypeORM's bookkeeping agreeing:
   * rolls back what is left open, or closes and reopens the connection if even that fails.
   */
  private async restoreConnection(when: string): Promise<void> {
    const driver = this.sqlite;
    const runner = driver.queryRunner;
    const db = driver.databaseConnection;
    const bookkeepingWrong =
      runner !== undefined && (runner.transactionDepth !== 0 || runner.isTransactionActive);
    if (!db.inTransaction && !bookkeepingWrong) {
      return;
    }
    this.logger.warn(
      `restoring the connection ${when}: inTransaction=${db.inTransaction}, depth=${runner?.transactionDepth ?? 0}`,
    );
    if (runner) {
      runner.transactionDepth = 0;
      runner.isTransactionActive = false;
    }
    if (!db.inTransaction) {
      return;
    }
    try {
      db.exec('ROLLBACK');
    } catch (error) {
      this.logger.error(`ROLLBACK failed, reopening the database: ${String(error)}`);
      driver.queryRunner = undefined;
      try {
        db.close();
      } catch {
        // closing a broken handle: the new one replaces it either way
      }
      driver.databaseConnection = await driver.createDatabaseConnection();
    }
  }
}

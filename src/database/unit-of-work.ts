import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

interface Pending {
  work: (manager: EntityManager) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** The most pieces of work one SQLite commit carries. */
const MAX_GROUP = 64;

/**
 * Runs a piece of work in one transaction.
 *
 * SQLite: the app holds a single connection, so write transactions must not interleave; and
 * with synchronous=FULL every commit waits for an fsync (~2 ms here), which would cap the
 * system at a few hundred writes a second. So the work queued while a commit is in flight is
 * run together, each piece in its own savepoint (a failing piece rolls back alone), and made
 * durable by one commit: group commit. Each caller is answered only after that commit.
 *
 * PostgreSQL runs transactions concurrently on its pool; the audit chain takes its own lock.
 */
@Injectable()
export class UnitOfWork {
  private readonly queue: Pending[] = [];
  private flushing = false;

  constructor(private readonly dataSource: DataSource) {}

  /** For reads outside a transaction. */
  get reader(): EntityManager {
    return this.dataSource.manager;
  }

  get isPostgres(): boolean {
    return this.dataSource.options.type === 'postgres';
  }

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (this.isPostgres) {
      return this.dataSource.transaction(work);
    }
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.flushing) {
        this.flushing = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    while (this.queue.length > 0) {
      const group = this.queue.splice(0, MAX_GROUP);
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
              outcomes.push({ ok: false, value: error });
            }
          }
        });
      } catch (error) {
        // The commit itself failed: nothing of the group is durable.
        group.forEach((pending) => pending.reject(error));
        await new Promise((resolve) => setImmediate(resolve));
        continue;
      }
      group.forEach((pending, i) =>
        outcomes[i].ok ? pending.resolve(outcomes[i].value) : pending.reject(outcomes[i].value),
      );
      // better-sqlite3 blocks while it commits; let the requests that arrived meanwhile enqueue.
      await new Promise((resolve) => setImmediate(resolve));
    }
    this.flushing = false;
  }
}

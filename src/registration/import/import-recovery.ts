import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Actor, SYSTEM_ACTOR } from '../../audit/actor';
import { AuditService } from '../../audit/audit.service';
import { UnitOfWork } from '../../database/unit-of-work';
import { ImportCommit } from '../entities/import-commit.entity';
import { undoCommit } from './import-journal';

/** How often unfinished commits left by a dead process are looked for. */
const RECOVER_EVERY_MS = 5 * 60 * 1000;
/** On PostgreSQL another instance may be running a commit: its journal moves every few ms. */
const STALE_MS = 2 * 60 * 1000;

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Takes back what an unfinished sheet commit wrote (see ImportCommit): at once when one of its
 * parts fails, and at start and every few minutes for the journals a dead process left.
 */
@Injectable()
export class ImportRecovery implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ImportRecovery');
  /** The commits this process is running: their journals are not left over. */
  private readonly running = new Set<string>();
  private sweep: NodeJS.Timeout | undefined;

  constructor(
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
  ) {}

  /** A commit cut short by kill -9 or a power cut is undone before anyone works on. */
  async onApplicationBootstrap(): Promise<void> {
    await this.recover();
    this.sweep = setInterval(() => void this.recover(), RECOVER_EVERY_MS);
    this.sweep.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.sweep);
  }

  /** Runs a commit's parts as this process's own: recovery leaves its journal alone meanwhile. */
  async owning<T>(id: string, commit: () => Promise<T>): Promise<T> {
    this.running.add(id);
    try {
      return await commit();
    } finally {
      this.running.delete(id);
    }
  }

  /** Undoes the parts of a commit already written; if that fails too, the sweep retries later. */
  async undo(id: string, actor: Actor, cause: string): Promise<void> {
    try {
      await this.uow.run((m) => undoCommit(m, this.audit, actor, id, cause));
    } catch (error) {
      this.logger.error(
        `import ${id}: the parts written could not be undone now; retried at the next recovery: ${messageOf(error)}`,
      );
    }
  }

  /** Undoes every commit whose journal no live commit owns. */
  async recover(): Promise<void> {
    try {
      const stale = new Date(Date.now() - STALE_MS).toISOString();
      const left = (await this.uow.reader.find(ImportCommit)).filter(
        (c) => !this.running.has(c.id) && (!this.uow.isPostgres || c.updatedAt < stale),
      );
      for (const commit of left) {
        const cause = `导入进程中断（${commit.actorName} 于 ${commit.startedAt} 开始）`;
        await this.uow.run((m) => undoCommit(m, this.audit, SYSTEM_ACTOR, commit.id, cause));
        this.logger.warn(
          `undid the unfinished import ${commit.id} (${commit.written.entries.length} entries)`,
        );
      }
    } catch (error) {
      this.logger.error(`unfinished imports could not be undone now: ${messageOf(error)}`);
    }
  }
}

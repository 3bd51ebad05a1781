import { Injectable, Logger } from '@nestjs/common';

export interface StorageStatus {
  ok: boolean;
  /** Why the last write could not be stored, while it could not. */
  reason?: string;
  since?: string;
}

/**
 * Whether the database can commit, as the last write found it: a failed commit makes it
 * unavailable (health 503) until the next commit succeeds. No probe writes of its own: a tiny
 * probe row can fit where real writes do not, and would say ok while entries fail.
 */
@Injectable()
export class StorageHealth {
  private readonly logger = new Logger('Storage');
  private failure: { reason: string; since: string } | null = null;

  failed(reason: string): void {
    if (!this.failure) {
      this.logger.error(`the database cannot commit: ${reason}`);
      this.failure = { reason, since: new Date().toISOString() };
    } else {
      this.failure.reason = reason;
    }
  }

  committed(): void {
    if (this.failure) {
      this.logger.log(`the database commits again (unavailable since ${this.failure.since})`);
      this.failure = null;
    }
  }

  get status(): StorageStatus {
    return this.failure ? { ok: false, ...this.failure } : { ok: true };
  }
}

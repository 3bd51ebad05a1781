import type { Actor } from '../../audit/actor';
import { notFound } from '../../common/errors/app-error';
import { localizeMessage } from '../../common/errors/localize';
import { requestLocale } from '../../common/i18n/request-locale';
import type { PreparedRow } from './import.service';
import type { ParsedRow, RowError } from './sheet-format';

export type ImportStatus = 'validating' | 'validated' | 'committing' | 'committed' | 'failed';

export interface ImportJob {
  id: string;
  editionId: number;
  fileName: string;
  status: ImportStatus;
  total: number;
  processed: number;
  errors: RowError[];
  created: number;
  startedAt: string;
  finishedAt: string | null;
}

export interface JobState extends ImportJob {
  actor: Actor;
  rows: ParsedRow[];
  /** Each row's input checks from the dry run, by index in `rows`, reused by the commit. */
  prepared: (PreparedRow | undefined)[];
  sheetErrors: RowError[];
}

const JOB_TTL_MS = 60 * 60 * 1000;

/** The import jobs of this process, kept an hour, answered in the asker's language. */
export class ImportJobs {
  private readonly jobs = new Map<string, JobState>();

  add(job: JobState): void {
    this.jobs.set(job.id, job);
  }

  find(id: string): JobState {
    const job = this.jobs.get(id);
    if (!job) {
      throw notFound('IMPORT_NOT_FOUND', 'No such import (imports are kept for an hour).');
    }
    return job;
  }

  view(job: JobState): ImportJob {
    const { actor: _a, rows: _r, prepared: _p, sheetErrors: _s, ...view } = job;
    // Worded per request: the dry run's reader may not share the uploader's language.
    const locale = requestLocale();
    return {
      ...view,
      errors: view.errors.map((e) => ({
        ...e,
        message: localizeMessage(locale, e.code, e.params, e.message),
      })),
    };
  }

  forgetOld(): void {
    const cutoff = Date.now() - JOB_TTL_MS;
    for (const [id, job] of this.jobs) {
      if (Date.parse(job.startedAt) < cutoff) {
        this.jobs.delete(id);
      }
    }
  }
}

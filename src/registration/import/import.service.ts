import { Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Actor } from '../../audit/actor';
import { AuditService } from '../../audit/audit.service';
import { AppError, conflict, notFound } from '../../common/errors/app-error';
import { flattenValidationErrors } from '../../common/errors/validation';
import { utf8FileName } from '../../common/upload';
import { UnitOfWork } from '../../database/unit-of-work';
import type { EligibilityFailure } from '../../domain/eligibility';
import { Edition } from '../../editions/entities/edition.entity';
import { SubmitEntryDto } from '../dto/entry.dto';
import { ImportWritten } from '../entities/import-commit.entity';
import { Person, personOf } from '../registration.service';
import { writeAccepted } from './import-batch';
import { Accepted, loadFacts, SheetFacts, vetFromFacts } from './import-facts';
import { ImportJob, ImportJobs, JobState } from './import-jobs';
import { journal } from './import-journal';
import { ImportRecovery } from './import-recovery';
import { lockEdition } from '../registration-lock';
import {
  COLUMN_OF_FIELD,
  COLUMN_OF_RULE,
  COLUMNS,
  ParsedRow,
  parseRow,
  RowError,
} from './sheet-format';
import { readRegistrationSheet } from './sheet-reader';

class Rollback extends Error {}

/**
 * The longest stretch of parsing or checking between yields: a judge's mark needs a few turns of
 * the event loop, and waits for a slice at each (5 ms slices: marks p99 47-55 ms in a dry run).
 */
const SLICE_MS = 2;
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
/** A sheet of up to this many rows is checked again and written in one transaction. */
export const ROWS_IN_ONE_COMMIT = 100;
/**
 * A larger sheet is written in parts, each sized from the last to hold the write connection
 * (SQLite) or the audit chain's lock (PostgreSQL) about this long: one transaction for 2,000 rows
 * held it ~0.25 s and every mark waited behind it. The journal undoes the parts written if a
 * later one fails.
 */
const PART_MS = 10;
/** The first part's rows (its code is cold), and the bounds of the parts after it. */
export const FIRST_PART = 10;
const PART_ROWS = { min: 10, max: 500 };
const PART = { alone: true };

type At = (
  column: string | null,
  code: string,
  message: string,
  params?: Record<string, unknown>,
) => RowError;

/** A row's submission as the form would send it, validated, and its person: no reads. */
export type PreparedRow = { eventId: number } & (
  { errors: RowError[] } | { dto: SubmitEntryDto; person: Person }
);

/** The row errors of a submission's AppError: eligibility failures each on their own column. */
function rowErrorsOf(error: AppError, at: At): RowError[] {
  if (error.code === 'ENTRY_INELIGIBLE') {
    return (error.details as EligibilityFailure[]).map((f) =>
      at(COLUMN_OF_RULE[f.rule], f.code, f.message, f.params),
    );
  }
  const field = (error.details as { field?: string }[] | undefined)?.[0]?.field;
  return [
    at(
      field ? (COLUMN_OF_FIELD[field] ?? field) : '身份证号',
      error.code,
      error.message,
      error.params,
    ),
  ];
}

function prepareRow(row: ParsedRow, eventId: number, at: At): PreparedRow {
  const dto = plainToInstance(SubmitEntryDto, {
    eventId,
    group: row.group,
    teamNo: row.teamNo,
    contestant: row.contestant,
  });
  const invalid = flattenValidationErrors(
    validateSync(dto, { whitelist: true, forbidNonWhitelisted: true }),
  );
  if (invalid.length > 0) {
    return {
      eventId,
      errors: invalid.map((f) => {
        const first = f.errors?.[0];
        const column = COLUMN_OF_FIELD[f.field] ?? f.field;
        return first
          ? at(column, first.code, f.messages[0], first.params)
          : at(column, 'VALIDATION_FAILED', f.messages.join('; '));
      }),
    };
  }
  try {
    return { eventId, dto, person: personOf(dto.contestant) };
  } catch (error) {
    if (!(error instanceof AppError)) {
      throw error;
    }
    return { eventId, errors: rowErrorsOf(error, at) };
  }
}

/**
 * Bulk registration from .xlsx/.csv: a dry run that reports every row's problems (row, column,
 * code, message), then an all-or-nothing commit. Both run as background jobs whose progress the
 * console polls; each row goes through the same submission code as the form, in a savepoint.
 */
@Injectable()
export class ImportService {
  private readonly jobs = new ImportJobs();

  constructor(
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly recovery: ImportRecovery,
  ) {}

  async start(
    actor: Actor,
    editionId: number,
    file: { originalname: string; buffer: Buffer },
  ): Promise<ImportJob> {
    this.jobs.forgetOld();
    const edition = await this.uow.run((m) => m.findOneBy(Edition, { id: editionId }));
    if (!edition) {
      throw notFound('EDITION_NOT_FOUND', `No edition with id ${editionId}.`);
    }
    const sheet = await readRegistrationSheet(file);
    const rows: ParsedRow[] = [];
    const errors = [...sheet.errors];
    let slice = performance.now();
    for (const { row, raw } of sheet.rows) {
      if (performance.now() - slice > SLICE_MS) {
        // 5,000 rows take tens of ms: marks must not wait behind them.
        await nextTurn();
        slice = performance.now();
      }
      const parsed = parseRow(row, raw);
      if (parsed.ok) {
        rows.push(parsed.value);
      } else {
        errors.push(...parsed.errors);
      }
    }
    const job: JobState = {
      id: randomUUID(),
      editionId,
      fileName: utf8FileName(file.originalname),
      status: 'validating',
      total: sheet.rows.length,
      processed: 0,
      errors: [],
      created: 0,
      startedAt: new Date().toISOString(),
      finishedAt: null,
      actor,
      rows,
      prepared: [],
      sheetErrors: errors,
    };
    this.jobs.add(job);
    void this.run(job, false);
    return this.jobs.view(job);
  }

  get(id: string): ImportJob {
    return this.jobs.view(this.jobs.find(id));
  }

  commit(id: string, actor: Actor): ImportJob {
    const job = this.jobs.find(id);
    if (job.status !== 'validated') {
      throw conflict(
        'IMPORT_NOT_READY',
        `The import is ${job.status}; only a validated dry run can be committed.`,
      );
    }
    if (job.errors.length > 0) {
      throw conflict('IMPORT_HAS_ERRORS', 'Fix the rows with errors and upload the sheet again.', {
        errors: job.errors.length,
      });
    }
    Object.assign(job, { status: 'committing', processed: 0, actor, finishedAt: null });
    void this.run(job, true);
    return this.jobs.view(job);
  }

  private async run(job: JobState, commit: boolean): Promise<void> {
    const errors: RowError[] = [...job.sheetErrors];
    let created = 0;
    try {
      if (commit) {
        created = await this.commitInParts(job, errors);
      } else {
        // The dry run only reads: outside the write transaction, so judges' marks and every
        // other write go on while it runs (on SQLite the app has one write connection).
        await this.check(this.uow.reader, job, errors, { progress: true });
        throw new Rollback();
      }
      Object.assign(job, { status: 'committed', created });
    } catch (error) {
      if (!(error instanceof Rollback)) {
        errors.push({
          row: 0,
          column: null,
          code: 'IMPORT_FAILED',
          message: error instanceof Error ? error.message : String(error),
        });
      }
      Object.assign(job, {
        status: commit || !(error instanceof Rollback) ? 'failed' : 'validated',
        created: 0,
      });
    }
    job.errors = errors.sort((a, b) => a.row - b.row);
    job.finishedAt = new Date().toISOString();
    if (job.status !== 'validated' || job.errors.length > 0) {
      // Nothing more can be committed from this job: its rows need not stay for the hour.
      Object.assign(job, { rows: [], prepared: [] });
    }
  }

  /**
   * All or nothing, a part at a time. A sheet of one part is checked again and written in one
   * transaction. A larger one is first checked again against the database as it is now (its
   * input checks kept from the dry run), reading only: a sheet gone stale writes nothing. Then
   * a part per transaction (about PART_MS each), each checked again inside its transaction and
   * written with its audit rows and its journal; other writes go on between the parts. A part
   * refused (someone registered one of its people meanwhile) or not stored undoes the parts
   * before it.
   */
  private async commitInParts(job: JobState, errors: RowError[]): Promise<number> {
    const rows = job.rows.length;
    const unread = job.total - rows;
    if (rows <= ROWS_IN_ONE_COMMIT) {
      const created = await this.uow.run(async (manager) => {
        await lockEdition(manager, job.editionId);
        const { accepted, facts } = await this.check(manager, job, errors);
        if (errors.length > 0) {
          throw new Rollback();
        }
        return (await writeAccepted(manager, this.audit, job.actor, facts, accepted)).entries
          .length;
      }, PART);
      job.processed = job.total;
      return created;
    }
    // Checked again against the database as it is now, reading only, between other requests.
    await this.check(this.uow.reader, job, errors, { yieldToOthers: true });
    if (errors.length > 0) {
      throw new Rollback();
    }
    job.processed = unread;
    let created = 0;
    let written: ImportWritten = { entries: [], contestants: [], units: [], updated: [] };
    const parts = async () => {
      for (let from = 0, size = FIRST_PART; from < rows;) {
        const to = Math.min(rows, from + size);
        // Requests read meanwhile (a judge's mark) are queued first, not behind the next part.
        await nextTurn();
        let took = 0;
        created += await this.uow.run(async (manager) => {
          const started = performance.now();
          await lockEdition(manager, job.editionId);
          const { accepted, facts } = await this.check(manager, job, errors, { from, to });
          if (errors.length > 0) {
            throw new Rollback();
          }
          const part = await writeAccepted(manager, this.audit, job.actor, facts, accepted);
          written = await journal(manager, job, written, part, {
            first: from === 0,
            last: to === rows,
          });
          took = performance.now() - started;
          return part.entries.length;
        }, PART);
        job.processed = unread + to;
        const perRow = Math.max(took, 0.1) / (to - from);
        size = Math.min(PART_ROWS.max, Math.max(PART_ROWS.min, Math.round(PART_MS / perRow)));
        from = to;
      }
      return created;
    };
    try {
      return await this.recovery.owning(job.id, parts);
    } catch (error) {
      const cause =
        error instanceof Rollback
          ? [...new Set(errors.map((e) => e.code))].join(', ')
          : error instanceof Error
            ? error.message
            : String(error);
      await this.recovery.undo(job.id, job.actor, cause);
      throw error;
    }
  }

  /**
   * Every row through the submission's checks, in sheet order, against facts read once: the
   * same errors (codes, params, columns) as submitting the rows one by one.
   */
  private async check(
    manager: EntityManager,
    job: JobState,
    errors: RowError[],
    {
      from = 0,
      to = job.rows.length,
      progress = false,
      yieldToOthers = progress,
    }: { from?: number; to?: number; progress?: boolean; yieldToOthers?: boolean } = {},
  ): Promise<{ accepted: Accepted[]; facts: SheetFacts }> {
    const rows = job.rows.slice(from, to);
    const facts = await loadFacts(
      manager,
      job.editionId,
      rows.map((r) => r.contestant.idNumber.trim().toUpperCase()),
      // Between its reads only outside a transaction: on SQLite a request served meanwhile would
      // read the transaction's uncommitted rows through the one connection.
      yieldToOthers ? nextTurn : undefined,
    );
    const seen = new Map<string, number>();
    const teams = new Map<string, number>();
    const accepted: Accepted[] = [];
    if (progress) {
      job.processed = job.total - job.rows.length;
    }
    let slice = performance.now();
    for (const [i, row] of rows.entries()) {
      const outcome = this.checkRow(job, from + i, row, facts, seen, teams);
      if (Array.isArray(outcome)) {
        errors.push(...outcome);
      } else {
        accepted.push(outcome);
      }
      if (progress) {
        job.processed += 1;
      }
      if (yieldToOthers && performance.now() - slice > SLICE_MS) {
        // Let marks and the console's progress polls through.
        await nextTurn();
        slice = performance.now();
      }
    }
    return { accepted, facts };
  }

  private checkRow(
    job: JobState,
    index: number,
    row: ParsedRow,
    facts: SheetFacts,
    seen: Map<string, number>,
    teams: Map<string, number>,
  ): RowError[] | Accepted {
    const at = (
      column: string | null,
      code: string,
      message: string,
      params?: Record<string, unknown>,
    ): RowError => ({ row: row.row, column, code, ...(params ? { params } : {}), message });
    const event = facts.eventsByKey.get(`${row.occupation}|${row.group}`);
    if (event === undefined) {
      return [
        at(
          COLUMNS[0].header,
          'EVENT_NOT_FOUND',
          `The edition has no event ${row.occupation} in this group.`,
          { occupation: row.occupation },
        ),
      ];
    }
    const firstRow = seen.get(row.contestant.idNumber);
    if (firstRow !== undefined) {
      return [
        at('身份证号', 'ID_DUPLICATE_IN_SHEET', `The same ID number is on row ${firstRow}.`, {
          firstRow,
        }),
      ];
    }
    seen.set(row.contestant.idNumber, row.row);
    // What does not depend on the database, kept from the dry run for the commit.
    let input = job.prepared[index];
    if (input === undefined || input.eventId !== event.id) {
      input = prepareRow(row, event.id, at);
      job.prepared[index] = input;
    }
    if ('errors' in input) {
      return input.errors;
    }
    try {
      return vetFromFacts(facts, event, input.dto, input.person, teams);
    } catch (error) {
      if (!(error instanceof AppError)) {
        throw error;
      }
      return rowErrorsOf(error, at);
    }
  }
}

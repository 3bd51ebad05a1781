import { Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Actor } from '../../audit/actor';
import { AppError, conflict, notFound } from '../../common/errors/app-error';
import { flattenValidationErrors } from '../../common/errors/validation';
import { utf8FileName } from '../../common/upload';
import { UnitOfWork } from '../../database/unit-of-work';
import type { EligibilityFailure } from '../../domain/eligibility';
import { CompetitionEvent } from '../../editions/entities/competition-event.entity';
import { Edition } from '../../editions/entities/edition.entity';
import { SubmitEntryDto } from '../dto/entry.dto';
import { RegistrationService } from '../registration.service';
import { ImportJob, ImportJobs, JobState } from './import-jobs';
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

// Every few rows: a row costs ~1 ms (validation and reads), and marks must not wait behind many.
const YIELD_EVERY = 5;

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
    private readonly registration: RegistrationService,
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
    for (const { row, raw } of sheet.rows) {
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
    // The dry run only reads: outside the write transaction, so judges' marks and every other
    // write go on while it runs (on SQLite the app has one write connection, and a 5,000-row
    // dry run inside it held marks back for 5 s). The commit writes all rows in one transaction.
    const pass = commit
      ? (work: (m: EntityManager) => Promise<void>) => this.uow.run(work)
      : (work: (m: EntityManager) => Promise<void>) => work(this.uow.reader);
    const teams = new Map<string, number>();
    try {
      await pass(async (manager) => {
        const events = await this.eventsByKey(manager, job.editionId);
        const seen = new Map<string, number>();
        job.processed = job.total - job.rows.length;
        for (const row of job.rows) {
          const rowErrors = await this.submitRow(manager, job, row, events, seen, commit, teams);
          errors.push(...rowErrors);
          created += rowErrors.length === 0 ? 1 : 0;
          job.processed += 1;
          if (job.processed % YIELD_EVERY === 0) {
            // Let the console's progress polls through while the transaction is open.
            await new Promise((resolve) => setImmediate(resolve));
          }
        }
        if (!commit || errors.length > 0) {
          throw new Rollback();
        }
      });
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
  }

  private async submitRow(
    manager: EntityManager,
    job: JobState,
    row: ParsedRow,
    events: Map<string, number>,
    seen: Map<string, number>,
    write: boolean,
    teams: Map<string, number>,
  ): Promise<RowError[]> {
    const at = (
      column: string | null,
      code: string,
      message: string,
      params?: Record<string, unknown>,
    ): RowError => ({ row: row.row, column, code, ...(params ? { params } : {}), message });
    const eventId = events.get(`${row.occupation}|${row.group}`);
    if (eventId === undefined) {
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
      return invalid.map((f) => {
        const first = f.errors?.[0];
        const column = COLUMN_OF_FIELD[f.field] ?? f.field;
        return first
          ? at(column, first.code, f.messages[0], first.params)
          : at(column, 'VALIDATION_FAILED', f.messages.join('; '));
      });
    }
    try {
      if (write) {
        // A savepoint per row: a row that fails leaves nothing behind.
        await manager.transaction((m) => this.registration.submitIn(m, job.actor, dto));
      } else {
        const team = `${eventId}|${dto.teamNo ?? ''}`;
        await this.registration.vet(manager, dto, teams.get(team) ?? 0);
        if (dto.teamNo !== undefined) {
          teams.set(team, (teams.get(team) ?? 0) + 1);
        }
      }
      return [];
    } catch (error) {
      if (!(error instanceof AppError)) {
        throw error;
      }
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
  }

  private async eventsByKey(
    manager: EntityManager,
    editionId: number,
  ): Promise<Map<string, number>> {
    const events = await manager.find(CompetitionEvent, { where: { editionId } });
    return new Map(events.map((e) => [`${e.occupation}|${e.contestantGroup}`, e.id]));
  }
}

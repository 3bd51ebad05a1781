import { Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { Actor } from '../audit/actor';
import { badRequest } from '../common/errors/app-error';
import { flattenValidationErrors } from '../common/errors/validation';
import type { UploadedSheet } from '../common/sheets/sheet-table';
import { TheoryImportResponse } from './dto/chief.dto';
import { PutSchemeDto, SchemeResponse } from './dto/scheme.dto';
import { SchemeService } from './scheme.service';
import { ScoringInputsService } from './scoring-inputs.service';
import { parseSchemeWorkbook, schemeWorkbook } from './scheme-workbook';
import { parseTheorySheet } from './theory-sheet';

/**
 * The judging side's sheets: the scheme out and in, theory scores in, read through the shared
 * sheet reader.
 */
@Injectable()
export class SheetImportsService {
  constructor(
    private readonly schemes: SchemeService,
    private readonly inputs: ScoringInputsService,
  ) {}

  /** The scheme as .xlsx, one row per aspect (the columns `scheme()` reads back). */
  async schemeWorkbook(eventId: number): Promise<Buffer> {
    return schemeWorkbook(await this.schemes.get(eventId));
  }

  async scheme(actor: Actor, eventId: number, file?: UploadedSheet): Promise<SchemeResponse> {
    const dto = plainToInstance(PutSchemeDto, await parseSchemeWorkbook(required(file)));
    const invalid = flattenValidationErrors(
      validateSync(dto, { whitelist: true, forbidNonWhitelisted: true }),
    );
    if (invalid.length > 0) {
      throw badRequest('VALIDATION_FAILED', 'The scheme sheet has invalid rows.', invalid);
    }
    return this.schemes.put(actor, eventId, dto);
  }

  async theory(
    actor: Actor,
    eventId: number,
    dryRun: boolean,
    file?: UploadedSheet,
    reason?: string,
  ): Promise<TheoryImportResponse> {
    const sheet = await parseTheorySheet(required(file));
    if (sheet.errors.length > 0) {
      return { dryRun, imported: 0, errors: sheet.errors };
    }
    const result = await this.inputs.importTheory(
      actor,
      eventId,
      { scores: sheet.rows.map(({ checkInCode, score }) => ({ checkInCode, score })), reason },
      dryRun,
    );
    return {
      ...result,
      errors: result.errors.map((e) => ({
        ...e,
        row: sheet.rows[e.row - 1].row,
        column: '检录号',
      })),
    };
  }
}

function required(file?: UploadedSheet): UploadedSheet {
  if (!file) {
    throw badRequest('IMPORT_NO_FILE', 'Attach the sheet as the form field "file".');
  }
  return file;
}

import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { v7 as timeOrderedUuid } from 'uuid';
import { EntityManager } from 'typeorm';
import { actorOf, AuthUser } from '../auth/auth-user';
import { AuditService } from '../audit/audit.service';
import { AppError, conflict, forbidden, notFound, unprocessable } from '../common/errors/app-error';
import { toErrorBody } from '../common/errors/error-body';
import { DomainEvents } from '../common/domain-events';
import { runSql } from '../database/sql';
import { nowIso } from '../database/time';
import { UnitOfWork } from '../database/unit-of-work';
import { validateMarkValue } from '../domain/marking';
import { fromHundredths, toHundredths } from '../domain/numbers';
import { MarkInputDto, MarkResponse, MarkWriteResponse } from './dto/mark.dto';
import { AspectRow } from './entities/aspect.entity';
import { Mark } from './entities/mark.entity';
import { RecheckItem } from './entities/recheck-item.entity';
import { isRecused } from './recusal';
import { toDomainAspect } from './scheme';

function requestHash(input: MarkInputDto): string {
  const canonical = [
    input.workpieceCode,
    input.aspectId,
    input.value,
    input.baseVersion ?? null,
    input.reason ?? null,
    input.purpose ?? 'primary',
  ];
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

function toMarkResponse(mark: Mark): MarkResponse {
  return {
    id: mark.id,
    aspectId: Number(mark.aspectId),
    workpieceCode: mark.workpieceCode,
    value: fromHundredths(Number(mark.valueHundredths)),
    version: Number(mark.version),
    purpose: mark.purpose,
  };
}

/**
 * Mark entry from judges' tablets. Every write carries the tablet's own id: the ledger of
 * write ids makes a resend after a lost acknowledgement return the first answer instead of
 * counting twice, and the write, its version row and its audit row commit together.
 */
@Injectable()
export class MarksService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
  ) {}

  async submit(judge: AuthUser, input: MarkInputDto): Promise<MarkWriteResponse> {
    const touched = new Set<string>();
    const result = await this.uow.run((manager) => this.write(manager, judge, input, touched));
    this.announce(touched);
    return result;
  }

  /** An offline queue flushed at once: each mark in its own savepoint, each answered on its own. */
  async submitBatch(judge: AuthUser, inputs: MarkInputDto[]): Promise<MarkWriteResponse[]> {
    const touched = new Set<string>();
    const results = await this.uow.run(async (manager) => {
      const results: MarkWriteResponse[] = [];
      for (const input of inputs) {
        try {
          results.push(await manager.transaction((m) => this.write(m, judge, input, touched)));
        } catch (error) {
          const body = toErrorBody(error);
          if (body.statusCode >= 500) {
            throw error;
          }
          results.push({ clientId: input.clientId, status: body.statusCode, body });
        }
      }
      return results;
    });
    this.announce(touched);
    return results;
  }

  /** After the commit: progress boards learn which modules got marks ("eventId:moduleId"). */
  private announce(touched: Set<string>): void {
    for (const key of touched) {
      const [eventId, moduleId] = key.split(':').map(Number);
      this.events.emit('marks.changed', { eventId, moduleId });
    }
  }

  private async write(
    manager: EntityManager,
    judge: AuthUser,
    input: MarkInputDto,
    touched: Set<string>,
  ): Promise<MarkWriteResponse> {
    const hash = requestHash(input);
    const [previous] = await runSql<{ judgeId: number; requestHash: string; response: string }>(
      manager,
      'SELECT "judgeId", "requestHash", "response" FROM "mark_writes" WHERE "clientId" = $1',
      [input.clientId],
    );
    if (previous) {
      if (Number(previous.judgeId) !== judge.id || previous.requestHash !== hash) {
        throw unprocessable(
          'IDEMPOTENCY_KEY_REUSED',
          'This clientId was already used for a different mark.',
        );
      }
      return JSON.parse(previous.response) as MarkWriteResponse;
    }
    const purpose = input.purpose ?? 'primary';
    const [aspect] = await runSql<
      AspectRow & {
        lockedAt: string | null;
        signedAt: string | null;
        assignmentId: number | null;
        resultsStatus: string;
      }
    >(
      manager,
      'SELECT a.*, m."lockedAt", j."signedAt", j."id" AS "assignmentId", ev."resultsStatus" FROM "aspects" a ' +
        'JOIN "modules" m ON m."id" = a."moduleId" JOIN "events" ev ON ev."id" = a."eventId" ' +
        'LEFT JOIN "judge_assignments" j ON j."moduleId" = a."moduleId" AND j."judgeId" = $1 WHERE a."id" = $2',
      [judge.id, input.aspectId],
    );
    if (!aspect || aspect.assignmentId === null) {
      throw forbidden('NOT_ASSIGNED', 'You are not assigned to mark this aspect.');
    }
    if (aspect.resultsStatus === 'final') {
      throw conflict('RESULTS_FINAL', 'The results are final; marks cannot change.');
    }
    if (aspect.lockedAt) {
      throw new AppError(423, 'MODULE_LOCKED', 'The module is locked; marks cannot change.');
    }
    if (aspect.signedAt) {
      throw conflict('SHEET_SIGNED', 'You signed this module; ask the chief judge to reopen it.');
    }
    await this.assertMayMark(manager, judge, aspect.eventId, input.workpieceCode);
    const invalid = validateMarkValue(toDomainAspect(aspect), input.value);
    if (invalid) {
      throw unprocessable(invalid.code, invalid.message).with(invalid.params);
    }
    if (
      purpose === 'recheck' &&
      !(await manager.existsBy(RecheckItem, {
        eventId: aspect.eventId,
        workpieceCode: input.workpieceCode,
      }))
    ) {
      throw unprocessable('NOT_IN_RECHECK', 'This work-piece is not on the recheck list.');
    }
    // Judgement aspects hold one mark per judge; a measurement or deduction holds one agreed value.
    const judgement = aspect.kind === 'judgement';
    const [existing] = await runSql<Mark>(
      manager,
      'SELECT * FROM "marks" WHERE "aspectId" = $1 AND "workpieceCode" = $2 AND "purpose" = $3' +
        (judgement ? ' AND "judgeId" = $4' : ''),
      judgement
        ? [aspect.id, input.workpieceCode, purpose, judge.id]
        : [aspect.id, input.workpieceCode, purpose],
    );
    const before = existing ? toMarkResponse(existing) : null;
    const now = nowIso();
    const value = toHundredths(input.value);
    let mark: Mark;
    let status: number;
    if (input.baseVersion === undefined) {
      if (existing) {
        throw conflict(
          'MARK_EXISTS',
          'This aspect of this work-piece already has a mark; edit it with its version.',
          {
            current: before,
          },
        );
      }
      mark = Object.assign(new Mark(), {
        // Time-ordered: the indexes keyed on a mark's id (its primary key, its versions, its audit
        // rows) grow at their end, so a commit of a group of marks writes a few pages, not one
        // random page per mark and index.
        id: timeOrderedUuid(),
        eventId: aspect.eventId,
        moduleId: aspect.moduleId,
        aspectId: aspect.id,
        judgeId: judge.id,
        workpieceCode: input.workpieceCode,
        purpose,
        valueHundredths: value,
        version: 1,
        updatedAt: now,
      });
      await runSql(
        manager,
        'INSERT INTO "marks" ("id", "eventId", "moduleId", "aspectId", "judgeId", "workpieceCode", "purpose", "valueHundredths", "version", "updatedAt") ' +
          'VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)',
        [
          mark.id,
          mark.eventId,
          mark.moduleId,
          mark.aspectId,
          mark.judgeId,
          mark.workpieceCode,
          purpose,
          value,
          1,
          now,
        ],
      );
      status = 201;
    } else {
      if (!existing) {
        throw notFound('MARK_NOT_FOUND', 'There is no mark to edit.');
      }
      if (Number(existing.version) !== input.baseVersion) {
        throw conflict(
          'VERSION_CONFLICT',
          `The mark is at version ${existing.version}, not ${input.baseVersion}.`,
          {
            current: before,
          },
        );
      }
      mark = {
        ...existing,
        valueHundredths: value,
        version: Number(existing.version) + 1,
        updatedAt: now,
      };
      await runSql(
        manager,
        'UPDATE "marks" SET "valueHundredths" = $1, "version" = $2, "updatedAt" = $3 WHERE "id" = $4',
        [value, mark.version, now, mark.id],
      );
      status = 200;
    }
    await runSql(
      manager,
      'INSERT INTO "mark_versions" ("markId", "version", "valueHundredths", "reason", "changedBy", "changedAt") VALUES ($1, $2, $3, $4, $5, $6)',
      [mark.id, mark.version, value, input.reason ?? null, judge.username, now],
    );
    const response: MarkWriteResponse = {
      clientId: input.clientId,
      status,
      body: toMarkResponse(mark),
    };
    await runSql(
      manager,
      'INSERT INTO "mark_writes" ("clientId", "judgeId", "requestHash", "response", "createdAt") VALUES ($1, $2, $3, $4, $5)',
      [input.clientId, judge.id, hash, JSON.stringify(response), now],
    );
    await this.audit.append(manager, {
      actor: actorOf(judge),
      action: status === 201 ? 'mark.entered' : 'mark.edited',
      entityType: 'mark',
      entityId: mark.id,
      before: status === 200 ? before : null,
      after: toMarkResponse(mark),
      reason: input.reason ?? null,
    });
    touched.add(`${mark.eventId}:${mark.moduleId}`);
    return response;
  }

  /** The code must be of this event, and not of a contestant from the judge's own unit (回避). */
  private async assertMayMark(
    manager: EntityManager,
    judge: AuthUser,
    eventId: number,
    workpieceCode: string,
  ): Promise<void> {
    const [piece] = await runSql<{ unitName: string; employer: string | null }>(
      manager,
      'SELECT u."name" AS "unitName", c."employer" AS "employer" FROM "blind_codes" b ' +
        'JOIN "entries" e ON e."id" = b."entryId" JOIN "contestants" c ON c."id" = e."contestantId" ' +
        'JOIN "units" u ON u."id" = c."unitId" WHERE b."eventId" = $1 AND b."workpieceCode" = $2',
      [eventId, workpieceCode],
    );
    // A recused code answers exactly like an unknown one: the judge learns nothing from it.
    if (!piece || isRecused(judge.unitName, piece)) {
      throw notFound('WORKPIECE_NOT_FOUND', 'No such work-piece code among yours.');
    }
  }
}

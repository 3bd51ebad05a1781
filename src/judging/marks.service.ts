import { Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { actorOf, AuthUser } from '../auth/auth-user';
import { AuditService } from '../audit/audit.service';
import { AppError, conflict, forbidden, notFound, unprocessable } from '../common/errors/app-error';
import { toErrorBody } from '../common/errors/error.filter';
import { nowIso } from '../database/time';
import { UnitOfWork } from '../database/unit-of-work';
import { validateMarkValue } from '../domain/marking';
import { fromHundredths, toHundredths } from '../domain/numbers';
import { BlindCode } from '../registration/entities/blind-code.entity';
import { Entry } from '../registration/entities/entry.entity';
import { MarkInputDto, MarkResponse, MarkWriteResponse } from './dto/mark.dto';
import { AspectRow } from './entities/aspect.entity';
import { JudgeAssignment } from './entities/assignment.entity';
import { Mark } from './entities/mark.entity';
import { MarkVersion } from './entities/mark-version.entity';
import { MarkWrite } from './entities/mark-write.entity';
import { MarkingModuleRow } from './entities/module.entity';
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
    aspectId: mark.aspectId,
    workpieceCode: mark.workpieceCode,
    value: fromHundredths(mark.valueHundredths),
    version: mark.version,
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
  ) {}

  async submit(judge: AuthUser, input: MarkInputDto): Promise<MarkWriteResponse> {
    return this.uow.run((manager) => this.write(manager, judge, input));
  }

  /** An offline queue flushed at once: each mark in its own savepoint, each answered on its own. */
  async submitBatch(judge: AuthUser, inputs: MarkInputDto[]): Promise<MarkWriteResponse[]> {
    return this.uow.run(async (manager) => {
      const results: MarkWriteResponse[] = [];
      for (const input of inputs) {
        try {
          results.push(await manager.transaction((m) => this.write(m, judge, input)));
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
  }

  private async write(
    manager: EntityManager,
    judge: AuthUser,
    input: MarkInputDto,
  ): Promise<MarkWriteResponse> {
    const hash = requestHash(input);
    const previous = await manager.findOneBy(MarkWrite, { clientId: input.clientId });
    if (previous) {
      if (previous.judgeId !== judge.id || previous.requestHash !== hash) {
        throw unprocessable(
          'IDEMPOTENCY_KEY_REUSED',
          'This clientId was already used for a different mark.',
        );
      }
      return JSON.parse(previous.response) as MarkWriteResponse;
    }
    const purpose = input.purpose ?? 'primary';
    const aspect = await manager.findOneBy(AspectRow, { id: input.aspectId });
    const assignment = aspect
      ? await manager.findOneBy(JudgeAssignment, { moduleId: aspect.moduleId, judgeId: judge.id })
      : null;
    if (!aspect || !assignment) {
      throw forbidden('NOT_ASSIGNED', 'You are not assigned to mark this aspect.');
    }
    const module = await manager.findOneByOrFail(MarkingModuleRow, { id: aspect.moduleId });
    if (module.lockedAt) {
      throw new AppError(423, 'MODULE_LOCKED', 'The module is locked; marks cannot change.');
    }
    if (assignment.signedAt) {
      throw conflict('SHEET_SIGNED', 'You signed this module; ask the chief judge to reopen it.');
    }
    await this.assertMayMark(manager, judge, aspect.eventId, input.workpieceCode);
    const invalid = validateMarkValue(toDomainAspect(aspect), input.value);
    if (invalid) {
      throw unprocessable(invalid.code, invalid.message);
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
    const existing = await manager.findOneBy(Mark, {
      aspectId: aspect.id,
      workpieceCode: input.workpieceCode,
      purpose,
      ...(aspect.kind === 'judgement' ? { judgeId: judge.id } : {}),
    });
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
            current: toMarkResponse(existing),
          },
        );
      }
      mark = manager.create(Mark, {
        id: randomUUID(),
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
      await manager.insert(Mark, mark);
      status = 201;
    } else {
      if (!existing) {
        throw notFound('MARK_NOT_FOUND', 'There is no mark to edit.');
      }
      if (existing.version !== input.baseVersion) {
        throw conflict(
          'VERSION_CONFLICT',
          `The mark is at version ${existing.version}, not ${input.baseVersion}.`,
          {
            current: toMarkResponse(existing),
          },
        );
      }
      mark = existing;
      mark.valueHundredths = value;
      mark.version += 1;
      mark.updatedAt = now;
      await manager.update(
        Mark,
        { id: mark.id },
        { valueHundredths: value, version: mark.version, updatedAt: now },
      );
      status = 200;
    }
    await manager.insert(MarkVersion, {
      markId: mark.id,
      version: mark.version,
      valueHundredths: value,
      reason: input.reason ?? null,
      changedBy: judge.username,
      changedAt: now,
    });
    const response: MarkWriteResponse = {
      clientId: input.clientId,
      status,
      body: toMarkResponse(mark),
    };
    await manager.insert(MarkWrite, {
      clientId: input.clientId,
      judgeId: judge.id,
      requestHash: hash,
      response: JSON.stringify(response),
      createdAt: now,
    });
    await this.audit.append(manager, {
      actor: actorOf(judge),
      action: status === 201 ? 'mark.entered' : 'mark.edited',
      entityType: 'mark',
      entityId: mark.id,
      before: status === 200 ? before : null,
      after: toMarkResponse(mark),
      reason: input.reason ?? null,
    });
    return response;
  }

  /** The code must be of this event, and not of a contestant from the judge's own unit (回避). */
  private async assertMayMark(
    manager: EntityManager,
    judge: AuthUser,
    eventId: number,
    workpieceCode: string,
  ): Promise<void> {
    const piece = await manager
      .createQueryBuilder(BlindCode, 'code')
      .innerJoin(Entry, 'entry', 'entry.id = code.entryId')
      .innerJoin('entry.contestant', 'contestant')
      .innerJoin('contestant.unit', 'unit')
      .select(['unit.name AS "unitName"', 'contestant.employer AS "employer"'])
      .where('code.eventId = :eventId AND code.workpieceCode = :workpieceCode', {
        eventId,
        workpieceCode,
      })
      .getRawOne<{ unitName: string; employer: string | null }>();
    // A recused code answers exactly like an unknown one: the judge learns nothing from it.
    if (!piece || isRecused(judge.unitName, piece)) {
      throw notFound('WORKPIECE_NOT_FOUND', 'No such work-piece code among yours.');
    }
  }
}

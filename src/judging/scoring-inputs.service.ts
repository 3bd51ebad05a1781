import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor } from '../audit/actor';
import { AuditService } from '../audit/audit.service';
import { conflict, forbidden, notFound, unprocessable } from '../common/errors/app-error';
import { nowIso } from '../database/time';
import { UnitOfWork } from '../database/unit-of-work';
import { lockedInputRefusal } from '../domain/final';
import { fromHundredths, toHundredths } from '../domain/numbers';
import { CompetitionEvent } from '../editions/entities/competition-event.entity';
import { EventsService } from '../editions/events.service';
import { BlindCode } from '../registration/entities/blind-code.entity';
import { TheoryImportDto, TimeDto } from './dto/chief.dto';
import { TheoryScore } from './entities/theory-score.entity';

/**
 * The inputs a result is computed from besides the marks: times used (a tie-break) and theory
 * scores. They belong to the lock: once locked only the chief judge changes them, with a
 * reason, each change audited per work-piece with before and after; after final, nobody.
 */
@Injectable()
export class ScoringInputsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly events: EventsService,
  ) {}

  recordTime(
    actor: Actor,
    eventId: number,
    input: TimeDto,
  ): Promise<{ workpieceCode: string; seconds: number }> {
    return this.uow.run(async (manager) => {
      const event = await this.events.findOr404(manager, eventId);
      const locked = assertMayChangeInputs(event, actor, input.reason);
      const code = await manager.findOneBy(BlindCode, {
        eventId,
        workpieceCode: input.workpieceCode,
      });
      if (!code) {
        throw notFound(
          'WORKPIECE_NOT_FOUND',
          `No work-piece ${input.workpieceCode} in this event.`,
        );
      }
      await manager.update(
        BlindCode,
        { entryId: code.entryId },
        { timeUsedSeconds: input.seconds },
      );
      await this.audit.append(manager, {
        actor,
        action: 'time.recorded',
        entityType: 'workpiece',
        entityId: input.workpieceCode,
        before: { seconds: code.timeUsedSeconds },
        after: { seconds: input.seconds },
        reason: input.reason ?? null,
      });
      if (locked) {
        await markStale(manager, eventId);
      }
      return { workpieceCode: input.workpieceCode, seconds: input.seconds };
    });
  }

  /** Theory scores from the exam system, keyed by check-in code; all rows or none. */
  importTheory(actor: Actor, eventId: number, input: TheoryImportDto, dryRun: boolean) {
    return this.uow.run(async (manager) => {
      const event = await this.events.findOr404(manager, eventId);
      const locked = assertMayChangeInputs(event, actor, input.reason);
      const codes = await manager.find(BlindCode, { where: { eventId } });
      const byCheckIn = new Map(codes.map((c) => [c.checkInCode, c]));
      const seen = new Set<string>();
      const errors: { row: number; column: string; code: string; message: string }[] = [];
      input.scores.forEach((s, i) => {
        if (!byCheckIn.has(s.checkInCode)) {
          errors.push({
            row: i + 1,
            column: 'checkInCode',
            code: 'CHECK_IN_CODE_UNKNOWN',
            message: `No check-in code ${s.checkInCode} in this event.`,
          });
        } else if (seen.has(s.checkInCode)) {
          errors.push({
            row: i + 1,
            column: 'checkInCode',
            code: 'CHECK_IN_CODE_DUPLICATE',
            message: `${s.checkInCode} appears twice.`,
          });
        }
        seen.add(s.checkInCode);
      });
      if (errors.length > 0 || dryRun) {
        return { dryRun, imported: 0, errors };
      }
      const importedAt = nowIso();
      const current = new Map(
        (await manager.find(TheoryScore, { where: { eventId } })).map((t) => [t.entryId, t]),
      );
      let changed = 0;
      for (const s of input.scores) {
        const code = byCheckIn.get(s.checkInCode)!;
        const previous = current.get(code.entryId);
        const value = toHundredths(s.score);
        // A score for someone marked absent replaces the mark, even a 0.
        if (previous && !previous.absent && Number(previous.scoreHundredths) === value) {
          continue;
        }
        await manager.delete(TheoryScore, { entryId: code.entryId });
        await manager.insert(TheoryScore, {
          entryId: code.entryId,
          eventId,
          workpieceCode: code.workpieceCode,
          scoreHundredths: value,
          importedAt,
        });
        // Per person, before and after: a correction is traceable to the piece it changed.
        await this.audit.append(manager, {
          actor,
          action: 'theory.recorded',
          entityType: 'workpiece',
          entityId: code.workpieceCode,
          before: previous
            ? {
                score: fromHundredths(Number(previous.scoreHundredths)),
                ...(previous.absent ? { absent: true } : {}),
              }
            : null,
          after: { score: s.score },
          reason: input.reason ?? null,
        });
        changed += 1;
      }
      if (locked && changed > 0) {
        await markStale(manager, eventId);
      }
      return { dryRun, imported: input.scores.length, errors };
    });
  }
}

/**
 * Theory and times belong to the lock (src/domain/final.ts); true when the event is locked, so
 * the change makes the computed results stale.
 */
function assertMayChangeInputs(
  event: CompetitionEvent,
  actor: Actor,
  reason: string | undefined,
): boolean {
  const refusal = lockedInputRefusal(event, actor.role, reason);
  switch (refusal) {
    case null:
      return event.resultsLockedAt !== null || event.decryptedAt !== null;
    case 'RESULTS_FINAL':
      throw conflict('RESULTS_FINAL', 'The results are final; nothing about the event changes.');
    case 'LOCKED_CHIEF_ONLY':
      throw forbidden(
        'LOCKED_CHIEF_ONLY',
        'The marks are locked: only the chief judge changes theory scores and times, with a reason.',
      );
    case 'REASON_REQUIRED':
      throw unprocessable('REASON_REQUIRED', 'Give the reason for changing a locked input.', [
        { field: 'reason', messages: ['required once the modules are locked'] },
      ]);
  }
}

/** The results no longer follow from their inputs: finalize waits for a new computation. */
export async function markStale(manager: EntityManager, eventId: number): Promise<void> {
  await manager.update(CompetitionEvent, { id: eventId }, { resultsComputedAt: null });
}

import { Injectable } from '@nestjs/common';
import { Actor } from '../audit/actor';
import { AuditService } from '../audit/audit.service';
import { conflict, notFound, unprocessable } from '../common/errors/app-error';
import { nowIso } from '../database/time';
import { UnitOfWork } from '../database/unit-of-work';
import { theoryAbsenceVerdict } from '../domain/theory-absence';
import { EventsService } from '../editions/events.service';
import { BlindCode } from '../registration/entities/blind-code.entity';
import { TheoryAbsentDto } from './dto/chief.dto';
import { TheoryScore } from './entities/theory-score.entity';
import { markStale } from './scoring-inputs.service';
import { TheoryAbsentResponse } from './dto/scores.dto';

/**
 * 缺考 in theory, marked by the chief judge with a reason (src/domain/theory-absence.ts): the
 * competitor's theory counts 0 and every sheet says so; audited per work-piece.
 */
@Injectable()
export class TheoryAbsenceService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly events: EventsService,
  ) {}

  markAbsent(actor: Actor, eventId: number, input: TheoryAbsentDto): Promise<TheoryAbsentResponse> {
    return this.uow.run(async (manager) => {
      // Locked: the same mark sent twice at once is written once.
      const event = await this.events.lockOr404(manager, eventId);
      const code = await manager.findOneBy(BlindCode, { eventId, checkInCode: input.checkInCode });
      if (!code) {
        throw notFound(
          'CHECK_IN_CODE_UNKNOWN',
          `No check-in code ${input.checkInCode} in this event.`,
        ).with({ checkInCode: input.checkInCode });
      }
      const current = await manager.findOneBy(TheoryScore, { entryId: code.entryId });
      const verdict = theoryAbsenceVerdict({
        resultsStatus: event.resultsStatus,
        theoryWeight: event.theoryWeight,
        current,
        reason: input.reason,
      });
      const answer = (changed: boolean, reason: string): TheoryAbsentResponse => ({
        checkInCode: code.checkInCode,
        workpieceCode: code.workpieceCode,
        absent: true,
        reason,
        changed,
      });
      switch (verdict) {
        case 'unchanged':
          return answer(false, current!.absentReason ?? '');
        case 'RESULTS_FINAL':
          throw conflict(
            'RESULTS_FINAL',
            'The results are final; nothing about the event changes.',
          );
        case 'EVENT_HAS_NO_THEORY':
          throw conflict('EVENT_HAS_NO_THEORY', 'The event has no theory part.');
        case 'THEORY_ALREADY_SCORED':
          throw conflict(
            'THEORY_ALREADY_SCORED',
            `${input.checkInCode} has a theory score; correct it through the theory import.`,
          ).with({ checkInCode: input.checkInCode });
        case 'THEORY_ABSENT_REASON_REQUIRED':
          throw unprocessable(
            'THEORY_ABSENT_REASON_REQUIRED',
            'Give the reason for marking theory absent.',
          );
        case 'mark':
          break;
      }
      const reason = input.reason!.trim();
      await manager.insert(TheoryScore, {
        entryId: code.entryId,
        eventId,
        workpieceCode: code.workpieceCode,
        scoreHundredths: 0,
        importedAt: nowIso(),
        absent: true,
        absentReason: reason,
      });
      await this.audit.append(manager, {
        actor,
        action: 'theory.absent',
        entityType: 'workpiece',
        entityId: code.workpieceCode,
        before: null,
        after: { absent: true, score: 0 },
        reason,
      });
      if (event.resultsLockedAt !== null || event.decryptedAt !== null) {
        await markStale(manager, eventId);
      }
      return answer(true, reason);
    });
  }
}

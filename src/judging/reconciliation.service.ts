import { Injectable } from '@nestjs/common';
import { randomInt } from 'node:crypto';
import { In } from 'typeorm';
import { Actor, personName } from '../audit/actor';
import { AuditService } from '../audit/audit.service';
import { User } from '../auth/entities/user.entity';
import { conflict, notFound, unprocessable } from '../common/errors/app-error';
import { nowIso } from '../database/time';
import { UnitOfWork } from '../database/unit-of-work';
import { fromHundredths } from '../domain/numbers';
import { selectForRecheck } from '../domain/recheck';
import { EventsService } from '../editions/events.service';
import { RemarkDto } from './dto/chief.dto';
import { PiecesService } from './pieces.service';
import { isRecused } from './recusal';
import { AspectRow } from './entities/aspect.entity';
import { JudgeAssignment } from './entities/assignment.entity';
import { Mark } from './entities/mark.entity';
import { RecheckItem } from './entities/recheck-item.entity';
import { RemarkRequest } from './entities/remark-request.entity';
import { PieceScore, ScoringService } from './scoring.service';
import { FlagResponse, RecheckResponse } from './dto/chief.dto';

/** Flags for the chief judge, re-mark requests and the recheck list. */
@Injectable()
export class ReconciliationService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly competitionEvents: EventsService,
    private readonly scoring: ScoringService,
    private readonly pieces: PiecesService,
  ) {}

  async scores(eventId: number): Promise<PieceScore[]> {
    await this.competitionEvents.findOr404(this.uow.reader, eventId);
    return this.scoring.scoreEvent(this.uow.reader, eventId);
  }

  async flags(eventId: number): Promise<FlagResponse[]> {
    const m = this.uow.reader;
    await this.competitionEvents.findOr404(m, eventId);
    const flagged = (await this.scoring.scoreEvent(m, eventId)).flatMap((piece) =>
      piece.aspects.filter((a) => a.flagged).map((a) => ({ piece, a })),
    );
    const marks = await m.find(Mark, {
      where: { eventId, purpose: 'primary', aspectId: In(flagged.map((f) => f.a.aspectId)) },
    });
    const judges = await m.findBy(User, { id: In([...new Set(marks.map((k) => k.judgeId))]) });
    return flagged.map(({ piece, a }) => ({
      aspectId: a.aspectId,
      aspectCode: a.code,
      workpieceCode: piece.workpieceCode,
      spread: a.spread,
      values: marks
        .filter((k) => k.aspectId === a.aspectId && k.workpieceCode === piece.workpieceCode)
        .map((k) => ({
          judge: judges.find((j) => j.id === k.judgeId)?.displayName ?? String(k.judgeId),
          value: fromHundredths(k.valueHundredths),
        })),
    }));
  }

  /** Named judges re-mark one aspect of one piece: their sheets reopen, every version is kept. */
  requestRemark(actor: Actor, eventId: number, input: RemarkDto): Promise<RemarkRequest> {
    return this.uow.run(async (manager) => {
      const aspect = await manager.findOneBy(AspectRow, { id: input.aspectId, eventId });
      if (!aspect) {
        throw notFound('ASPECT_NOT_FOUND', `No aspect ${input.aspectId} in this event.`);
      }
      const assigned = await manager.find(JudgeAssignment, {
        where: { moduleId: aspect.moduleId, judgeId: In(input.judgeIds) },
      });
      if (assigned.length !== new Set(input.judgeIds).size) {
        throw unprocessable('NOT_ASSIGNED', 'Every judge named must be assigned to the module.');
      }
      const piece = (await this.pieces.pieces(manager, eventId)).find(
        (p) => p.workpieceCode === input.workpieceCode,
      );
      if (!piece) {
        throw notFound(
          'WORKPIECE_NOT_FOUND',
          `No work-piece ${input.workpieceCode} in this event.`,
        );
      }
      // 回避 holds for re-marks too: the chief judge sees recusals in the assignment overview.
      const recused = (await manager.findBy(User, { id: In(input.judgeIds) })).filter((judge) =>
        isRecused(judge.unitName, piece),
      );
      if (recused.length > 0) {
        throw unprocessable(
          'JUDGE_RECUSED',
          `${recused.map((j) => j.displayName).join('、')} may not mark this work-piece (回避).`,
          { judgeIds: recused.map((j) => j.id) },
        );
      }
      const requestedAt = nowIso();
      // Only a signature that existed is "cleared": the tablet tells those judges why.
      const signed = assigned.filter((a) => a.signedAt !== null).map((a) => a.id);
      if (signed.length > 0) {
        await manager.update(
          JudgeAssignment,
          { id: In(signed) },
          {
            signedAt: null,
            clearedAt: requestedAt,
            clearedCause: 'remark',
            clearedReason: input.reason,
          },
        );
      }
      const request = manager.create(RemarkRequest, {
        eventId,
        aspectId: aspect.id,
        workpieceCode: input.workpieceCode,
        judgeIds: input.judgeIds,
        reason: input.reason,
        requestedBy: personName(actor),
        requestedAt,
        resolvedAt: null,
      });
      await manager.save(request);
      await this.audit.append(manager, {
        actor,
        action: 'remark.requested',
        entityType: 'event',
        entityId: eventId,
        after: request,
        reason: input.reason,
      });
      return request;
    });
  }

  /**
   * The recheck list (domain/recheck: the provisional top 10 by practical mark plus a random 15%
   * of the rest, drawn with the CSPRNG), chosen once and kept; each listed piece shows where a
   * second judge's re-entry differs from the first.
   */
  async recheck(actor: Actor, eventId: number): Promise<RecheckResponse[]> {
    await this.uow.run(async (manager) => {
      await this.competitionEvents.findOr404(manager, eventId);
      if (await manager.existsBy(RecheckItem, { eventId })) {
        return;
      }
      const scores = (await this.scoring.scoreEvent(manager, eventId)).filter(
        (s): s is PieceScore & { practical: number } => s.practical !== null,
      );
      if (scores.length === 0) {
        throw conflict('NOTHING_TO_RECHECK', 'No work-piece has a complete practical mark yet.');
      }
      const { top, random } = selectForRecheck(scores, (bound) => randomInt(bound));
      const selectedAt = nowIso();
      for (const [codes, reason] of [
        [top, 'top'],
        [random, 'random'],
      ] as const) {
        for (const workpieceCode of codes) {
          await manager.insert(RecheckItem, { eventId, workpieceCode, reason, selectedAt });
        }
      }
      await this.audit.append(manager, {
        actor,
        action: 'recheck.selected',
        entityType: 'event',
        entityId: eventId,
        after: { top, random },
      });
    });
    const m = this.uow.reader;
    const [items, aspects, marks] = await Promise.all([
      m.find(RecheckItem, { where: { eventId }, order: { id: 'ASC' } }),
      m.find(AspectRow, { where: { eventId }, order: { position: 'ASC' } }),
      m.find(Mark, { where: { eventId } }),
    ]);
    const objective = aspects.filter((a) => a.kind !== 'judgement');
    return items.map((item) => ({
      workpieceCode: item.workpieceCode,
      reason: item.reason,
      aspects: objective.map((a) => {
        const find = (purpose: 'primary' | 'recheck') =>
          marks.find(
            (k) =>
              k.aspectId === a.id &&
              k.workpieceCode === item.workpieceCode &&
              k.purpose === purpose,
          );
        const primary = find('primary');
        const second = find('recheck');
        return {
          aspectId: a.id,
          code: a.code,
          primary: primary ? fromHundredths(primary.valueHundredths) : null,
          recheck: second ? fromHundredths(second.valueHundredths) : null,
          mismatch: !!primary && !!second && primary.valueHundredths !== second.valueHundredths,
        };
      }),
    }));
  }
}

import { readAll } from '../database/read-all';
import { Injectable } from '@nestjs/common';
import { EntityManager, In, IsNull } from 'typeorm';
import { Actor } from '../audit/actor';
import { AuditService } from '../audit/audit.service';
import { AuthUser } from '../auth/auth-user';
import { User } from '../auth/entities/user.entity';
import { notFound, unprocessable } from '../common/errors/app-error';
import { UnitOfWork } from '../database/unit-of-work';
import { fromHundredths } from '../domain/numbers';
import { CompetitionEvent } from '../editions/entities/competition-event.entity';
import { BlindCode } from '../registration/entities/blind-code.entity';
import { EventsService } from '../editions/events.service';
import {
  JudgeTaskResponse,
  ModuleAssignmentResponse,
  PutAssignmentsDto,
  WorkpieceResponse,
} from './dto/assignment.dto';
import { AspectRow } from './entities/aspect.entity';
import { JudgeAssignment } from './entities/assignment.entity';
import { Mark } from './entities/mark.entity';
import { MarkingModuleRow } from './entities/module.entity';
import { RemarkRequest } from './entities/remark-request.entity';
import { PiecesService } from './pieces.service';
import { isRecused } from './recusal';
import { toAspectResponse } from './scheme';

/** Judges assigned to modules, with recusal shown to organizers and hidden from judges. */
@Injectable()
export class AssignmentsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly competitionEvents: EventsService,
    private readonly piecesService: PiecesService,
  ) {}

  put(
    actor: Actor,
    eventId: number,
    input: PutAssignmentsDto,
  ): Promise<ModuleAssignmentResponse[]> {
    return this.uow.run(async (manager) => {
      await this.competitionEvents.findOr404(manager, eventId);
      const modules = await manager.find(MarkingModuleRow, { where: { eventId } });
      const unknown = input.modules.filter((m) => !modules.some((x) => x.id === m.moduleId));
      if (unknown.length > 0) {
        throw unprocessable(
          'MODULE_NOT_FOUND',
          `Modules ${unknown.map((m) => m.moduleId).join(', ')} are not in this event.`,
        );
      }
      const judgeIds = [...new Set(input.modules.flatMap((m) => m.judgeIds))];
      const judges = await manager.find(User, { where: { id: In(judgeIds) } });
      const notJudges = judgeIds.filter(
        (id) => !judges.some((j) => j.id === id && j.role === 'judge' && j.active),
      );
      if (notJudges.length > 0) {
        throw unprocessable('NOT_A_JUDGE', `Users ${notJudges.join(', ')} are not active judges.`, {
          userIds: notJudges,
        });
      }
      const before = await this.overview(eventId, manager);
      for (const m of input.modules) {
        const current = await manager.find(JudgeAssignment, { where: { moduleId: m.moduleId } });
        const removed = current.filter((a) => !m.judgeIds.includes(a.judgeId));
        if (removed.length > 0) {
          await manager.delete(JudgeAssignment, { id: In(removed.map((a) => a.id)) });
        }
        for (const judgeId of m.judgeIds.filter((id) => !current.some((a) => a.judgeId === id))) {
          await manager.insert(JudgeAssignment, {
            eventId,
            moduleId: m.moduleId,
            judgeId,
            signedAt: null,
          });
        }
      }
      const after = await this.overview(eventId, manager);
      await this.audit.append(manager, {
        actor,
        action: 'assignments.changed',
        entityType: 'event',
        entityId: eventId,
        before,
        after,
      });
      return after;
    });
  }

  /** For organizers and the chief judge: who marks what, who is recused from how many, who covers. */
  async overview(
    eventId: number,
    m: EntityManager = this.uow.reader,
  ): Promise<ModuleAssignmentResponse[]> {
    const [modules, assignments, pieces] = await readAll(m, [
      () => m.find(MarkingModuleRow, { where: { eventId }, order: { position: 'ASC' } }),
      () => m.find(JudgeAssignment, { where: { eventId } }),
      () => this.piecesService.pieces(m, eventId),
    ]);
    const users = await m.find(User, { where: { id: In(assignments.map((a) => a.judgeId)) } });
    return modules.map((module) => {
      const assigned = assignments
        .filter((a) => a.moduleId === module.id)
        .map((a) => ({ a, user: users.find((u) => u.id === a.judgeId)! }));
      const canMark = (unitName: string | null, piece: (typeof pieces)[number]) =>
        !isRecused(unitName, piece);
      return {
        moduleId: module.id,
        code: module.code,
        name: module.name,
        judges: assigned.map(({ a, user }) => {
          const recused = pieces.filter((p) => !canMark(user.unitName, p));
          const coveredBy = assigned
            .filter(
              (o) => o.user.id !== user.id && recused.some((p) => canMark(o.user.unitName, p)),
            )
            .map((o) => o.user.displayName);
          return {
            judgeId: user.id,
            displayName: user.displayName,
            unitName: user.unitName,
            recusedPieces: recused.length,
            coveredBy,
            signedAt: a.signedAt,
          };
        }),
        uncoveredPieces: pieces.filter(
          (p) => !assigned.some(({ user }) => canMark(user.unitName, p)),
        ).length,
      };
    });
  }

  /**
   * The work-piece codes of an event: all of them for the chief judge; for a judge only those of
   * an event they mark in, recused ones left out. Comparing this list with the tablet's must not
   * tell a judge which codes are their own unit's, and an event they do not mark in answers
   * exactly as an unknown one does (the same answer as EventsService.findOr404).
   */
  async workpieces(user: AuthUser, eventId: number): Promise<WorkpieceResponse[]> {
    const m = this.uow.reader;
    await this.competitionEvents.findOr404(m, eventId);
    if (user.role === 'chief_judge') {
      const codes = await m.find(BlindCode, {
        where: { eventId },
        order: { workpieceCode: 'ASC' },
      });
      return codes.map((c) => ({ workpieceCode: c.workpieceCode }));
    }
    if (!(await m.existsBy(JudgeAssignment, { eventId, judgeId: user.id }))) {
      throw notFound('EVENT_NOT_FOUND', `No event with id ${eventId}.`);
    }
    const pieces = await this.piecesService.piecesFor(m, eventId, user.unitName);
    return pieces.map((p) => ({ workpieceCode: p.workpieceCode }));
  }

  /**
   * A judge's tablet: modules to mark, aspects, the work-piece codes (recused ones left out), own
   * marks, and the one agreed value of a measurement or deduction whoever took it (so a second
   * judge sees it rather than an empty cell that conflicts). Events whose results are final are
   * left out: nothing on them can change any more.
   */
  async tasksFor(user: AuthUser): Promise<JudgeTaskResponse[]> {
    const m = this.uow.reader;
    const assignments = await m.find(JudgeAssignment, { where: { judgeId: user.id } });
    const tasks: JudgeTaskResponse[] = [];
    for (const assignment of assignments) {
      const event = await m.findOneByOrFail(CompetitionEvent, { id: assignment.eventId });
      if (event.resultsStatus === 'final') {
        continue;
      }
      const [module, aspects, pieces, moduleMarks, remarks] = await Promise.all([
        m.findOneByOrFail(MarkingModuleRow, { id: assignment.moduleId }),
        m.find(AspectRow, { where: { moduleId: assignment.moduleId }, order: { position: 'ASC' } }),
        this.piecesService.piecesFor(m, assignment.eventId, user.unitName),
        m.find(Mark, { where: { moduleId: assignment.moduleId } }),
        m.find(RemarkRequest, { where: { eventId: assignment.eventId, resolvedAt: IsNull() } }),
      ]);
      const shared = new Set(aspects.filter((a) => a.kind !== 'judgement').map((a) => a.id));
      const mayMark = new Set(pieces.map((p) => p.workpieceCode));
      const marks = moduleMarks.filter(
        (mark) =>
          mark.judgeId === user.id ||
          (shared.has(mark.aspectId) && mayMark.has(mark.workpieceCode)),
      );
      // A request naming a code the judge may not mark (回避, or not of this event) is not shown:
      // it would tell the judge a code of their own unit.
      const mine = remarks.filter(
        (r) =>
          r.judgeIds.includes(user.id) &&
          aspects.some((a) => a.id === r.aspectId) &&
          pieces.some((p) => p.workpieceCode === r.workpieceCode),
      );
      tasks.push({
        eventId: event.id,
        eventName: event.name,
        moduleId: module.id,
        moduleCode: module.code,
        moduleName: module.name,
        lockedAt: module.lockedAt,
        signedAt: assignment.signedAt,
        aspects: aspects.map(toAspectResponse),
        workpieceCodes: event.codesGeneratedAt ? pieces.map((p) => p.workpieceCode) : [],
        marks: marks.map((mark) => ({
          id: mark.id,
          aspectId: mark.aspectId,
          workpieceCode: mark.workpieceCode,
          value: fromHundredths(mark.valueHundredths),
          version: mark.version,
          purpose: mark.purpose,
        })),
        remarks: mine.map((r) => `${r.aspectId}:${r.workpieceCode}`),
        requests: mine.map((r) => ({
          aspectId: r.aspectId,
          workpieceCode: r.workpieceCode,
          reason: r.reason,
          requestedAt: r.requestedAt,
          answered: marks.some(
            (k) =>
              k.aspectId === r.aspectId &&
              k.workpieceCode === r.workpieceCode &&
              k.updatedAt > r.requestedAt,
          ),
        })),
        signatureCleared:
          assignment.signedAt === null && assignment.clearedAt && assignment.clearedCause
            ? {
                cause: assignment.clearedCause,
                reason: assignment.clearedReason ?? '',
                at: assignment.clearedAt,
              }
            : null,
      });
    }
    return tasks;
  }
}

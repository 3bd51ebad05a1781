import { readAll } from '../database/read-all';
import { Injectable } from '@nestjs/common';
import { EntityManager, In, IsNull, Not } from 'typeorm';
import { Actor, personName } from '../audit/actor';
import { AuditService } from '../audit/audit.service';
import { AuthUser, actorOf } from '../auth/auth-user';
import { User } from '../auth/entities/user.entity';
import { conflict, forbidden, notFound } from '../common/errors/app-error';
import { DomainEvents } from '../common/domain-events';
import { lockRow } from '../database/row-lock';
import { nowIso } from '../database/time';
import { UnitOfWork } from '../database/unit-of-work';
import { CompetitionEvent } from '../editions/entities/competition-event.entity';
import { AspectRow } from './entities/aspect.entity';
import { JudgeAssignment } from './entities/assignment.entity';
import { Mark } from './entities/mark.entity';
import { MarkingModuleRow } from './entities/module.entity';
import { RemarkRequest } from './entities/remark-request.entity';
import {
  ModuleNotReadyDetails,
  ModuleProgressResponse as ModuleProgress,
} from './dto/progress.dto';
import { PiecesService } from './pieces.service';
import { isRecused } from './recusal';
import { ScoringService } from './scoring.service';

/** Sign-off by judges, lock and unlock by the chief judge, and the progress that leads there. */
@Injectable()
export class LockService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
    private readonly pieces: PiecesService,
    private readonly scoring: ScoringService,
  ) {}

  async progress(
    eventId: number,
    manager: EntityManager = this.uow.reader,
  ): Promise<ModuleProgress[]> {
    const [modules, aspects, assignments, marks, pieces, scores] = await readAll(manager, [
      () => manager.find(MarkingModuleRow, { where: { eventId }, order: { position: 'ASC' } }),
      () => manager.find(AspectRow, { where: { eventId } }),
      () => manager.find(JudgeAssignment, { where: { eventId } }),
      () => manager.find(Mark, { where: { eventId, purpose: 'primary' } }),
      () => this.pieces.pieces(manager, eventId),
      () => this.scoring.scoreEvent(manager, eventId),
    ]);
    const judges = await manager.findBy(User, {
      id: In([...new Set(assignments.map((a) => a.judgeId))]),
    });
    return modules.map((module) => {
      const moduleAspects = aspects.filter((a) => a.moduleId === module.id);
      const moduleJudges = assignments.filter((a) => a.moduleId === module.id);
      let expected = 0;
      for (const aspect of moduleAspects) {
        if (aspect.kind === 'judgement') {
          for (const a of moduleJudges) {
            const unit = judges.find((j) => j.id === a.judgeId)?.unitName ?? null;
            expected += pieces.filter((p) => !isRecused(unit, p)).length;
          }
        } else {
          expected += pieces.length;
        }
      }
      const aspectIds = new Set(moduleAspects.map((a) => a.id));
      return {
        moduleId: module.id,
        code: module.code,
        name: module.name,
        expected,
        entered: marks.filter((m) => m.moduleId === module.id).length,
        flagged: scores
          .flatMap((s) => s.aspects)
          .filter((o) => aspectIds.has(o.aspectId) && o.flagged).length,
        signed: moduleJudges.filter((a) => a.signedAt !== null).length,
        judges: moduleJudges.length,
        lockedAt: module.lockedAt,
      };
    });
  }

  /** A judge signs their sheet for a module once every piece they may mark has their mark. */
  sign(judge: AuthUser, moduleId: number): Promise<{ signedAt: string }> {
    return this.uow.run(async (manager) => {
      const assignment = await manager.findOneBy(JudgeAssignment, { moduleId, judgeId: judge.id });
      if (!assignment) {
        throw forbidden('NOT_ASSIGNED', 'You are not assigned to this module.');
      }
      if (assignment.signedAt) {
        return { signedAt: assignment.signedAt };
      }
      const aspects = await manager.find(AspectRow, { where: { moduleId, kind: 'judgement' } });
      const pieces = await this.pieces.piecesFor(manager, assignment.eventId, judge.unitName);
      const mine = await manager.find(Mark, {
        where: { moduleId, judgeId: judge.id, purpose: 'primary' },
      });
      const missing =
        aspects.length * pieces.length -
        mine.filter((m) => aspects.some((a) => a.id === m.aspectId)).length;
      if (missing > 0) {
        throw conflict('SHEET_INCOMPLETE', `${missing} marks are still missing from your sheet.`, {
          missing,
        });
      }
      const signedAt = nowIso();
      await manager.update(
        JudgeAssignment,
        { id: assignment.id },
        { signedAt, clearedAt: null, clearedCause: null, clearedReason: null },
      );
      await this.audit.append(manager, {
        actor: actorOf(judge),
        action: 'sheet.signed',
        entityType: 'module',
        entityId: moduleId,
        after: { signedAt },
      });
      return { signedAt };
    });
  }

  /** The chief judge locks a module when every mark is in, every sheet signed, no flag open. */
  async lock(actor: Actor, moduleId: number): Promise<ModuleProgress> {
    const { module, resultsLocked, at } = await this.uow.run(async (manager) => {
      const module = await this.findModuleLocked(manager, moduleId);
      if (module.lockedAt) {
        throw conflict('MODULE_ALREADY_LOCKED', 'The module is already locked.');
      }
      const progress = (await this.progress(module.eventId, manager)).find(
        (p) => p.moduleId === moduleId,
      )!;
      const problems: ModuleNotReadyDetails = {
        missing: progress.expected - progress.entered,
        unsigned: progress.judges - progress.signed,
        flagged: progress.flagged,
        judges: progress.judges,
      };
      if (
        problems.judges === 0 ||
        problems.missing > 0 ||
        problems.unsigned > 0 ||
        problems.flagged > 0
      ) {
        throw conflict('MODULE_NOT_READY', 'The module cannot be locked yet.', problems);
      }
      const at = nowIso();
      await manager.update(
        MarkingModuleRow,
        { id: moduleId },
        { lockedAt: at, lockedBy: personName(actor) },
      );
      await manager.update(
        RemarkRequest,
        { eventId: module.eventId, resolvedAt: IsNull() },
        { resolvedAt: at },
      );
      await this.audit.append(manager, {
        actor,
        action: 'module.locked',
        entityType: 'module',
        entityId: moduleId,
        after: { lockedAt: at },
      });
      const open = await manager.countBy(MarkingModuleRow, {
        eventId: module.eventId,
        lockedAt: IsNull(),
      });
      if (open === 0) {
        await manager.update(CompetitionEvent, { id: module.eventId }, { resultsLockedAt: at });
        await this.audit.append(manager, {
          actor,
          action: 'results.locked',
          entityType: 'event',
          entityId: module.eventId,
          after: { resultsLockedAt: at },
        });
      }
      return { module, resultsLocked: open === 0, at };
    });
    this.events.emit('module.locked', {
      eventId: module.eventId,
      moduleId,
      moduleCode: module.code,
      at,
    });
    if (resultsLocked) {
      this.events.emit('results.locked', { eventId: module.eventId, at });
    }
    return (await this.progress(module.eventId)).find((p) => p.moduleId === moduleId)!;
  }

  /** Only the chief judge, only with a reason: sheets reopen and the results are no longer locked. */
  async unlock(actor: Actor, moduleId: number, reason: string): Promise<ModuleProgress> {
    const { module, at } = await this.uow.run(async (manager) => {
      const module = await this.findModuleLocked(manager, moduleId);
      if (!module.lockedAt) {
        throw conflict('MODULE_NOT_LOCKED', 'The module is not locked.');
      }
      const event = await manager.findOneByOrFail(CompetitionEvent, { id: module.eventId });
      if (event.resultsStatus === 'final') {
        throw conflict('RESULTS_FINAL', 'The results are final; nothing about the event changes.');
      }
      const at = nowIso();
      await manager.update(MarkingModuleRow, { id: moduleId }, { lockedAt: null, lockedBy: null });
      await manager.update(
        JudgeAssignment,
        { moduleId, signedAt: Not(IsNull()) },
        { signedAt: null, clearedAt: at, clearedCause: 'unlock', clearedReason: reason },
      );
      // The results computed before no longer count: a finalize needs them computed again.
      await manager.update(
        CompetitionEvent,
        { id: module.eventId },
        { resultsLockedAt: null, resultsComputedAt: null },
      );
      await this.audit.append(manager, {
        actor,
        action: 'module.unlocked',
        entityType: 'module',
        entityId: moduleId,
        before: { lockedAt: module.lockedAt, lockedBy: module.lockedBy },
        after: { lockedAt: null },
        reason,
      });
      return { module, at };
    });
    this.events.emit('module.unlocked', {
      eventId: module.eventId,
      moduleId,
      moduleCode: module.code,
      at,
      reason,
    });
    return (await this.progress(module.eventId)).find((p) => p.moduleId === moduleId)!;
  }

  /**
   * Lock and unlock of one event's modules run one after the other (PostgreSQL: the event row
   * is locked), so a double click unlocks once and two modules locked at once still lock the
   * results; the module is read again after the lock is held.
   */
  private async findModuleLocked(
    manager: EntityManager,
    moduleId: number,
  ): Promise<MarkingModuleRow> {
    const { eventId } = await this.findModule(manager, moduleId);
    await lockRow(manager, CompetitionEvent, eventId);
    return this.findModule(manager, moduleId);
  }

  private async findModule(manager: EntityManager, moduleId: number): Promise<MarkingModuleRow> {
    const module = await manager.findOneBy(MarkingModuleRow, { id: moduleId });
    if (!module) {
      throw notFound('MODULE_NOT_FOUND', `No module with id ${moduleId}.`);
    }
    return module;
  }
}

import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor, personName } from '../audit/actor';
import { AuditService } from '../audit/audit.service';
import { AuthUser } from '../auth/auth-user';
import { User } from '../auth/entities/user.entity';
import { conflict, forbidden, notFound } from '../common/errors/app-error';
import { lockRow } from '../database/row-lock';
import { nowIso } from '../database/time';
import { UnitOfWork } from '../database/unit-of-work';
import { Entry } from '../registration/entities/entry.entity';
import { Appeal } from './entities/appeal.entity';
import { EventsService } from '../editions/events.service';

/** 申诉: filed before the deadline while the results are published; the supervisor decides. */
@Injectable()
export class AppealsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly events: EventsService,
  ) {}

  list(eventId: number): Promise<Appeal[]> {
    return this.uow.reader.find(Appeal, { where: { eventId }, order: { id: 'ASC' } });
  }

  /** The appeals an account filed itself (a contestant's own, for /me). */
  filedBy(userId: number): Promise<Appeal[]> {
    return this.uow.reader.find(Appeal, { where: { filedById: userId }, order: { id: 'ASC' } });
  }

  file(user: AuthUser, eventId: number, text: string): Promise<Appeal> {
    return this.uow.run(async (manager) => {
      const event = await this.events.findOr404(manager, eventId);
      if (user.role === 'contestant') {
        await this.checkOwnEvent(manager, user.id, eventId);
      }
      if (event.resultsStatus === 'final') {
        throw conflict('RESULTS_FINAL', 'The results are final; appeals are closed.');
      }
      if (event.resultsStatus !== 'published' || !event.appealDeadline) {
        throw conflict('RESULTS_NOT_PUBLISHED', 'Appeals are filed against published results.');
      }
      const now = nowIso();
      if (now > event.appealDeadline) {
        throw conflict('APPEAL_DEADLINE_PASSED', `Appeals closed at ${event.appealDeadline}.`);
      }
      const appeal = manager.create(Appeal, {
        eventId,
        filedById: user.id,
        filedByName: user.displayName,
        text,
        filedAt: now,
        status: 'filed',
        decision: null,
        decidedBy: null,
        decidedAt: null,
      });
      await manager.save(appeal);
      await this.audit.append(manager, {
        actor: { id: user.id, name: user.username, role: user.role },
        action: 'appeal.filed',
        entityType: 'appeal',
        entityId: appeal.id,
        after: appeal,
      });
      return appeal;
    });
  }

  /** A contestant appeals only where they have an entry; organizers file for anyone. */
  private async checkOwnEvent(
    manager: EntityManager,
    userId: number,
    eventId: number,
  ): Promise<void> {
    const account = await manager.findOneBy(User, { id: userId });
    const contestantId = account?.contestantId ?? null;
    if (contestantId === null || !(await manager.existsBy(Entry, { eventId, contestantId }))) {
      throw forbidden(
        'NOT_YOUR_EVENT',
        'A contestant appeals only against the results of an event they entered.',
      );
    }
  }

  /**
   * Arbitration's ruling is final. An accepted appeal is carried out through the chief judge:
   * unlock the module with the appeal as reason, correct the marks, lock, recompute the results.
   */
  decide(actor: Actor, appealId: number, accept: boolean, decision: string): Promise<Appeal> {
    return this.uow.run(async (manager) => {
      // Locked: accept and reject sent at once are decided one after the other; the second
      // finds the appeal decided.
      const appeal = await lockRow(manager, Appeal, appealId);
      if (!appeal) {
        throw notFound('APPEAL_NOT_FOUND', `No appeal with id ${appealId}.`);
      }
      if (appeal.status !== 'filed') {
        throw conflict('APPEAL_DECIDED', `The appeal was already ${appeal.status}.`);
      }
      const before = { status: appeal.status };
      Object.assign(appeal, {
        status: accept ? 'accepted' : 'rejected',
        decision,
        decidedBy: personName(actor),
        decidedAt: nowIso(),
      });
      await manager.save(appeal);
      await this.audit.append(manager, {
        actor,
        action: `appeal.${appeal.status}`,
        entityType: 'appeal',
        entityId: appealId,
        before,
        after: { status: appeal.status, decision },
        reason: decision,
      });
      return appeal;
    });
  }
}

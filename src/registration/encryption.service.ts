import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomInt } from 'node:crypto';
import { Repository } from 'typeorm';
import { Actor } from '../audit/actor';
import { AuditService } from '../audit/audit.service';
import { actorOf, AuthUser } from '../auth/auth-user';
import { AuthService } from '../auth/auth.service';
import { conflict, forbidden, unprocessable } from '../common/errors/app-error';
import { DomainEvents } from '../common/domain-events';
import { nowIso } from '../database/time';
import { UnitOfWork } from '../database/unit-of-work';
import { uniqueCodes } from '../domain/draw';
import { DecryptResponse } from './dto/check-in.dto';
import { BlindCode } from './entities/blind-code.entity';
import { Entry } from './entities/entry.entity';
import { CompetitionEvent } from '../editions/entities/competition-event.entity';
import { EventsService } from '../editions/events.service';
import { CodeMapRowResponse as CodeMapRow } from './dto/draw.dto';

const CODE_LENGTH = 5;
const MAP_READERS_AFTER_DECRYPTION = ['admin', 'organizer', 'chief_judge', 'supervisor'];

/** 加密: the two-layer code map, sealed until the results are locked and decrypted. */
@Injectable()
export class EncryptionService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly competitionEvents: EventsService,
    private readonly events: DomainEvents,
    private readonly auth: AuthService,
    @InjectRepository(BlindCode) private readonly codes: Repository<BlindCode>,
  ) {}

  /** First layer (entry → check-in code) and second layer (check-in code → work-piece code). */
  generate(actor: Actor, eventId: number): Promise<{ generated: number }> {
    return this.uow.run(async (manager) => {
      const event = await this.competitionEvents.findOr404(manager, eventId);
      if (event.codesGeneratedAt) {
        throw conflict('CODES_ALREADY_GENERATED', 'The codes of this event are already generated.');
      }
      const approved = await manager.find(Entry, { where: { eventId, status: 'approved' } });
      if (approved.length === 0 || approved.some((e) => e.workstationNo === null)) {
        throw conflict('NOT_DRAWN', 'Draw the workstations before generating codes.');
      }
      const pending = approved.filter((e) => e.checkInStatus === null);
      if (pending.length > 0) {
        throw conflict('CHECK_IN_INCOMPLETE', `${pending.length} entries are not checked in yet.`, {
          entryNos: pending.map((e) => e.entryNo),
        });
      }
      const present = approved.filter((e) => e.checkInStatus === 'present');
      const firstLayer = uniqueCodes(present.length, CODE_LENGTH, randomInt, 'C');
      const secondLayer = uniqueCodes(present.length, CODE_LENGTH, randomInt, 'W');
      const now = nowIso();
      await manager.insert(
        BlindCode,
        present.map((entry, i) => ({
          entryId: entry.id,
          eventId,
          checkInCode: firstLayer[i],
          workpieceCode: secondLayer[i],
          createdAt: now,
        })),
      );
      await manager.update(CompetitionEvent, { id: eventId }, { codesGeneratedAt: now });
      // The audit row records that the map exists and how big it is, never the map itself.
      await this.audit.append(manager, {
        actor,
        action: 'codes.generated',
        entityType: 'event',
        entityId: eventId,
        after: { codes: present.length, absent: approved.length - present.length },
      });
      return { generated: present.length };
    });
  }

  /** The encryption judge holds the map; others see it only after decryption; judges never. */
  async codeMap(user: AuthUser, eventId: number): Promise<CodeMapRow[]> {
    const event = await this.competitionEvents.findOr404(this.codes.manager, eventId);
    const allowed =
      user.role === 'encryption_judge' ||
      (event.decryptedAt !== null && MAP_READERS_AFTER_DECRYPTION.includes(user.role));
    if (!allowed) {
      throw forbidden(
        'CODE_MAP_SEALED',
        'The code map is sealed until the results are locked and decrypted.',
      );
    }
    const rows = await this.codes
      .createQueryBuilder('code')
      .innerJoin(Entry, 'entry', 'entry.id = code.entryId')
      .innerJoin('entry.contestant', 'contestant')
      .innerJoin('contestant.unit', 'unit')
      .select([
        'entry.entryNo AS "entryNo"',
        'entry.workstationNo AS "workstationNo"',
        'code.checkInCode AS "checkInCode"',
        'code.workpieceCode AS "workpieceCode"',
        'contestant.name AS "name"',
        'unit.name AS "unitName"',
      ])
      .where('code.eventId = :eventId', { eventId })
      .orderBy('entry.workstationNo', 'ASC')
      .getRawMany<CodeMapRow>();
    // Before decryption even the encryption judge works with numbers and codes, not names.
    return event.decryptedAt ? rows : rows.map(({ name: _n, unitName: _u, ...codes }) => codes);
  }

  /**
   * 解密 by two people once the event's results are locked: the chief judge opens it and the
   * supervisor confirms with their own credentials; both are kept on the event and in the log.
   */
  async decrypt(
    chief: AuthUser,
    eventId: number,
    credentials: { supervisorUsername: string; supervisorPassword: string },
    address: string,
  ): Promise<DecryptResponse> {
    // Checked before anything else is read: a wrong password is answered the same for any event.
    const supervisor = await this.auth.confirmIdentity(
      credentials.supervisorUsername,
      credentials.supervisorPassword,
      address,
    );
    if (supervisor.role !== 'supervisor') {
      throw unprocessable(
        'SUPERVISOR_ROLE_REQUIRED',
        'Decryption is confirmed by a supervisor (监督仲裁) account.',
      );
    }
    const result = await this.uow.run(async (manager) => {
      const event = await this.competitionEvents.findOr404(manager, eventId);
      if (!event.codesGeneratedAt) {
        throw conflict('CODES_NOT_GENERATED', 'There is no code map to decrypt.');
      }
      if (!event.resultsLockedAt) {
        throw conflict(
          'RESULTS_NOT_LOCKED',
          'Decryption waits until the chief judge locks the results.',
        );
      }
      if (event.decryptedAt) {
        throw conflict('ALREADY_DECRYPTED', 'The event is already decrypted.');
      }
      const decryptedAt = nowIso();
      const people = {
        chief: { id: chief.id, username: chief.username, name: chief.displayName },
        supervisor: {
          id: supervisor.id,
          username: supervisor.username,
          name: supervisor.displayName,
        },
      };
      // People by name on every sheet (the audit row keeps both accounts).
      const decryptedBy = `裁判长 ${chief.displayName}；监督仲裁 ${supervisor.displayName}`;
      await manager.update(
        CompetitionEvent,
        { id: eventId },
        { decryptedAt, decryptedBy: decryptedBy.slice(0, 200) },
      );
      await this.audit.append(manager, {
        actor: actorOf(chief),
        action: 'codes.decrypted',
        entityType: 'event',
        entityId: eventId,
        after: { decryptedAt, ...people },
      });
      await this.audit.append(manager, {
        actor: { id: supervisor.id, name: supervisor.username, role: 'supervisor' },
        action: 'codes.decryption.confirmed',
        entityType: 'event',
        entityId: eventId,
        after: { decryptedAt, ...people },
      });
      return {
        decryptedAt,
        chief: { id: chief.id, name: chief.displayName },
        supervisor: { id: supervisor.id, name: supervisor.displayName },
      };
    });
    this.events.emit('event.decrypted', { eventId, at: result.decryptedAt });
    return result;
  }
}

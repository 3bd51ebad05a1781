import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { Actor } from '../audit/actor';
import { AuditService } from '../audit/audit.service';
import { badRequest, conflict, notFound } from '../common/errors/app-error';
import { nowIso } from '../database/time';
import { UnitOfWork } from '../database/unit-of-work';
import { parseIdNumber } from '../domain/id-number';
import { EntryResponse, toEntryResponse } from './dto/entry.dto';
import { CheckInDto } from './dto/check-in.dto';
import { Contestant } from './entities/contestant.entity';
import { Entry } from './entities/entry.entity';
import { EventsService } from '../editions/events.service';

/** 检录: identity checked at the door, by ID number or entry number; late arrivals flagged. */
@Injectable()
export class CheckInService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly competitionEvents: EventsService,
    @InjectRepository(Entry) private readonly entries: Repository<Entry>,
  ) {}

  /** The event's approved entries in workstation order, for the check-in desk. */
  async roster(eventId: number): Promise<EntryResponse[]> {
    const rows = await this.entries.find({
      where: { eventId, status: 'approved' },
      relations: { contestant: { unit: true } },
      order: { workstationNo: 'ASC', entryNo: 'ASC' },
    });
    return rows.map((e) => toEntryResponse(e, true));
  }

  checkIn(actor: Actor, eventId: number, input: CheckInDto): Promise<EntryResponse> {
    return this.uow.run(async (manager) => {
      const event = await this.competitionEvents.findOr404(manager, eventId);
      if (event.codesGeneratedAt) {
        throw conflict('CODES_ALREADY_GENERATED', 'Check-in is closed: the codes are generated.');
      }
      const entry = await this.findEntry(manager, eventId, input);
      if (entry.status !== 'approved') {
        throw conflict('ENTRY_NOT_APPROVED', `The entry is ${entry.status}, not approved.`);
      }
      if (entry.workstationNo === null) {
        throw conflict('NOT_DRAWN', 'Draw the workstations before check-in.');
      }
      const now = nowIso();
      const before = {
        checkInStatus: entry.checkInStatus,
        checkedInAt: entry.checkedInAt,
        late: entry.late,
      };
      entry.checkInStatus = input.status;
      entry.checkedInAt = input.status === 'present' ? now : null;
      entry.late =
        input.status === 'present' && event.checkInClosesAt !== null && now > event.checkInClosesAt;
      entry.updatedAt = now;
      await manager.update(
        Entry,
        { id: entry.id },
        {
          checkInStatus: entry.checkInStatus,
          checkedInAt: entry.checkedInAt,
          late: entry.late,
          updatedAt: now,
        },
      );
      await this.audit.append(manager, {
        actor,
        action: `entry.check-in.${input.status}`,
        entityType: 'entry',
        entityId: entry.id,
        before,
        after: {
          checkInStatus: entry.checkInStatus,
          checkedInAt: entry.checkedInAt,
          late: entry.late,
        },
      });
      return toEntryResponse(entry, true);
    });
  }

  private async findEntry(
    manager: EntityManager,
    eventId: number,
    input: CheckInDto,
  ): Promise<Entry> {
    if (!input.idNumber === !input.entryNo) {
      throw badRequest('VALIDATION_FAILED', 'Give either the ID number or the entry number.', [
        { field: 'idNumber', messages: ['give exactly one of idNumber and entryNo'] },
      ]);
    }
    let entry: Entry | null = null;
    if (input.entryNo) {
      entry = await manager.findOne(Entry, {
        where: { eventId, entryNo: input.entryNo },
        relations: { contestant: { unit: true } },
      });
    } else {
      const parsed = parseIdNumber(input.idNumber ?? '');
      const contestant = parsed.ok
        ? await manager.findOneBy(Contestant, { idNumber: parsed.value.normalized })
        : null;
      entry = contestant
        ? await manager.findOne(Entry, {
            where: { eventId, contestantId: contestant.id },
            relations: { contestant: { unit: true } },
          })
        : null;
    }
    if (!entry) {
      throw notFound(
        'ENTRY_NOT_FOUND',
        'No entry in this event for that ID number or entry number.',
      );
    }
    return entry;
  }
}

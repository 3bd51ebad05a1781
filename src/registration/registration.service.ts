import { Injectable } from '@nestjs/common';
import { EntityManager, In, Not } from 'typeorm';
import { Actor } from '../audit/actor';
import { AuditService } from '../audit/audit.service';
import { fieldProblem } from '../common/errors/validation';
import type { ErrorCode } from '../common/errors/catalogue';
import { AppError } from '../common/errors/app-error';
import { nowIso } from '../database/time';
import { UnitOfWork } from '../database/unit-of-work';
import { parseIdNumber } from '../domain/id-number';
import { checkPersonName } from '../domain/names';
import { CompetitionEvent } from '../editions/entities/competition-event.entity';
import { Edition } from '../editions/entities/edition.entity';
import { ContestantInput } from './dto/contestant.dto';
import { EntryResponse, SubmitEntryDto, toEntryResponse } from './dto/entry.dto';
import { Contestant } from './entities/contestant.entity';
import { Entry } from './entities/entry.entity';
import { Unit } from './entities/unit.entity';
import { lastEntryNumbers } from './entry-numbers';
import { lockEditionOf } from './registration-lock';
import {
  checkEligible,
  contestantFields,
  duplicateEntry,
  entryNumber,
  newEntryFields,
} from './submission-rules';

const LIVE = Not(In(['rejected', 'withdrawn']));

/** An error about one field of the submitted contestant: the import maps it to a sheet column. */
export function fieldError(
  status: number,
  code: ErrorCode,
  field: string,
  message: string,
  params?: Record<string, unknown>,
): AppError {
  return new AppError(status, code, message, [fieldProblem(field, code, message, params)], params);
}

/** Who a submission names, as the rules read it: the name checked, the ID number parsed. */
export interface Person {
  name: string;
  idNumber: string;
  birthDate: string;
  gender: 'male' | 'female';
}

interface Vetted {
  event: CompetitionEvent;
  edition: Edition;
  person: Person;
  existing: Contestant | null;
}

export function personOf(input: ContestantInput): Person {
  const name = checkPersonName(input.name);
  if (!name.ok) {
    throw fieldError(422, 'NAME_INVALID', 'contestant.name', name.message);
  }
  const parsed = parseIdNumber(input.idNumber);
  if (!parsed.ok) {
    throw fieldError(422, parsed.code, 'idNumber', parsed.message, parsed.params);
  }
  const { normalized, birthDate, gender } = parsed.value;
  if (input.gender !== undefined && input.gender !== gender) {
    throw fieldError(
      422,
      'ID_GENDER_MISMATCH',
      'gender',
      'The gender does not match the ID number.',
    );
  }
  if (input.birthDate !== undefined && input.birthDate !== birthDate) {
    throw fieldError(
      422,
      'ID_BIRTH_DATE_MISMATCH',
      'birthDate',
      'The birth date does not match the ID number.',
    );
  }
  return { name: name.value, idNumber: normalized, birthDate, gender };
}

/**
 * Submitting an entry: the person (matched by ID number across editions), their unit, and the
 * entry, checked against every eligibility rule of the event. Used by the form and the import.
 */
@Injectable()
export class RegistrationService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
  ) {}

  submit(actor: Actor, input: SubmitEntryDto): Promise<EntryResponse> {
    return this.uow.run((manager) => this.submitIn(manager, actor, input));
  }

  /**
   * Every check of a submission, reading only: the event, the name and ID number, a duplicate
   * entry, every eligibility rule. The import's dry run calls this alone, outside any write
   * transaction (on SQLite one dry run would otherwise hold the single write queue for seconds);
   * `teamMembersInSheet` counts the team's rows already vetted in the same sheet.
   */
  async vet(
    manager: EntityManager,
    input: SubmitEntryDto,
    teamMembersInSheet = 0,
  ): Promise<Vetted> {
    const event = await manager.findOneBy(CompetitionEvent, { id: input.eventId });
    if (!event) {
      throw fieldError(404, 'EVENT_NOT_FOUND', 'eventId', `No event with id ${input.eventId}.`);
    }
    const edition = await manager.findOneByOrFail(Edition, { id: event.editionId });
    const person = personOf(input.contestant);
    const existing = await manager.findOneBy(Contestant, { idNumber: person.idNumber });
    if (
      existing &&
      (await manager.existsBy(Entry, { eventId: event.id, contestantId: existing.id }))
    ) {
      throw duplicateEntry(person);
    }
    checkEligible(event, edition, input, person, {
      otherEntriesInEdition: existing
        ? await manager.countBy(Entry, {
            editionId: edition.id,
            contestantId: existing.id,
            status: LIVE,
          })
        : 0,
      teamMembersBefore:
        input.teamNo === undefined
          ? 0
          : teamMembersInSheet +
            (await manager.countBy(Entry, {
              eventId: event.id,
              teamNo: input.teamNo,
              status: LIVE,
            })),
    });
    return { event, edition, person, existing };
  }

  async submitIn(
    manager: EntityManager,
    actor: Actor,
    input: SubmitEntryDto,
  ): Promise<EntryResponse> {
    await lockEditionOf(manager, input.eventId);
    const { event, edition, person, existing } = await this.vet(manager, input);
    const contestant = await this.upsertContestant(
      manager,
      actor,
      input.contestant,
      person,
      existing,
    );
    const now = nowIso();
    const entry = manager.create(
      Entry,
      newEntryFields(
        { editionId: edition.id, eventId: event.id, contestantId: contestant.id },
        await this.nextEntryNo(manager, edition, event),
        input,
        now,
      ),
    );
    await manager.save(entry);
    entry.contestant = contestant;
    const response = toEntryResponse(entry, true);
    await this.audit.append(manager, {
      actor,
      action: 'entry.submitted',
      entityType: 'entry',
      entityId: entry.id,
      after: { ...response, contestant: { id: contestant.id } },
    });
    return response;
  }

  private async upsertContestant(
    manager: EntityManager,
    actor: Actor,
    input: ContestantInput,
    person: Person,
    existing: Contestant | null,
  ): Promise<Contestant> {
    const unit = await this.unitNamed(manager, actor, input.unitName);
    const fields = contestantFields(input, person, unit.id);
    const now = nowIso();
    if (existing) {
      // One person across editions: a new entry refreshes what the unit reported this time.
      const before = { ...existing };
      Object.assign(existing, fields, { updatedAt: now });
      await manager.save(existing);
      await this.audit.append(manager, {
        actor,
        action: 'contestant.updated',
        entityType: 'contestant',
        entityId: existing.id,
        before: { ...before, idNumber: undefined },
        after: { ...existing, idNumber: undefined },
      });
      return existing;
    }
    const created = manager.create(Contestant, {
      ...fields,
      idNumber: person.idNumber,
      createdAt: now,
      updatedAt: now,
    });
    await manager.save(created);
    await this.audit.append(manager, {
      actor,
      action: 'contestant.created',
      entityType: 'contestant',
      entityId: created.id,
      after: { ...created, idNumber: undefined },
    });
    return created;
  }

  async unitNamed(manager: EntityManager, actor: Actor, name: string): Promise<Unit> {
    const trimmed = name.trim();
    const found = await manager.findOneBy(Unit, { name: trimmed });
    if (found) {
      return found;
    }
    const now = nowIso();
    const unit = manager.create(Unit, {
      name: trimmed,
      contact: null,
      phone: null,
      createdAt: now,
      updatedAt: now,
    });
    await manager.save(unit);
    await this.audit.append(manager, {
      actor,
      action: 'unit.created',
      entityType: 'unit',
      entityId: unit.id,
      after: unit,
    });
    return unit;
  }

  /** 报名号: edition year, event id, and a running number within the event: 2025-03-007. */
  private async nextEntryNo(
    manager: EntityManager,
    edition: Edition,
    event: CompetitionEvent,
  ): Promise<string> {
    const last = (await lastEntryNumbers(manager, [event.id])).get(event.id) ?? 0;
    return entryNumber(edition.year, event.id, last + 1);
  }
}

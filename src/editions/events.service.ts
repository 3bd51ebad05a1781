import { scoringFieldsChanged } from '../domain/final';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { Actor } from '../audit/actor';
import { AuditService } from '../audit/audit.service';
import { conflict, notFound, unprocessable } from '../common/errors/app-error';
import { lockRow } from '../database/row-lock';
import { nowIso } from '../database/time';
import { UnitOfWork } from '../database/unit-of-work';
import { weightsAreValid } from '../domain/competition';
import { validateEventRules, type EventRuleSet } from '../domain/event-rules';
import { MarkingModuleRow } from '../judging/entities/module.entity';
import { CreateEventDto, EventResponse, toEventResponse, UpdateEventDto } from './dto/event.dto';
import { EventRulesDto, toEventRuleSet } from './dto/event-rules.dto';
import { EditionsService } from './editions.service';
import { CompetitionEvent } from './entities/competition-event.entity';
import { Draw } from '../registration/entities/draw.entity';
import { Entry } from '../registration/entities/entry.entity';

@Injectable()
export class EventsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly editions: EditionsService,
    @InjectRepository(CompetitionEvent) private readonly events: Repository<CompetitionEvent>,
  ) {}

  /** The public sees the published events of a visible edition; organizers see all. */
  async listForEdition(editionId: number, includeDrafts: boolean): Promise<EventResponse[]> {
    await this.editions.findVisible(this.events.manager, editionId, includeDrafts);
    const rows = await this.events.find({
      where: { editionId, ...(includeDrafts ? {} : { status: 'published' as const }) },
      order: { id: 'ASC' },
    });
    return rows.map(toEventResponse);
  }

  async get(id: number, includeDrafts: boolean): Promise<EventResponse> {
    const event = await this.events.findOneBy({ id });
    if (!event || (!includeDrafts && event.status !== 'published')) {
      throw notFound('EVENT_NOT_FOUND', `No event with id ${id}.`);
    }
    await this.editions.findVisible(this.events.manager, event.editionId, includeDrafts);
    return toEventResponse(event);
  }

  create(actor: Actor, editionId: number, input: CreateEventDto): Promise<EventResponse> {
    return this.uow.run(async (manager) => {
      await this.editions.findVisible(manager, editionId, true);
      assertWeights(input.theoryWeight, input.practicalWeight);
      const rules = input.rules ? checkedRules(input.rules, null) : null;
      await this.assertUnique(manager, editionId, input.occupation, input.group);
      const now = nowIso();
      const event = manager.create(CompetitionEvent, {
        editionId,
        occupation: input.occupation,
        name: input.name,
        level: input.level,
        contestantGroup: input.group,
        mode: input.mode,
        theoryWeight: input.theoryWeight,
        practicalWeight: input.practicalWeight,
        status: input.status ?? 'draft',
        eligibility: input.eligibility ?? null,
        checkInClosesAt: input.checkInClosesAt ?? null,
        codesGeneratedAt: null,
        resultsLockedAt: null,
        decryptedAt: null,
        decryptedBy: null,
        liveVisibility: input.liveVisibility ?? 'locked-modules',
        freezeAt: input.freezeAt ?? null,
        unfrozenAt: null,
        resultsPublishedAt: null,
        resultsStatus: 'none',
        publicationStart: null,
        publicationEnd: null,
        appealDeadline: null,
        finalAt: null,
        rules,
        createdAt: now,
        updatedAt: now,
      });
      await manager.save(event);
      const after = toEventResponse(event);
      await this.audit.append(manager, {
        actor,
        action: 'event.created',
        entityType: 'event',
        entityId: event.id,
        after,
      });
      return after;
    });
  }

  update(actor: Actor, id: number, input: UpdateEventDto): Promise<EventResponse> {
    return this.uow.run(async (manager) => {
      const event = await this.findOr404(manager, id);
      const before = toEventResponse(event);
      const frozen = scoringFieldsChanged({ ...before }, { ...input });
      if (event.resultsStatus === 'final' && frozen.length > 0) {
        throw conflict(
          'RESULTS_FINAL',
          `The results are final; ${frozen.join(', ')} can no longer change.`,
          { fields: frozen },
        );
      }
      const { group, rules, ...fields } = input;
      Object.assign(event, fields, group === undefined ? {} : { contestantGroup: group });
      assertWeights(event.theoryWeight, event.practicalWeight);
      const weightsChanged =
        event.theoryWeight !== before.theoryWeight ||
        event.practicalWeight !== before.practicalWeight;
      if (rules !== undefined || weightsChanged) {
        assertRulesOpen(event);
      }
      if (rules !== undefined) {
        event.rules = checkedRules(rules, await moduleCodes(manager, id));
      }
      if (event.occupation !== before.occupation || event.contestantGroup !== before.group) {
        await this.assertUnique(manager, event.editionId, event.occupation, event.contestantGroup);
      }
      event.updatedAt = nowIso();
      await manager.save(event);
      const after = toEventResponse(event);
      await this.audit.append(manager, {
        actor,
        action: 'event.updated',
        entityType: 'event',
        entityId: id,
        before,
        after,
      });
      return after;
    });
  }

  remove(actor: Actor, id: number): Promise<void> {
    return this.uow.run(async (manager) => {
      const event = await this.findOr404(manager, id);
      // Entries (withdrawn ones too) and draws point at the event: they are its history.
      if (
        (await manager.existsBy(Entry, { eventId: id })) ||
        (await manager.existsBy(Draw, { eventId: id }))
      ) {
        throw conflict(
          'EVENT_HAS_ENTRIES',
          'The event has entries; withdraw or reject them instead of deleting the event.',
        );
      }
      await manager.delete(CompetitionEvent, { id });
      await this.audit.append(manager, {
        actor,
        action: 'event.deleted',
        entityType: 'event',
        entityId: id,
        before: toEventResponse(event),
      });
    });
  }

  /**
   * The event, drafts included, read through `manager` (a transaction's, or the reader): every
   * feature finds an event here, and an unknown id answers 404 EVENT_NOT_FOUND the same way.
   */
  async findOr404(manager: EntityManager, id: number): Promise<CompetitionEvent> {
    const event = await manager.findOneBy(CompetitionEvent, { id });
    if (!event) {
      throw notFound('EVENT_NOT_FOUND', `No event with id ${id}.`);
    }
    return event;
  }

  /**
   * The event locked for a state transition (src/database/row-lock.ts): concurrent transitions
   * of one event run one after the other. An unknown id answers 404 EVENT_NOT_FOUND.
   */
  async lockOr404(manager: EntityManager, id: number): Promise<CompetitionEvent> {
    const event = await lockRow(manager, CompetitionEvent, id);
    if (!event) {
      throw notFound('EVENT_NOT_FOUND', `No event with id ${id}.`);
    }
    return event;
  }

  private async assertUnique(
    manager: EntityManager,
    editionId: number,
    occupation: string,
    contestantGroup: CompetitionEvent['contestantGroup'],
  ): Promise<void> {
    if (await manager.existsBy(CompetitionEvent, { editionId, occupation, contestantGroup })) {
      throw conflict(
        'EVENT_DUPLICATE',
        `The edition already has ${occupation} in the ${contestantGroup} group.`,
      );
    }
  }
}

/** The codes of the event's scheme, for a tie-break chain that names a module. */
export async function moduleCodes(manager: EntityManager, eventId: number): Promise<string[]> {
  const modules = await manager.find(MarkingModuleRow, { where: { eventId } });
  return modules.map((m) => m.code);
}

function checkedRules(dto: EventRulesDto, modules: string[] | null): EventRuleSet {
  const rules = toEventRuleSet(dto);
  validateEventRules(rules, modules);
  return rules;
}

/**
 * Rules and weights are frozen once results exist: a change then goes through
 * PUT /events/{id}/rules (the chief judge, a reason, a recompute), and none once final.
 */
function assertRulesOpen(event: CompetitionEvent): void {
  if (event.resultsStatus === 'final') {
    throw conflict(
      'RESULTS_FINAL',
      'The results are final; the rules of the event no longer change.',
    );
  }
  if (event.resultsStatus !== 'none') {
    throw conflict(
      'RULES_FROZEN',
      'Results have been computed: the chief judge changes the rules with a reason, and they are recomputed.',
      { resultsStatus: event.resultsStatus },
    );
  }
}

function assertWeights(theoryWeight: number, practicalWeight: number): void {
  if (!weightsAreValid(theoryWeight, practicalWeight)) {
    throw unprocessable(
      'WEIGHTS_INVALID',
      `Theory and practical weights must add up to 100 (got ${theoryWeight} + ${practicalWeight}).`,
      { theoryWeight, practicalWeight },
    );
  }
}

import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { Actor } from '../audit/actor';
import { AuditService } from '../audit/audit.service';
import { badRequest, conflict, notFound, unprocessable } from '../common/errors/app-error';
import { PolicyRow } from '../policies/policy.entity';
import { nowIso } from '../database/time';
import { UnitOfWork } from '../database/unit-of-work';
import { breaksCadence, FIRST_EDITION_YEAR } from '../domain/competition';
import {
  CreateEditionDto,
  EditionResponse,
  EditionWriteResponse,
  toEditionResponse,
  UpdateEditionDto,
  WarningResponse,
} from './dto/edition.dto';
import { CompetitionEvent } from './entities/competition-event.entity';
import { Entry } from '../registration/entities/entry.entity';
import { Edition } from './entities/edition.entity';

function warningsFor(edition: Edition): WarningResponse[] {
  return breaksCadence(edition.year)
    ? [
        {
          code: 'EDITION_YEAR_OFF_CADENCE',
          message: `The competition is held every two years since ${FIRST_EDITION_YEAR}; ${edition.year} is off that cadence.`,
        },
      ]
    : [];
}

@Injectable()
export class EditionsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    @InjectRepository(Edition) private readonly editions: Repository<Edition>,
  ) {}

  /** The public sees published and closed editions; organizers see drafts too. */
  async list(includeDrafts: boolean): Promise<EditionResponse[]> {
    const rows = await this.editions.find({ order: { year: 'DESC' } });
    return rows.filter((e) => includeDrafts || e.status !== 'draft').map(toEditionResponse);
  }

  async get(id: number, includeDrafts: boolean): Promise<EditionResponse> {
    return toEditionResponse(await this.findVisible(this.editions.manager, id, includeDrafts));
  }

  async findVisible(manager: EntityManager, id: number, includeDrafts: boolean): Promise<Edition> {
    const edition = await manager.findOneBy(Edition, { id });
    if (!edition || (!includeDrafts && edition.status === 'draft')) {
      throw notFound('EDITION_NOT_FOUND', `No edition with id ${id}.`);
    }
    return edition;
  }

  create(actor: Actor, input: CreateEditionDto): Promise<EditionWriteResponse> {
    return this.uow.run(async (manager) => {
      checkDates(input.startDate ?? null, input.endDate ?? null);
      await this.assertYearFree(manager, input.year);
      await assertPolicy(manager, input.policyId ?? DEFAULT_POLICY_ID);
      const now = nowIso();
      const edition = manager.create(Edition, {
        year: input.year,
        name: input.name,
        startDate: input.startDate ?? null,
        endDate: input.endDate ?? null,
        status: input.status ?? 'draft',
        policyId: input.policyId ?? DEFAULT_POLICY_ID,
        fourEyes: input.fourEyes ?? true,
        createdAt: now,
        updatedAt: now,
      });
      await manager.save(edition);
      const after = toEditionResponse(edition);
      await this.audit.append(manager, {
        actor,
        action: 'edition.created',
        entityType: 'edition',
        entityId: edition.id,
        after,
      });
      return { ...after, warnings: warningsFor(edition) };
    });
  }

  update(actor: Actor, id: number, input: UpdateEditionDto): Promise<EditionWriteResponse> {
    return this.uow.run(async (manager) => {
      const edition = await this.findVisible(manager, id, true);
      const before = toEditionResponse(edition);
      if (input.year !== undefined && input.year !== edition.year) {
        await this.assertYearFree(manager, input.year);
      }
      if (input.policyId !== undefined) {
        await assertPolicy(manager, input.policyId);
        if (input.policyId !== edition.policyId) {
          await assertPolicyChangeable(manager, edition);
        }
      }
      Object.assign(edition, input, { updatedAt: nowIso() });
      checkDates(edition.startDate, edition.endDate);
      await manager.save(edition);
      const after = toEditionResponse(edition);
      await this.audit.append(manager, {
        actor,
        action: 'edition.updated',
        entityType: 'edition',
        entityId: id,
        before,
        after,
      });
      return { ...after, warnings: warningsFor(edition) };
    });
  }

  remove(actor: Actor, id: number): Promise<void> {
    return this.uow.run(async (manager) => {
      const edition = await this.findVisible(manager, id, true);
      const events = await manager.countBy(CompetitionEvent, { editionId: id });
      if (events > 0) {
        // What is attached, in numbers: the page says what deleting would take with it.
        const entries = await manager.countBy(Entry, { editionId: id });
        throw conflict(
          'EDITION_HAS_EVENTS',
          'Delete or move its events before deleting an edition.',
        ).with({ events, entries });
      }
      await manager.delete(Edition, { id });
      await this.audit.append(manager, {
        actor,
        action: 'edition.deleted',
        entityType: 'edition',
        entityId: id,
        before: toEditionResponse(edition),
      });
    });
  }

  private async assertYearFree(manager: EntityManager, year: number): Promise<void> {
    if (await manager.existsBy(Edition, { year })) {
      throw conflict('EDITION_YEAR_TAKEN', `There is already an edition for ${year}.`);
    }
  }
}

/** The policy of the first editions (item 17 of the 2015 policy), shipped in data/policies. */
export const DEFAULT_POLICY_ID = 'wuxi-2015';

async function assertPolicy(manager: EntityManager, id: string): Promise<void> {
  if (!(await manager.existsBy(PolicyRow, { id }))) {
    throw unprocessable('POLICY_NOT_FOUND', `There is no reward policy ${id}.`, [
      { field: 'policyId', messages: [`unknown policy ${id}`] },
    ]);
  }
}

/**
 * An edition's prizes are granted, and paid, under its policy: once it is closed, or once any of
 * its events has final results, pointing it at another policy would make the ledger disagree
 * with the rules it was computed under.
 */
async function assertPolicyChangeable(manager: EntityManager, edition: Edition): Promise<void> {
  if (edition.status === 'closed') {
    throw conflict(
      'EDITION_POLICY_FROZEN',
      `Edition ${edition.year} is closed; it keeps the policy ${edition.policyId}.`,
    );
  }
  if (await manager.existsBy(CompetitionEvent, { editionId: edition.id, resultsStatus: 'final' })) {
    throw conflict(
      'EDITION_POLICY_FROZEN',
      `Edition ${edition.year} has final results granted under ${edition.policyId}; it keeps that policy.`,
    );
  }
}

function checkDates(startDate: string | null, endDate: string | null): void {
  if (startDate && endDate && endDate < startDate) {
    throw badRequest('VALIDATION_FAILED', 'The edition ends before it starts.', [
      { field: 'endDate', messages: ['endDate must not be before startDate'] },
    ]);
  }
}

import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { Actor } from '../audit/actor';
import { AuditService } from '../audit/audit.service';
import { conflict, notFound } from '../common/errors/app-error';
import { nowIso } from '../database/time';
import { UnitOfWork } from '../database/unit-of-work';
import { eventOptions, validateEventRules } from '../domain/event-rules';
import { fromHundredths, toHundredths } from '../domain/numbers';
import { eventResults, theoryMissing } from '../domain/results';
import { CompetitionEvent } from '../editions/entities/competition-event.entity';
import { Edition } from '../editions/entities/edition.entity';
import { ScoringService } from '../judging/scoring.service';
import { PoliciesService } from '../policies/policies.service';
import { moduleCodes } from '../editions/events.service';
import { BlindCode } from '../registration/entities/blind-code.entity';
import { Entry } from '../registration/entities/entry.entity';
import { PublishDto } from './dto/results.dto';
import { Appeal } from './entities/appeal.entity';
import { ResultRow } from './entities/result-row.entity';
import { resultInputs } from './result-inputs';

export interface ResultLine {
  entryId: number;
  contestantId: number;
  entryNo: string;
  workstationNo: number | null;
  name: string;
  unitName: string;
  status: string;
  total: number | null;
  rank: number | null;
  tied: boolean;
  prize: number | null;
  noPrizeReason: string | null;
  titles: string[];
  cash: number;
  upgrade: string | null;
}

export interface EventResultsResponse {
  eventId: number;
  status: CompetitionEvent['resultsStatus'];
  publicationStart: string | null;
  publicationEnd: string | null;
  appealDeadline: string | null;
  finalAt: string | null;
  rows: ResultLine[];
}

const summary = (r: ResultRow) => ({
  rank: r.rank,
  total: r.totalHundredths === null ? null : fromHundredths(r.totalHundredths),
  prize: r.prize,
});

/**
 * Results of an event: computed from the locked, decrypted marks by the domain (ranking, prizes,
 * grants), published (公示), revised after an accepted appeal with a before/after diff in the
 * audit log, and made final — after which nothing about the event changes.
 */
@Injectable()
export class ResultsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly scoring: ScoringService,
    private readonly policies: PoliciesService,
  ) {}

  async findEvent(manager: EntityManager, eventId: number): Promise<CompetitionEvent> {
    const event = await manager.findOneBy(CompetitionEvent, { id: eventId });
    if (!event) {
      throw notFound('EVENT_NOT_FOUND', `No event with id ${eventId}.`);
    }
    return event;
  }

  compute(actor: Actor, eventId: number): Promise<EventResultsResponse> {
    return this.uow.run((manager) => this.computeIn(manager, actor, eventId));
  }

  /** Computes within the caller's transaction (a change of the rules recomputes in its own). */
  async computeIn(
    manager: EntityManager,
    actor: Actor,
    eventId: number,
  ): Promise<EventResultsResponse> {
    const event = await this.findEvent(manager, eventId);
    if (event.resultsStatus === 'final') {
      throw conflict('RESULTS_FINAL', 'The results are final; nothing about the event changes.');
    }
    if (!event.resultsLockedAt) {
      throw conflict('RESULTS_NOT_LOCKED', 'Lock every module before computing results.');
    }
    if (!event.decryptedAt) {
      throw conflict('NOT_DECRYPTED', 'Decrypt the codes before computing results.');
    }
    const options = eventOptions(event);
    if (event.rules) {
      validateEventRules(event.rules, await moduleCodes(manager, eventId));
    }
    const edition = await manager.findOneByOrFail(Edition, { id: event.editionId });
    const policy = await this.policies.forEdition(manager, edition);
    const scores = await this.scoring.scoreEvent(manager, eventId);
    const { entries, inputs } = await resultInputs(manager, event, options, scores);
    await assertTheoryComplete(manager, eventId, theoryMissing(inputs, options.weights));
    const computed = eventResults(inputs, options, policy);
    const previous = new Map(
      (await manager.find(ResultRow, { where: { eventId } })).map((r) => [r.entryId, r]),
    );
    const contestantOf = new Map(entries.map((e) => [e.id, e.contestantId]));
    const rows = computed.map((r) =>
      manager.create(ResultRow, {
        eventId,
        entryId: r.id,
        contestantId: contestantOf.get(r.id)!,
        status: inputs.find((i) => i.id === r.id)!.status,
        totalHundredths: r.total === null ? null : toHundredths(r.total),
        rank: r.rank,
        tied: r.tied,
        prize: r.prize,
        noPrizeReason: r.noPrizeReason,
        grant: r.grant,
      }),
    );
    const diff = rows
      .map((r) => ({
        entryId: r.entryId,
        before: previous.has(r.entryId) ? summary(previous.get(r.entryId)!) : null,
        after: summary(r),
      }))
      .filter((d) => JSON.stringify(d.before) !== JSON.stringify(d.after));
    await manager.delete(ResultRow, { eventId });
    await manager.save(ResultRow, rows);
    const status = event.resultsStatus === 'none' ? 'provisional' : event.resultsStatus;
    await manager.update(CompetitionEvent, { id: eventId }, { resultsStatus: status });
    await this.audit.append(manager, {
      actor,
      action: previous.size === 0 ? 'results.computed' : 'results.recomputed',
      entityType: 'event',
      entityId: eventId,
      before: previous.size === 0 ? null : diff.map((d) => ({ entryId: d.entryId, ...d.before })),
      after: diff.map((d) => ({ entryId: d.entryId, ...d.after })),
    });
    return this.get(eventId, manager);
  }

  async get(
    eventId: number,
    manager: EntityManager = this.uow.reader,
  ): Promise<EventResultsResponse> {
    const event = await this.findEvent(manager, eventId);
    const rows = await manager.find(ResultRow, {
      where: { eventId },
      order: { rank: 'ASC', entryId: 'ASC' },
    });
    const entries = await manager.find(Entry, {
      where: { id: In(rows.map((r) => r.entryId)) },
      relations: { contestant: { unit: true } },
    });
    const byId = new Map(entries.map((e) => [e.id, e]));
    return {
      eventId,
      status: event.resultsStatus,
      publicationStart: event.publicationStart,
      publicationEnd: event.publicationEnd,
      appealDeadline: event.appealDeadline,
      finalAt: event.finalAt,
      rows: rows
        .sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9) || a.entryId - b.entryId)
        .map((r) => {
          const e = byId.get(r.entryId);
          return {
            entryId: r.entryId,
            contestantId: r.contestantId,
            entryNo: e?.entryNo ?? '',
            workstationNo: e?.workstationNo ?? null,
            name: e?.contestant?.name ?? '',
            unitName: e?.contestant?.unit?.name ?? '',
            status: r.status,
            total: r.totalHundredths === null ? null : fromHundredths(r.totalHundredths),
            rank: r.rank,
            tied: r.tied,
            prize: r.prize,
            noPrizeReason: r.noPrizeReason,
            titles: r.grant?.titles ?? [],
            cash: r.grant?.cashPerPerson ?? 0,
            upgrade: r.grant
              ? r.grant.upgrade.to
                ? `${r.grant.upgrade.from ?? '—'} → ${r.grant.upgrade.to}`
                : r.grant.upgrade.reasonZh
              : null,
          };
        }),
    };
  }

  publish(actor: Actor, eventId: number, input: PublishDto): Promise<EventResultsResponse> {
    return this.uow.run(async (manager) => {
      const event = await this.findEvent(manager, eventId);
      if (event.resultsStatus !== 'provisional') {
        throw conflict(
          'RESULTS_NOT_PROVISIONAL',
          `The results are ${event.resultsStatus}; compute them before publishing.`,
        );
      }
      if (input.end <= input.start) {
        throw conflict('PUBLICATION_DATES', 'Publication must end after it starts.');
      }
      const fields = {
        resultsStatus: 'published' as const,
        publicationStart: input.start,
        publicationEnd: input.end,
        appealDeadline: input.appealDeadline ?? input.end,
        resultsPublishedAt: nowIso(),
      };
      await manager.update(CompetitionEvent, { id: eventId }, fields);
      await this.audit.append(manager, {
        actor,
        action: 'results.published',
        entityType: 'event',
        entityId: eventId,
        after: fields,
      });
      return this.get(eventId, manager);
    });
  }

  /** Final once publication is over and every appeal is decided; frozen from then on. */
  finalize(actor: Actor, eventId: number): Promise<EventResultsResponse> {
    return this.uow.run(async (manager) => {
      const event = await this.findEvent(manager, eventId);
      if (event.resultsStatus === 'final') {
        throw conflict('RESULTS_FINAL', 'The results are already final.');
      }
      if (event.resultsStatus !== 'published' || !event.publicationEnd) {
        throw conflict('RESULTS_NOT_PUBLISHED', 'Publish the results first.');
      }
      if (nowIso() < event.publicationEnd) {
        throw conflict('PUBLICATION_NOT_OVER', `Publication runs until ${event.publicationEnd}.`);
      }
      if (await manager.existsBy(Appeal, { eventId, status: 'filed' })) {
        throw conflict('APPEALS_OPEN', 'Decide every appeal before the results become final.');
      }
      const finalAt = nowIso();
      await manager.update(CompetitionEvent, { id: eventId }, { resultsStatus: 'final', finalAt });
      await this.audit.append(manager, {
        actor,
        action: 'results.final',
        entityType: 'event',
        entityId: eventId,
        after: { finalAt },
      });
      return this.get(eventId, manager);
    });
  }
}

/** 409 THEORY_MISSING naming the work-piece and check-in codes the chief judge looks up. */
async function assertTheoryComplete(
  manager: EntityManager,
  eventId: number,
  entryIds: number[],
): Promise<void> {
  if (entryIds.length === 0) {
    return;
  }
  const codes = await manager.find(BlindCode, {
    where: { eventId, entryId: In(entryIds) },
    order: { workpieceCode: 'ASC' },
  });
  throw conflict(
    'THEORY_MISSING',
    `The event weighs theory but ${entryIds.length} competitor(s) have no theory score; ` +
      'import it (0 for a contestant absent from theory).',
    {
      workpieceCodes: codes.map((c) => c.workpieceCode),
      checkInCodes: codes.map((c) => c.checkInCode),
    },
  );
}

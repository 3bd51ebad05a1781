import { Injectable } from '@nestjs/common';
import { EntityManager, In, IsNull } from 'typeorm';
import { Actor } from '../audit/actor';
import { AuditService } from '../audit/audit.service';
import { conflict } from '../common/errors/app-error';
import { nowIso } from '../database/time';
import { requestLocale } from '../common/i18n/request-locale';
import { UnitOfWork } from '../database/unit-of-work';
import { eventOptions, validateEventRules } from '../domain/event-rules';
import { fromHundredths, toHundredths } from '../domain/numbers';
import { finalizeRefusal, FinalizeState } from '../domain/final';
import { assertTheoryComplete, FINALIZE_MESSAGES, sameResults, upgradeText } from './results-state';
import { eventResults, theoryMissing } from '../domain/results';
import { CompetitionEvent } from '../editions/entities/competition-event.entity';
import { Edition } from '../editions/entities/edition.entity';
import { MarkingModuleRow } from '../judging/entities/module.entity';
import { PieceScore, ScoringService } from '../judging/scoring.service';
import { PoliciesService } from '../policies/policies.service';
import { EventsService, moduleCodes } from '../editions/events.service';
import { Entry } from '../registration/entities/entry.entity';
import { Appeal } from './entities/appeal.entity';
import { ResultRow } from './entities/result-row.entity';
import { EventResultsResponse } from './dto/event-results.dto';
import { resultInputs } from './result-inputs';

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
    private readonly events: EventsService,
  ) {}

  /** What decides whether the results may become final (src/domain/final.ts). */
  private async finalizeState(
    manager: EntityManager,
    event: CompetitionEvent,
  ): Promise<FinalizeState> {
    return {
      ...event,
      openAppeals: await manager.countBy(Appeal, { eventId: event.id, status: 'filed' }),
      unlockedModules: await manager.countBy(MarkingModuleRow, {
        eventId: event.id,
        lockedAt: IsNull(),
      }),
    };
  }

  /** Each entry's parts (the tie-break chain's inputs), for the results sheet. */
  async partScores(eventId: number): Promise<Map<number, PieceScore>> {
    const scores = await this.scoring.scoreEvent(this.uow.reader, eventId);
    return new Map(scores.map((s) => [s.entryId, s]));
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
    const event = await this.events.lockOr404(manager, eventId);
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
        theoryAbsent: r.theoryAbsent,
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
    if (event.resultsComputedAt !== null && sameResults(previous, rows)) {
      // Computed already from these very inputs (a second click, a concurrent request): the
      // same answer, and nothing written.
      return this.get(eventId, manager);
    }
    await manager.delete(ResultRow, { eventId });
    await manager.save(ResultRow, rows);
    const status = event.resultsStatus === 'none' ? 'provisional' : event.resultsStatus;
    await manager.update(
      CompetitionEvent,
      { id: eventId },
      { resultsStatus: status, resultsComputedAt: nowIso() },
    );
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
    const event = await this.events.findOr404(manager, eventId);
    const rows = await manager.find(ResultRow, {
      where: { eventId },
      order: { rank: 'ASC', entryId: 'ASC' },
    });
    const entries = await manager.find(Entry, {
      where: { id: In(rows.map((r) => r.entryId)) },
      relations: { contestant: { unit: true } },
    });
    const byId = new Map(entries.map((e) => [e.id, e]));
    const blocker = finalizeRefusal(await this.finalizeState(manager, event), nowIso());
    return {
      eventId,
      status: event.resultsStatus,
      finalBlocker: blocker === 'RESULTS_FINAL' ? null : blocker,
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
            theoryAbsent: Boolean(r.theoryAbsent),
            prize: r.prize,
            noPrizeReason: r.noPrizeReason,
            titles: r.grant?.titles ?? [],
            cash: r.grant?.cashPerPerson ?? 0,
            upgrade: r.grant ? upgradeText(r.grant.upgrade, requestLocale()) : null,
          };
        }),
    };
  }

  /**
   * Final once publication is over, every appeal is decided, every module is locked and the
   * results were computed after the last lock or unlock; frozen from then on.
   */
  finalize(actor: Actor, eventId: number): Promise<EventResultsResponse> {
    return this.uow.run(async (manager) => {
      const event = await this.events.lockOr404(manager, eventId);
      const state = await this.finalizeState(manager, event);
      const refusal = finalizeRefusal(state, nowIso());
      if (refusal !== null) {
        throw conflict(
          refusal,
          FINALIZE_MESSAGES[refusal](event),
          refusal === 'RESULTS_NOT_LOCKED' ? { unlocked: state.unlockedModules } : undefined,
        );
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

import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor, personName } from '../audit/actor';
import { AuditService } from '../audit/audit.service';
import { AppError, conflict, unprocessable } from '../common/errors/app-error';
import { nowIso } from '../database/time';
import { UnitOfWork } from '../database/unit-of-work';
import { lockRow } from '../database/row-lock';
import { externalResultKey } from '../domain/external-key';
import {
  checkRecommendations,
  RecommendationPick,
  RecommendationRefusal,
} from '../domain/recommendation';
import { matchingGrant } from '../domain/rewards';
import { CompetitionEvent } from '../editions/entities/competition-event.entity';
import { EventsService } from '../editions/events.service';
import { Edition } from '../editions/entities/edition.entity';
import { PoliciesService } from '../policies/policies.service';
import { Contestant } from '../registration/entities/contestant.entity';
import { ExternalResultDto } from './dto/results.dto';
import { ExternalResultRow } from './entities/external-result.entity';
import { GrantRow } from './entities/grant.entity';
import { Recommendation } from './entities/recommendation.entity';
import { snapshotOf } from './grant-snapshot';
import { ResultRow } from './entities/result-row.entity';

/** Selection for the provincial and national competitions, and the city's 1:1 matching of their rewards. */
@Injectable()
export class MatchingService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly policies: PoliciesService,
    private readonly events: EventsService,
  ) {}

  /** The entries the city recommended from an event, at both levels, by rank. */
  async recommendations(eventId: number): Promise<Recommendation[]> {
    const m = this.uow.reader;
    await this.events.findOr404(m, eventId);
    return m.find(Recommendation, {
      where: { eventId },
      order: { level: 'ASC', rank: 'ASC', id: 'ASC' },
    });
  }

  /**
   * 推荐: the named entries (src/domain/recommendation.ts), each with its reason, from published
   * or final results. All or none; an entry already recommended at that level is refused, so
   * the same request sent twice at once records it once.
   */
  recommend(
    actor: Actor,
    eventId: number,
    level: 'provincial' | 'national',
    picks: RecommendationPick[],
  ): Promise<Recommendation[]> {
    return this.uow.run(async (manager) => {
      // Locked: concurrent recommendations of one event run one after the other.
      const event = await this.events.lockOr404(manager, eventId);
      if (event.resultsStatus !== 'final' && event.resultsStatus !== 'published') {
        throw conflict('RESULTS_NOT_PUBLISHED', 'Recommend from published or final results.');
      }
      const results = await manager.find(ResultRow, { where: { eventId } });
      const already = await manager.find(Recommendation, { where: { eventId, level } });
      const held = new Set(already.map((r) => r.contestantId));
      const check = checkRecommendations(
        picks,
        results,
        results.filter((r) => held.has(r.contestantId)).map((r) => r.entryId),
      );
      if (!check.ok) {
        throw recommendationRefusal(check.code, check.entryIds);
      }
      const createdAt = nowIso();
      for (const pick of check.picks) {
        await manager.insert(Recommendation, {
          eventId,
          entryId: pick.entryId,
          contestantId: pick.contestantId,
          level,
          rank: pick.rank!,
          reason: pick.reason,
          recommendedBy: personName(actor),
          createdAt,
        });
      }
      await this.audit.append(manager, {
        actor,
        action: 'recommendations.made',
        entityType: 'event',
        entityId: eventId,
        after: {
          level,
          entries: check.picks.map((p) => ({
            entryId: p.entryId,
            contestantId: p.contestantId,
            rank: p.rank,
            reason: p.reason,
          })),
        },
      });
      return manager.find(Recommendation, {
        where: { eventId, level },
        order: { rank: 'ASC', id: 'ASC' },
      });
    });
  }

  /**
   * Records an external result and, when it qualifies under the edition's policy (recommended by
   * the city, placing within the limit, not a duplicate), adds the 1:1 matching grant. A record
   * that does not qualify is kept with its reason, never dropped.
   */
  recordExternal(
    actor: Actor,
    input: ExternalResultDto,
  ): Promise<{ result: ExternalResultRow; grant: GrantRow | null }> {
    return this.uow.run(async (manager) => {
      // Locked: the same result sent twice at once is recorded one after the other, and the
      // second finds the first as its duplicate.
      if (!(await lockRow(manager, Contestant, input.contestantId))) {
        throw unprocessable(
          'CONTESTANT_NOT_FOUND',
          `No contestant with id ${input.contestantId}.`,
          [{ field: 'contestantId', messages: ['unknown contestant'] }],
        );
      }
      const recommendation = await manager.findOne(Recommendation, {
        where: {
          contestantId: input.contestantId,
          level: input.level === 'provincial' ? 'provincial' : 'national',
        },
        order: { id: 'DESC' },
      });
      const key = externalResultKey(input);
      const duplicate = await manager.findOneBy(ExternalResultRow, { qualifyingKey: key });
      const editionId = recommendation
        ? await this.editionOfEvent(manager, recommendation.eventId)
        : null;
      let qualifies = false;
      let reason: string;
      let amount = 0;
      let clause = '';
      if (!recommendation || editionId === null) {
        reason = 'not recommended by the city to this level';
      } else if (duplicate) {
        reason = `duplicate of external result #${duplicate.id}`;
      } else {
        const edition = await manager.findOneByOrFail(Edition, { id: editionId });
        const policy = await this.policies.forEdition(manager, edition);
        const verdict = matchingGrant(
          { level: input.level, placing: input.placing, amount: input.amount },
          policy,
        );
        qualifies = verdict.qualifies;
        reason = verdict.reason;
        amount = verdict.amount;
        clause = verdict.clause;
      }
      const result = await manager.save(
        ExternalResultRow,
        manager.create(ExternalResultRow, {
          ...input,
          qualifies,
          reason,
          createdAt: nowIso(),
          qualifyingKey: qualifies ? key : null,
        }),
      );
      await this.audit.append(manager, {
        actor,
        action: 'external-result.recorded',
        entityType: 'external-result',
        entityId: result.id,
        after: result,
      });
      if (!qualifies || editionId === null) {
        return { result, grant: null };
      }
      const grant = await manager.save(
        GrantRow,
        manager.create(GrantRow, {
          editionId,
          eventId: null,
          contestantId: input.contestantId,
          basis: 'matching',
          basisRef: `external:${result.id}`,
          prize: null,
          titles: [],
          modelWorkerTreatment: false,
          upgradeFrom: null,
          upgradeTo: null,
          upgradeNote: null,
          upgradeCode: null,
          cash: amount,
          clauses: [clause],
          status: 'pending',
          approvedBy: null,
          approvedAt: null,
          paidBy: null,
          paidAt: null,
          paymentRef: null,
          createdAt: nowIso(),
          editedById: actor.id,
          approvedById: null,
          paidById: null,
          ...(await snapshotOf(
            manager,
            input.contestantId,
            null,
            `${input.competition} ${input.eventName}`,
          )),
        }),
      );
      await this.audit.append(manager, {
        actor,
        action: 'grant.created',
        entityType: 'grant',
        entityId: grant.id,
        after: grant,
      });
      return { result, grant };
    });
  }

  private async editionOfEvent(manager: EntityManager, eventId: number): Promise<number | null> {
    return (await manager.findOneBy(CompetitionEvent, { id: eventId }))?.editionId ?? null;
  }
}

/** 409 for a duplicate (the state decides), 422 for what the request itself gets wrong. */
function recommendationRefusal(code: RecommendationRefusal, entryIds: number[]): AppError {
  const messages: Record<RecommendationRefusal, string> = {
    RECOMMENDATION_EMPTY: 'Name at least one entry to recommend.',
    RECOMMENDATION_DUPLICATE: `Entries ${entryIds.join(', ')} are already recommended at this level (or named twice).`,
    RECOMMENDATION_ENTRY_UNKNOWN: `Entries ${entryIds.join(', ')} have no results in this event.`,
    RECOMMENDATION_NOT_COMPETED: `Entries ${entryIds.join(', ')} did not compete.`,
    RECOMMENDATION_REASON_REQUIRED: `Give the reason for recommending entries ${entryIds.join(', ')}.`,
  };
  const error =
    code === 'RECOMMENDATION_DUPLICATE'
      ? conflict(code, messages[code], { entryIds })
      : unprocessable(code, messages[code], { entryIds });
  return error.with({ entryIds: entryIds.join(', ') });
}

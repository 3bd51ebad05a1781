import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor } from '../audit/actor';
import { AuditService } from '../audit/audit.service';
import { conflict, unprocessable } from '../common/errors/app-error';
import { nowIso } from '../database/time';
import { UnitOfWork } from '../database/unit-of-work';
import { lockRow } from '../database/row-lock';
import { externalResultKey } from '../domain/external-key';
import { matchingGrant } from '../domain/rewards';
import { CompetitionEvent } from '../editions/entities/competition-event.entity';
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
  ) {}

  /** 推荐: the event's best N (by final or published rank) to the provincial or national selection. */
  recommend(
    actor: Actor,
    eventId: number,
    level: 'provincial' | 'national',
    count: number,
  ): Promise<Recommendation[]> {
    return this.uow.run(async (manager) => {
      const event = await manager.findOneBy(CompetitionEvent, { id: eventId });
      if (!event || (event.resultsStatus !== 'final' && event.resultsStatus !== 'published')) {
        throw conflict('RESULTS_NOT_PUBLISHED', 'Recommend from published or final results.');
      }
      const best = (await manager.find(ResultRow, { where: { eventId, status: 'competed' } }))
        .filter((r) => r.rank !== null)
        .sort((a, b) => a.rank! - b.rank! || a.entryId - b.entryId)
        .slice(0, count);
      for (const row of best) {
        if (
          !(await manager.existsBy(Recommendation, {
            eventId,
            contestantId: row.contestantId,
            level,
          }))
        ) {
          await manager.insert(Recommendation, {
            eventId,
            contestantId: row.contestantId,
            level,
            rank: row.rank!,
            createdAt: nowIso(),
          });
        }
      }
      await this.audit.append(manager, {
        actor,
        action: 'recommendations.made',
        entityType: 'event',
        entityId: eventId,
        after: { level, contestants: best.map((b) => b.contestantId) },
      });
      return manager.find(Recommendation, { where: { eventId, level }, order: { rank: 'ASC' } });
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

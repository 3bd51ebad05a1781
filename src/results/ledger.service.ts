import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { Actor, personName } from '../audit/actor';
import { AuditService } from '../audit/audit.service';
import { conflict, forbidden, notFound } from '../common/errors/app-error';
import { lockRow, lockRows } from '../database/row-lock';
import { nowIso } from '../database/time';
import { UnitOfWork } from '../database/unit-of-work';
import { fourEyesViolation, GrantStep } from '../domain/four-eyes';
import { CompetitionEvent } from '../editions/entities/competition-event.entity';
import { Edition } from '../editions/entities/edition.entity';
import { PoliciesService } from '../policies/policies.service';
import { GrantsComputedResponse, LedgerTotalsResponse } from './dto/grant.dto';
import { GrantRow } from './entities/grant.entity';
import { ResultRow } from './entities/result-row.entity';
import { grantSnapshots } from './grant-snapshot';
import { grantKey, yearlyUpgrades } from './yearly-promotions';

/**
 * The fields that make two computations of one grant the same grant. A not-granted second
 * promotion differs in upgradeTo; a code alone (absent on grants made before it was kept) does
 * not make another grant.
 */
const substance = (
  g: Pick<
    GrantRow,
    'titles' | 'modelWorkerTreatment' | 'upgradeFrom' | 'upgradeTo' | 'cash' | 'prize'
  >,
) =>
  JSON.stringify([g.titles, g.modelWorkerTreatment, g.upgradeFrom, g.upgradeTo, g.cash, g.prize]);

/**
 * The awards ledger: grants from final results (re-running changes nothing), 1:1 matching of
 * external results of contestants the city recommended, and payment through approval.
 */
@Injectable()
export class LedgerService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly policies: PoliciesService,
  ) {}

  /** One grant per person and prize from the edition's final events; idempotent. */
  computeGrants(actor: Actor, editionId: number): Promise<GrantsComputedResponse> {
    return this.uow.run(async (manager) => {
      // Locked: a concurrent computation waits, then finds every grant already there.
      const edition = await lockRow(manager, Edition, editionId);
      if (!edition) {
        throw notFound('EDITION_NOT_FOUND', `No edition with id ${editionId}.`);
      }
      const events = await manager.find(CompetitionEvent, {
        where: { editionId, resultsStatus: 'final' },
      });
      const rows = await manager.find(ResultRow, {
        where: { eventId: In(events.map((e) => e.id)) },
      });
      const snapshots = await grantSnapshots(manager, rows);
      const policy = await this.policies.forEdition(manager, edition);
      // One promotion a year (an option of the policy): the second is kept as not granted.
      const yearly = policy.promotion.oncePerYear.enabled
        ? await yearlyUpgrades(manager, events, rows)
        : null;
      const counts = { created: 0, unchanged: 0, updated: 0 };
      for (const row of rows.filter((r) => r.grant !== null)) {
        const grant = row.grant!;
        const upgrade = yearly?.get(grantKey(row.eventId, row.contestantId)) ?? grant.upgrade;
        const basisRef = `event:${row.eventId}`;
        const fields = {
          editionId,
          eventId: row.eventId,
          contestantId: row.contestantId,
          basis: 'prize' as const,
          basisRef,
          prize: grant.prize,
          titles: grant.titles,
          modelWorkerTreatment: grant.modelWorkerTreatment,
          upgradeFrom: upgrade.from,
          upgradeTo: upgrade.to,
          upgradeNote: upgrade.to ? null : upgrade.reasonZh,
          upgradeCode: upgrade.code,
          cash: grant.cashPerPerson,
          clauses: grant.clauses,
        };
        const existing = await manager.findOneBy(GrantRow, {
          basisRef,
          contestantId: row.contestantId,
        });
        if (existing && substance(existing) === substance(fields)) {
          counts.unchanged += 1;
          continue;
        }
        if (existing && existing.status !== 'pending') {
          throw conflict(
            'GRANT_ALREADY_APPROVED',
            `Grant ${existing.id} is ${existing.status} and would change.`,
          );
        }
        const saved = await manager.save(GrantRow, {
          ...(existing ?? {
            status: 'pending',
            createdAt: nowIso(),
            approvedBy: null,
            approvedAt: null,
            approvedById: null,
            paidBy: null,
            paidAt: null,
            paidById: null,
            paymentRef: null,
            ...snapshots.get(row.entryId),
          }),
          ...fields,
          editedById: actor.id,
        });
        await this.audit.append(manager, {
          actor,
          action: existing ? 'grant.updated' : 'grant.created',
          entityType: 'grant',
          entityId: saved.id,
          before: existing ?? null,
          after: saved,
        });
        counts[existing ? 'updated' : 'created'] += 1;
      }
      const eventsNotFinal =
        (await manager.countBy(CompetitionEvent, { editionId })) - events.length;
      return { ...counts, finalEvents: events.length, eventsNotFinal };
    });
  }

  list(editionId: number): Promise<GrantRow[]> {
    return this.uow.reader.find(GrantRow, { where: { editionId }, order: { id: 'ASC' } });
  }

  approve(actor: Actor, grantIds: number[]): Promise<GrantRow[]> {
    return this.uow.run(async (manager) => {
      const grants = await lockRows(manager, GrantRow, grantIds);
      if (grants.length !== new Set(grantIds).size) {
        throw notFound('GRANT_NOT_FOUND', 'Some grants do not exist.');
      }
      const wrong = grants.filter((g) => g.status !== 'pending');
      if (wrong.length > 0) {
        throw conflict(
          'GRANT_STATUS',
          `Only pending grants can be approved (${wrong.map((g) => `${g.id}: ${g.status}`).join(', ')}).`,
        );
      }
      await this.assertFourEyes(manager, 'approve', actor, grants);
      const at = nowIso();
      for (const g of grants) {
        await manager.update(
          GrantRow,
          { id: g.id },
          {
            status: 'approved',
            approvedBy: personName(actor),
            approvedById: actor.id,
            approvedAt: at,
          },
        );
        await this.audit.append(manager, {
          actor,
          action: 'grant.approved',
          entityType: 'grant',
          entityId: g.id,
          before: { status: 'pending' },
          after: { status: 'approved' },
        });
      }
      return manager.find(GrantRow, { where: { id: In(grantIds) }, order: { id: 'ASC' } });
    });
  }

  pay(actor: Actor, grantId: number, paymentRef: string): Promise<GrantRow> {
    return this.uow.run(async (manager) => {
      const grant = await lockRow(manager, GrantRow, grantId);
      if (!grant) {
        throw notFound('GRANT_NOT_FOUND', `No grant with id ${grantId}.`);
      }
      if (grant.status === 'paid') {
        throw conflict(
          'GRANT_ALREADY_PAID',
          `Grant ${grantId} was paid on ${grant.paidAt} (${grant.paymentRef}).`,
        );
      }
      if (grant.status !== 'approved') {
        throw conflict('GRANT_STATUS', 'Approve the grant before paying it.');
      }
      await this.assertFourEyes(manager, 'pay', actor, [grant]);
      const paidAt = nowIso();
      await manager.update(
        GrantRow,
        { id: grantId },
        { status: 'paid', paidBy: personName(actor), paidById: actor.id, paidAt, paymentRef },
      );
      await this.audit.append(manager, {
        actor,
        action: 'grant.paid',
        entityType: 'grant',
        entityId: grantId,
        before: { status: 'approved' },
        after: { status: 'paid', paymentRef },
      });
      return manager.findOneByOrFail(GrantRow, { id: grantId });
    });
  }

  /** The edition's setting decides; the refusal names the grants and the other account needed. */
  private async assertFourEyes(
    manager: EntityManager,
    step: GrantStep,
    actor: Actor,
    grants: GrantRow[],
  ): Promise<void> {
    const editions = await manager.findBy(Edition, {
      id: In([...new Set(grants.map((g) => g.editionId))]),
    });
    const on = new Map(editions.map((e) => [e.id, e.fourEyes]));
    const refused = grants.filter((g) =>
      fourEyesViolation(step, actor.id, g, on.get(g.editionId) ?? true),
    );
    if (refused.length === 0) {
      return;
    }
    const code = fourEyesViolation(step, actor.id, refused[0], true)!;
    const ids = refused.map((g) => g.id);
    throw forbidden(
      code,
      code === 'FOUR_EYES_OWN_EDIT'
        ? `You created or last changed grant(s) ${ids.join(', ')}; another account approves them.`
        : `You approved grant(s) ${ids.join(', ')}; another account pays them.`,
      { grantIds: ids },
    );
  }

  async totals(editionId: number): Promise<LedgerTotalsResponse> {
    const grants = await this.list(editionId);
    const sum = <K>(key: (g: GrantRow) => K, of: GrantRow[] = grants) => {
      const map = new Map<K, { cash: number; grants: number }>();
      for (const g of of) {
        const t = map.get(key(g)) ?? { cash: 0, grants: 0 };
        map.set(key(g), { cash: t.cash + g.cash, grants: t.grants + 1 });
      }
      return map;
    };
    const prizes = grants.filter((g) => g.basis === 'prize');
    const group = (of: GrantRow[]) => ({
      cash: of.reduce((n, g) => n + g.cash, 0),
      grants: of.length,
    });
    return {
      edition: grants.reduce((n, g) => n + g.cash, 0),
      prizes: group(prizes),
      matching: group(grants.filter((g) => g.basis === 'matching')),
      byEvent: [...sum((g) => g.eventId as number, prizes)].map(([eventId, t]) => ({
        eventId,
        ...t,
      })),
      // The unit the grant was made for (its snapshot), not where the person is now.
      byUnit: [...sum((g) => g.unitName ?? '')].map(([unitName, t]) => ({
        unitName,
        ...t,
      })),
    };
  }
}

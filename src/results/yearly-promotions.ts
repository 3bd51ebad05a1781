import { EntityManager, In, Not, IsNull } from 'typeorm';
import { glossaryTerm } from '../common/i18n/glossary';
import { onePromotionAYear, PromotionCandidate } from '../domain/promotions';
import type { Upgrade } from '../domain/rewards';
import { CompetitionEvent } from '../editions/entities/competition-event.entity';
import { GrantRow } from './entities/grant.entity';
import { ResultRow } from './entities/result-row.entity';

/** The key a prize grant has in the ledger, and a candidate in the yearly rule. */
export const grantKey = (eventId: number, contestantId: number) =>
  `event:${eventId}|${contestantId}`;

const label = (eventName: string, prize: number | null) =>
  `${eventName}${glossaryTerm('prizes', prize, 'zh-CN')}`;

/**
 * At most one promotion a year (src/domain/promotions.ts), when the edition's policy says so:
 * loads the final events' promotions and the ones the ledger already holds for the same people
 * (any edition), and returns the upgrade each grant gets. Loads; decides nothing.
 */
export async function yearlyUpgrades(
  manager: EntityManager,
  events: readonly CompetitionEvent[],
  rows: readonly ResultRow[],
): Promise<Map<string, Upgrade>> {
  const eventById = new Map(events.map((e) => [e.id, e]));
  const withGrant = rows.filter((r) => r.grant !== null);
  const candidates: PromotionCandidate[] = withGrant.map((r) => {
    const event = eventById.get(r.eventId)!;
    return {
      key: grantKey(r.eventId, r.contestantId),
      person: r.contestantId,
      decidedAt: event.finalAt!,
      order: event.id,
      label: label(event.name, r.prize),
      upgrade: r.grant!.upgrade,
    };
  });
  const people = [...new Set(withGrant.map((r) => r.contestantId))];
  const recomputed = new Set(events.map((e) => `event:${e.id}`));
  const others = (
    await manager.find(GrantRow, {
      where: { contestantId: In(people), basis: 'prize', upgradeTo: Not(IsNull()) },
    })
  ).filter((g) => !recomputed.has(g.basisRef) && g.eventId !== null);
  const otherEvents = new Map(
    (await manager.findBy(CompetitionEvent, { id: In(others.map((g) => g.eventId!)) })).map((e) => [
      e.id,
      e,
    ]),
  );
  const held = others.flatMap((g) => {
    const event = otherEvents.get(g.eventId!);
    return event?.finalAt
      ? [
          {
            person: g.contestantId,
            decidedAt: event.finalAt,
            label: label(g.eventName ?? event.name, g.prize),
          },
        ]
      : [];
  });
  return onePromotionAYear(candidates, held);
}

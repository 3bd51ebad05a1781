import { EntityManager, In } from 'typeorm';
import { maskIdNumber } from '../domain/id-number';
import { CompetitionEvent } from '../editions/entities/competition-event.entity';
import { Contestant } from '../registration/entities/contestant.entity';
import { GrantRow } from './entities/grant.entity';

export type GrantSnapshot = Pick<
  GrantRow,
  'contestantName' | 'idNumberMasked' | 'unitName' | 'eventName'
>;

/** Who a grant is for, as they are now: taken once, when the grant is created. */
export async function snapshotOf(
  manager: EntityManager,
  contestantId: number,
  eventId: number | null,
  eventName?: string,
): Promise<GrantSnapshot> {
  const contestant = await manager.findOneOrFail(Contestant, {
    where: { id: contestantId },
    relations: { unit: true },
  });
  const event =
    eventName === undefined && eventId !== null
      ? await manager.findOneBy(CompetitionEvent, { id: eventId })
      : null;
  return {
    contestantName: contestant.name,
    idNumberMasked: maskIdNumber(contestant.idNumber),
    unitName: contestant.unit?.name ?? '',
    eventName: eventName ?? event?.name ?? null,
  };
}

/** Snapshots for the result rows of final events, keyed by entry id (one read per table). */
export async function grantSnapshots(
  manager: EntityManager,
  rows: { entryId: number; contestantId: number; eventId: number }[],
): Promise<Map<number, GrantSnapshot>> {
  const contestants = new Map(
    (
      await manager.find(Contestant, {
        where: { id: In([...new Set(rows.map((r) => r.contestantId))]) },
        relations: { unit: true },
      })
    ).map((c) => [c.id, c]),
  );
  const events = new Map(
    (
      await manager.findBy(CompetitionEvent, { id: In([...new Set(rows.map((r) => r.eventId))]) })
    ).map((e) => [e.id, e]),
  );
  return new Map(
    rows.map((r) => {
      const c = contestants.get(r.contestantId);
      return [
        r.entryId,
        {
          contestantName: c?.name ?? '',
          idNumberMasked: c ? maskIdNumber(c.idNumber) : '',
          unitName: c?.unit?.name ?? '',
          eventName: events.get(r.eventId)?.name ?? null,
        },
      ];
    }),
  );
}

/** Paid history never changes: the snapshot first; today's records only for older grants. */
export const asGranted = (
  grant: GrantRow,
  contestant: Contestant,
  event: CompetitionEvent | null,
) => ({
  name: grant.contestantName ?? contestant.name,
  unit: grant.unitName ?? contestant.unit?.name ?? '',
  eventName: grant.basis === 'prize' ? (grant.eventName ?? event?.name ?? '') : '配套奖励',
});

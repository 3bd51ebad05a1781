import { EntityManager, In } from 'typeorm';
import { CompetitionEvent } from '../../editions/entities/competition-event.entity';
import { Edition } from '../../editions/entities/edition.entity';
import { SubmitEntryDto } from '../dto/entry.dto';
import { Contestant } from '../entities/contestant.entity';
import { Entry } from '../entities/entry.entity';
import { lastEntryNumbers } from '../entry-numbers';
import type { Person } from '../registration.service';
import { checkEligible, duplicateEntry } from '../submission-rules';

/** IDs per `IN (…)` list: well under either database's limits. */
export const CHUNK = 500;

const DEAD = ['rejected', 'withdrawn'];

/**
 * What the submission checks read, for every row of a sheet at once: the edition's events, the
 * sheet's contestants already known (by ID number) with their entries, the live team sizes and
 * entry counts of the edition's events, the units named. A handful of queries instead of a
 * dozen per row; the checks themselves are RegistrationService's (duplicateEntry, checkEligible).
 */
export interface SheetFacts {
  edition: Edition;
  eventsByKey: Map<string, CompetitionEvent>;
  contestants: Map<string, Contestant>;
  /** `${eventId}|${contestantId}` of every entry of those contestants, whatever its status. */
  entered: Set<string>;
  /** Contestant id → live entries in this edition. */
  liveInEdition: Map<number, number>;
  /** `${eventId}|${teamNo}` → live entries. */
  teams: Map<string, number>;
  /** Event id → the last running number of 报名号 given (see lastEntryNumbers). */
  entryCounts: Map<number, number>;
}

export function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    out.push(items.slice(i, i + size));
  }
  return out;
}

/** `between` runs after each read (a yield to other requests, for a long sheet). */
export async function loadFacts(
  manager: EntityManager,
  editionId: number,
  idNumbers: string[],
  between: () => Promise<unknown> = () => Promise.resolve(),
): Promise<SheetFacts> {
  const edition = await manager.findOneByOrFail(Edition, { id: editionId });
  const events = await manager.find(CompetitionEvent, { where: { editionId } });
  const contestants = new Map<string, Contestant>();
  for (const part of chunks([...new Set(idNumbers)])) {
    await between();
    for (const c of await manager.find(Contestant, { where: { idNumber: In(part) } })) {
      contestants.set(c.idNumber, c);
    }
  }
  const entered = new Set<string>();
  const liveInEdition = new Map<number, number>();
  for (const part of chunks([...contestants.values()].map((c) => c.id))) {
    await between();
    const entries = await manager.find(Entry, {
      select: { eventId: true, contestantId: true, editionId: true, status: true },
      where: { contestantId: In(part) },
    });
    for (const e of entries) {
      entered.add(`${e.eventId}|${e.contestantId}`);
      if (e.editionId === editionId && !DEAD.includes(e.status)) {
        liveInEdition.set(e.contestantId, (liveInEdition.get(e.contestantId) ?? 0) + 1);
      }
    }
  }
  const teams = new Map<string, number>();
  const entryCounts = new Map<number, number>();
  if (events.length > 0) {
    const ids = events.map((e) => e.id);
    await between();
    (await lastEntryNumbers(manager, ids)).forEach((n, id) => entryCounts.set(id, n));
    await between();
    const teamed = await manager
      .createQueryBuilder(Entry, 'e')
      .select('e.eventId', 'eventId')
      .addSelect('e.teamNo', 'teamNo')
      .addSelect('COUNT(*)', 'n')
      .where('e.eventId IN (:...ids)', { ids })
      .andWhere('e.teamNo IS NOT NULL')
      .andWhere('e.status NOT IN (:...dead)', { dead: DEAD })
      .groupBy('e.eventId')
      .addGroupBy('e.teamNo')
      .getRawMany<{ eventId: number; teamNo: number; n: number | string }>();
    teamed.forEach((r) => teams.set(`${Number(r.eventId)}|${Number(r.teamNo)}`, Number(r.n)));
  }
  return {
    edition,
    eventsByKey: new Map(events.map((e) => [`${e.occupation}|${e.contestantGroup}`, e])),
    contestants,
    entered,
    liveInEdition,
    teams,
    entryCounts,
  };
}

/** One row that passed every check, to be written. */
export interface Accepted {
  dto: SubmitEntryDto;
  person: Person;
  event: CompetitionEvent;
  existing: Contestant | null;
}

/**
 * The reads of RegistrationService.vet answered from the facts, then its checks; throws what vet
 * throws. `teamsInSheet` counts the team rows accepted before this one in the same sheet.
 */
export function vetFromFacts(
  facts: SheetFacts,
  event: CompetitionEvent,
  dto: SubmitEntryDto,
  person: Person,
  teamsInSheet: Map<string, number>,
): Accepted {
  const existing = facts.contestants.get(person.idNumber) ?? null;
  if (existing && facts.entered.has(`${event.id}|${existing.id}`)) {
    throw duplicateEntry(person);
  }
  const team = `${event.id}|${dto.teamNo}`;
  checkEligible(event, facts.edition, dto, person, {
    otherEntriesInEdition: existing ? (facts.liveInEdition.get(existing.id) ?? 0) : 0,
    teamMembersBefore:
      dto.teamNo === undefined ? 0 : (teamsInSheet.get(team) ?? 0) + (facts.teams.get(team) ?? 0),
  });
  if (dto.teamNo !== undefined) {
    teamsInSheet.set(team, (teamsInSheet.get(team) ?? 0) + 1);
  }
  return { dto, person, event, existing };
}

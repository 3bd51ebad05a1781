import { EntityManager, In } from 'typeorm';
import { Actor } from '../../audit/actor';
import { AuditInput, AuditService } from '../../audit/audit.service';
import { runSql } from '../../database/sql';
import { nowIso } from '../../database/time';
import { CompetitionEvent } from '../../editions/entities/competition-event.entity';
import { Edition } from '../../editions/entities/edition.entity';
import { SubmitEntryDto, toEntryResponse } from '../dto/entry.dto';
import { Contestant } from '../entities/contestant.entity';
import { Entry } from '../entities/entry.entity';
import { Unit } from '../entities/unit.entity';
import { checkEligible, contestantFields, duplicateEntry, Person } from '../registration.service';

/** IDs per `IN (…)` list and rows per multi-row INSERT: well under either database's limits. */
const CHUNK = 500;
const ROWS_PER_INSERT = 200;

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
  /** Event id → entries of every status (the running number of 报名号). */
  entryCounts: Map<number, number>;
}

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    out.push(items.slice(i, i + size));
  }
  return out;
}

export async function loadFacts(
  manager: EntityManager,
  editionId: number,
  idNumbers: string[],
): Promise<SheetFacts> {
  const edition = await manager.findOneByOrFail(Edition, { id: editionId });
  const events = await manager.find(CompetitionEvent, { where: { editionId } });
  const contestants = new Map<string, Contestant>();
  for (const part of chunks([...new Set(idNumbers)])) {
    for (const c of await manager.find(Contestant, { where: { idNumber: In(part) } })) {
      contestants.set(c.idNumber, c);
    }
  }
  const entered = new Set<string>();
  const liveInEdition = new Map<number, number>();
  for (const part of chunks([...contestants.values()].map((c) => c.id))) {
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
    const counted = await manager
      .createQueryBuilder(Entry, 'e')
      .select('e.eventId', 'eventId')
      .addSelect('COUNT(*)', 'n')
      .where('e.eventId IN (:...ids)', { ids })
      .groupBy('e.eventId')
      .getRawMany<{ eventId: number; n: number | string }>();
    counted.forEach((r) => entryCounts.set(Number(r.eventId), Number(r.n)));
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

/** A multi-row INSERT per chunk; answers each row's generated id, matched by a unique column. */
async function insertAll(
  manager: EntityManager,
  table: string,
  columns: string[],
  key: string,
  rows: unknown[][],
): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const part of chunks(rows, ROWS_PER_INSERT)) {
    let n = 0;
    const values = part.map(() => `(${columns.map(() => `$${(n += 1)}`).join(', ')})`);
    const returned = await runSql<Record<string, unknown>>(
      manager,
      `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES ${values.join(', ')} RETURNING "id", "${key}"`,
      part.flat(),
    );
    returned.forEach((r) => ids.set(String(r[key]), Number(r.id)));
  }
  return ids;
}

function fill<T extends { id: number }>(items: T[], ids: Map<string, number>, key: keyof T): void {
  for (const item of items) {
    const id = ids.get(String(item[key]));
    if (id === undefined) {
      throw new Error(`import: no id returned for ${String(item[key])}`);
    }
    item.id = id;
  }
}

/**
 * Writes the accepted rows as RegistrationService.submitIn would one by one — the same units,
 * contestants, entries and audit rows, in the same order — with multi-row INSERTs and one audit
 * append, inside the caller's transaction.
 */
export async function writeAccepted(
  manager: EntityManager,
  audit: AuditService,
  actor: Actor,
  facts: SheetFacts,
  accepted: Accepted[],
): Promise<number> {
  const names = [...new Set(accepted.map((a) => a.dto.contestant.unitName.trim()))];
  const units = new Map<string, Unit>();
  for (const part of chunks(names)) {
    (await manager.find(Unit, { where: { name: In(part) } })).forEach((u) => units.set(u.name, u));
  }
  const now = nowIso();
  const newUnits: Unit[] = [];
  const unitOf = (name: string): { unit: Unit; created: boolean } => {
    const found = units.get(name);
    if (found) {
      return { unit: found, created: false };
    }
    const unit = manager.create(Unit, {
      name,
      contact: null,
      phone: null,
      createdAt: now,
      updatedAt: now,
    });
    units.set(name, unit);
    newUnits.push(unit);
    return { unit, created: true };
  };
  const plans = accepted.map((a) => ({ ...a, ...unitOf(a.dto.contestant.unitName.trim()) }));
  fill(
    newUnits,
    await insertAll(
      manager,
      'units',
      ['name', 'contact', 'phone', 'createdAt', 'updatedAt'],
      'name',
      newUnits.map((u) => [u.name, u.contact, u.phone, u.createdAt, u.updatedAt]),
    ),
    'name',
  );
  const trail: (() => AuditInput)[] = [];
  const newContestants: Contestant[] = [];
  const entries: Entry[] = [];
  for (const plan of plans) {
    const { dto, person, event, existing, unit, created } = plan;
    if (created) {
      trail.push(() => ({
        actor,
        action: 'unit.created',
        entityType: 'unit',
        entityId: unit.id,
        after: unit,
      }));
    }
    const fields = contestantFields(dto.contestant, person, unit.id);
    let contestant: Contestant;
    if (existing) {
      // Rare (a person from an earlier edition): saved one by one, as submitIn does.
      const before = { ...existing };
      Object.assign(existing, fields, { updatedAt: now });
      await manager.save(existing);
      const after = { ...existing, idNumber: undefined };
      trail.push(() => ({
        actor,
        action: 'contestant.updated',
        entityType: 'contestant',
        entityId: existing.id,
        before: { ...before, idNumber: undefined },
        after,
      }));
      contestant = existing;
    } else {
      contestant = manager.create(Contestant, {
        ...fields,
        idNumber: person.idNumber,
        createdAt: now,
        updatedAt: now,
      });
      newContestants.push(contestant);
      const made = contestant;
      trail.push(() => ({
        actor,
        action: 'contestant.created',
        entityType: 'contestant',
        entityId: made.id,
        after: { ...made, idNumber: undefined },
      }));
    }
    const count = (facts.entryCounts.get(event.id) ?? 0) + 1;
    facts.entryCounts.set(event.id, count);
    const entry = manager.create(Entry, {
      editionId: facts.edition.id,
      eventId: event.id,
      contestantId: contestant.id,
      entryNo: `${facts.edition.year}-${String(event.id).padStart(2, '0')}-${String(count).padStart(3, '0')}`,
      contestantGroup: dto.group,
      teamNo: dto.teamNo ?? null,
      status: 'submitted',
      statusReason: null,
      eligibilityFailures: [],
      workstationNo: null,
      checkInStatus: null,
      checkedInAt: null,
      late: false,
      createdAt: now,
      updatedAt: now,
    });
    entries.push(entry);
    const owner = contestant;
    trail.push(() => {
      entry.contestantId = owner.id;
      entry.contestant = owner;
      const response = toEntryResponse(entry, true);
      return {
        actor,
        action: 'entry.submitted',
        entityType: 'entry',
        entityId: entry.id,
        after: { ...response, contestant: { id: owner.id } },
      };
    });
  }
  const contestantColumns = [
    'idNumber',
    'name',
    'gender',
    'birthDate',
    'phone',
    'employer',
    'unitId',
    'qualificationOccupation',
    'qualificationLevel',
    'certificateNo',
    'titlesHeld',
    'createdAt',
    'updatedAt',
  ] as const;
  fill(
    newContestants,
    await insertAll(
      manager,
      'contestants',
      [...contestantColumns],
      'idNumber',
      newContestants.map((c) =>
        contestantColumns.map((k) => (k === 'titlesHeld' ? JSON.stringify(c[k]) : c[k])),
      ),
    ),
    'idNumber',
  );
  return finish(manager, audit, plans, newContestants, entries, trail);
}

async function finish(
  manager: EntityManager,
  audit: AuditService,
  plans: { existing: Contestant | null; person: Person }[],
  newContestants: Contestant[],
  entries: Entry[],
  trail: (() => AuditInput)[],
): Promise<number> {
  // Each contestant is on one row of a sheet (ID_DUPLICATE_IN_SHEET), so it keys its entry.
  const byIdNumber = new Map(newContestants.map((c) => [c.idNumber, c.id]));
  plans.forEach((plan, i) => {
    entries[i].contestantId = plan.existing?.id ?? byIdNumber.get(plan.person.idNumber)!;
  });
  const entryColumns = [
    'editionId',
    'eventId',
    'contestantId',
    'entryNo',
    'contestantGroup',
    'teamNo',
    'status',
    'statusReason',
    'eligibilityFailures',
    'workstationNo',
    'checkInStatus',
    'checkedInAt',
    'late',
    'createdAt',
    'updatedAt',
  ] as const;
  fill(
    entries,
    await insertAll(
      manager,
      'entries',
      [...entryColumns],
      'contestantId',
      entries.map((e) =>
        entryColumns.map((k) => (k === 'eligibilityFailures' ? JSON.stringify(e[k]) : e[k])),
      ),
    ),
    'contestantId',
  );
  await audit.appendMany(
    manager,
    trail.map((make) => make()),
  );
  return entries.length;
}

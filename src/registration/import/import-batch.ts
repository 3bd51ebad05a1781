import { EntityManager, In } from 'typeorm';
import { Actor } from '../../audit/actor';
import { AuditInput, AuditService } from '../../audit/audit.service';
import { runSql } from '../../database/sql';
import { nowIso } from '../../database/time';
import { toEntryResponse } from '../dto/entry.dto';
import { Contestant } from '../entities/contestant.entity';
import { Entry } from '../entities/entry.entity';
import type { FieldValue, ImportWritten } from '../entities/import-commit.entity';
import { Unit } from '../entities/unit.entity';
import type { Person } from '../registration.service';
import { contestantFields, entryNumber, newEntryFields } from '../submission-rules';
import { Accepted, chunks, SheetFacts } from './import-facts';

/** Rows per multi-row INSERT: well under either database's limit of parameters. */
const ROWS_PER_INSERT = 200;

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
 * append, inside the caller's transaction. Answers what it wrote, for the commit's journal.
 */
export async function writeAccepted(
  manager: EntityManager,
  audit: AuditService,
  actor: Actor,
  facts: SheetFacts,
  accepted: Accepted[],
): Promise<ImportWritten> {
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
  const updated: ImportWritten['updated'] = [];
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
      const changed = [...Object.keys(fields), 'updatedAt'] as (keyof Contestant)[];
      updated.push({
        id: existing.id,
        before: Object.fromEntries(changed.map((k) => [k, (before[k] ?? null) as FieldValue])),
      });
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
    const entry = manager.create(
      Entry,
      newEntryFields(
        { editionId: facts.edition.id, eventId: event.id, contestantId: contestant.id },
        entryNumber(facts.edition.year, event.id, count),
        dto,
        now,
      ),
    );
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
  await finish(manager, audit, plans, newContestants, entries, trail);
  return {
    entries: entries.map((e) => e.id),
    contestants: newContestants.map((c) => c.id),
    units: newUnits.map((u) => u.id),
    updated,
  };
}

async function finish(
  manager: EntityManager,
  audit: AuditService,
  plans: { existing: Contestant | null; person: Person }[],
  newContestants: Contestant[],
  entries: Entry[],
  trail: (() => AuditInput)[],
): Promise<void> {
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
}

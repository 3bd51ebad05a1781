import { EntityManager } from 'typeorm';
import { Actor } from '../../audit/actor';
import { AuditService } from '../../audit/audit.service';
import { nowIso } from '../../database/time';
import { Contestant } from '../entities/contestant.entity';
import { Entry } from '../entities/entry.entity';
import { ImportCommit, ImportWritten } from '../entities/import-commit.entity';
import { Unit } from '../entities/unit.entity';
import { chunks } from './import-facts';

function merged(a: ImportWritten, b: ImportWritten): ImportWritten {
  return {
    entries: [...a.entries, ...b.entries],
    contestants: [...a.contestants, ...b.contestants],
    units: [...a.units, ...b.units],
    updated: [...a.updated, ...b.updated],
  };
}

/**
 * Records what a commit's parts have written so far, in the part's transaction: the first part
 * creates the journal row, the next ones rewrite it, the last removes it. Answers the new total.
 */
export async function journal(
  manager: EntityManager,
  job: { id: string; editionId: number; fileName: string; actor: Actor },
  before: ImportWritten,
  part: ImportWritten,
  { first, last }: { first: boolean; last: boolean },
): Promise<ImportWritten> {
  const written = merged(before, part);
  const now = nowIso();
  if (last) {
    await manager.delete(ImportCommit, { id: job.id });
  } else if (first) {
    await manager.insert(ImportCommit, {
      id: job.id,
      editionId: job.editionId,
      fileName: job.fileName,
      actorId: job.actor.id,
      actorName: job.actor.name,
      written,
      startedAt: now,
      updatedAt: now,
    });
  } else {
    await manager.update(ImportCommit, { id: job.id }, { written, updatedAt: now });
  }
  return written;
}

/**
 * Removes what an unfinished commit wrote — its entries, the contestants and units it created
 * (unless something else has come to use them meanwhile), the earlier contestants' fields as they
 * were — records that in the audit log and drops the journal, in the caller's transaction.
 * Answers false when there was nothing to undo.
 */
export async function undoCommit(
  manager: EntityManager,
  audit: AuditService,
  actor: Actor,
  id: string,
  cause: string,
): Promise<boolean> {
  // Locked on PostgreSQL: two instances recovering at once undo it once.
  const row = await manager.findOne(ImportCommit, {
    where: { id },
    ...(manager.connection.options.type === 'postgres'
      ? { lock: { mode: 'pessimistic_write' as const } }
      : {}),
  });
  if (!row) {
    return false;
  }
  const { entries, contestants, units, updated } = row.written;
  for (const ids of chunks(entries)) {
    await manager
      .createQueryBuilder()
      .delete()
      .from(Entry)
      .where('id IN (:...ids)', { ids })
      .execute();
  }
  for (const { id: contestantId, before } of [...updated].reverse()) {
    await manager.update(Contestant, { id: contestantId }, before as Partial<Contestant>);
  }
  let contestantsRemoved = 0;
  for (const ids of chunks(contestants)) {
    const result = await manager
      .createQueryBuilder()
      .delete()
      .from(Contestant)
      .where('id IN (:...ids)', { ids })
      .andWhere(
        'NOT EXISTS (SELECT 1 FROM "entries" "e" WHERE "e"."contestantId" = "contestants"."id")',
      )
      .execute();
    contestantsRemoved += result.affected ?? 0;
  }
  let unitsRemoved = 0;
  for (const ids of chunks(units)) {
    const result = await manager
      .createQueryBuilder()
      .delete()
      .from(Unit)
      .where('id IN (:...ids)', { ids })
      .andWhere('NOT EXISTS (SELECT 1 FROM "contestants" "c" WHERE "c"."unitId" = "units"."id")')
      .execute();
    unitsRemoved += result.affected ?? 0;
  }
  await audit.append(manager, {
    actor,
    action: 'import.rolled_back',
    entityType: 'import',
    entityId: row.id,
    after: {
      editionId: row.editionId,
      fileName: row.fileName,
      startedBy: row.actorName,
      startedAt: row.startedAt,
      entries,
      contestantsRemoved,
      unitsRemoved,
      contestantsRestored: updated.map((u) => u.id),
    },
    reason: `批量导入未完成，已写入的 ${entries.length} 条报名已撤回：${cause}`,
  });
  await manager.delete(ImportCommit, { id: row.id });
  return true;
}

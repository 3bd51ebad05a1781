import { EntityManager } from 'typeorm';
import { runSql } from '../database/sql';
import { entryNumber } from './submission-rules';

/**
 * The highest running number of 报名号 each event has given (0 for none). Not a count of its
 * entries: the entries of a sheet whose commit could not finish are removed again
 * (ImportCommit), and a count would then hand out a number that an entry made meanwhile holds.
 */
export async function lastEntryNumbers(
  manager: EntityManager,
  eventIds: number[],
): Promise<Map<number, number>> {
  const last = new Map<number, number>();
  for (const eventId of eventIds) {
    // The year is four digits and the event's part fixed: the running number starts here.
    const from = entryNumber(2000, eventId, 0).length - 2;
    const [row] = await runSql<{ n: number | string | null }>(
      manager,
      'SELECT MAX(CAST(SUBSTR("entryNo", $1) AS INTEGER)) AS "n" FROM "entries" WHERE "eventId" = $2',
      [from, eventId],
    );
    last.set(eventId, Number(row?.n ?? 0));
  }
  return last;
}

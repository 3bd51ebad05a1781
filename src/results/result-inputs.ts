import { EntityManager, In, LessThan } from 'typeorm';
import { TEAM_SIZE } from '../domain/competition';
import type { EventOptions } from '../domain/event-rules';
import type { ResultInput } from '../domain/results';
import { CompetitionEvent } from '../editions/entities/competition-event.entity';
import { Edition } from '../editions/entities/edition.entity';
import type { PieceScore } from '../judging/scoring.service';
import { Entry } from '../registration/entities/entry.entity';
import { ResultRow } from './entities/result-row.entity';

/**
 * What the domain needs of each approved entry: its locked marks, whether it competed, its
 * level, and whether it is a past prize-winner the event excludes. Loads; decides nothing.
 */
export async function resultInputs(
  manager: EntityManager,
  event: CompetitionEvent,
  options: EventOptions,
  scores: readonly PieceScore[],
): Promise<{ entries: Entry[]; inputs: ResultInput[] }> {
  const byEntry = new Map(scores.map((s) => [s.entryId, s]));
  const entries = await manager.find(Entry, {
    where: { eventId: event.id, status: 'approved' },
    relations: { contestant: true },
  });
  const pastWinners = await pastWinnerIds(manager, event, options.pastWinnerEditions);
  const inputs = entries.map((e): ResultInput => {
    const score = byEntry.get(e.id);
    return {
      id: e.id,
      status:
        e.checkInStatus === 'present' && score !== undefined && score.practical !== null
          ? 'competed'
          : 'absent',
      theory: score?.theory ?? null,
      theoryAbsent: score?.theoryAbsent ?? false,
      practical: score?.practical ?? 0,
      timeUsedSeconds: score?.timeUsedSeconds ?? null,
      currentLevel: e.contestant?.qualificationLevel ?? null,
      teamSize: TEAM_SIZE[event.mode],
      modules: score?.modules ?? {},
      pastWinner: pastWinners.has(e.contestantId),
    };
  });
  return { entries, inputs };
}

/**
 * Contestants who won a 1st–3rd prize in the same occupation in the `editions` editions before
 * this one (final results only). 优胜奖 does not count: it is not a prize.
 */
async function pastWinnerIds(
  manager: EntityManager,
  event: CompetitionEvent,
  editions: number,
): Promise<Set<number>> {
  if (editions === 0) {
    return new Set();
  }
  const edition = await manager.findOneByOrFail(Edition, { id: event.editionId });
  const earlier = await manager.find(Edition, {
    where: { year: LessThan(edition.year) },
    order: { year: 'DESC' },
    take: editions,
  });
  const events = await manager.find(CompetitionEvent, {
    where: {
      editionId: In(earlier.map((e) => e.id)),
      occupation: event.occupation,
      resultsStatus: 'final',
    },
  });
  const rows = await manager.find(ResultRow, {
    where: { eventId: In(events.map((e) => e.id)), prize: In([1, 2, 3]) },
  });
  return new Set(rows.map((r) => r.contestantId));
}

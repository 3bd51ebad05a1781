import { FinalizeRefusal } from '../domain/final';
import { CompetitionEvent } from '../editions/entities/competition-event.entity';
import { ResultRow } from './entities/result-row.entity';

/** The message of each reason the results cannot become final (the code is the contract). */
export const FINALIZE_MESSAGES: Record<FinalizeRefusal, (e: CompetitionEvent) => string> = {
  RESULTS_FINAL: () => 'The results are already final.',
  RESULTS_NOT_PUBLISHED: () => 'Publish the results first.',
  PUBLICATION_NOT_OVER: (e) => `Publication runs until ${e.publicationEnd}.`,
  APPEALS_OPEN: () => 'Decide every appeal before the results become final.',
  RESULTS_NOT_LOCKED: () => 'Lock every module before the results become final.',
  RESULTS_STALE: () =>
    'The marks changed since the results were computed; compute them again first.',
};

/** Whether a computation would store exactly what is stored. */
export function sameResults(previous: Map<number, ResultRow>, rows: ResultRow[]): boolean {
  const content = (r: ResultRow) =>
    JSON.stringify([
      r.contestantId,
      r.status,
      r.totalHundredths === null ? null : Number(r.totalHundredths),
      r.rank,
      r.tied,
      Boolean(r.theoryAbsent),
      r.prize,
      r.noPrizeReason,
      r.grant,
    ]);
  return (
    previous.size === rows.length &&
    rows.every((r) => previous.has(r.entryId) && content(previous.get(r.entryId)!) === content(r))
  );
}

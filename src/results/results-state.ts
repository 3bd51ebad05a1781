import { EntityManager, In } from 'typeorm';
import { conflict } from '../common/errors/app-error';
import { glossaryTerm, upgradeNoteText, type Locale } from '../common/i18n/glossary';
import { FinalizeRefusal } from '../domain/final';
import type { Upgrade } from '../domain/rewards';
import { BlindCode } from '../registration/entities/blind-code.entity';
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

/** 409 THEORY_MISSING naming the work-piece and check-in codes the chief judge looks up. */
export async function assertTheoryComplete(
  manager: EntityManager,
  eventId: number,
  entryIds: number[],
): Promise<void> {
  if (entryIds.length === 0) {
    return;
  }
  const codes = await manager.find(BlindCode, {
    where: { eventId, entryId: In(entryIds) },
    order: { workpieceCode: 'ASC' },
  });
  throw conflict(
    'THEORY_MISSING',
    `The event weighs theory but ${entryIds.length} competitor(s) have no theory score; ` +
      'import it, or the chief judge marks them absent from theory with a reason.',
    {
      workpieceCodes: codes.map((c) => c.workpieceCode),
      checkInCodes: codes.map((c) => c.checkInCode),
    },
  );
}

/** "高级工（三级） → 技师（二级）" or why there is no promotion, in the request's language. */
export function upgradeText(upgrade: Upgrade, locale: Locale): string {
  if (!upgrade.to) {
    return upgradeNoteText(upgrade.code, locale);
  }
  const from = upgrade.from ? glossaryTerm('levels', upgrade.from, locale) : '—';
  return `${from} → ${glossaryTerm('levels', upgrade.to, locale)}`;
}

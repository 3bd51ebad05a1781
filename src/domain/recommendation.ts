/**
 * 推荐: the city names the entries it sends to the provincial or national selection, each with
 * a reason (docs/domain.md "Rewards", matching) — chosen by people, not "the best N": a rank is
 * where a choice starts, but a winner may decline, be too old for the next competition, or the
 * selection may ask for a trio. Matching pays only for those named here.
 */

export interface RecommendationPick {
  entryId: number;
  reason: string;
}

/** An entry of the event as its results show it. */
export interface Recommendable {
  entryId: number;
  contestantId: number;
  /** 'competed' when the entry has a total and a rank. */
  status: string;
  rank: number | null;
}

export type RecommendationRefusal =
  | 'RECOMMENDATION_EMPTY'
  | 'RECOMMENDATION_DUPLICATE'
  | 'RECOMMENDATION_ENTRY_UNKNOWN'
  | 'RECOMMENDATION_NOT_COMPETED'
  | 'RECOMMENDATION_REASON_REQUIRED';

export type RecommendationCheck =
  | { ok: true; picks: (RecommendationPick & Recommendable)[] }
  | { ok: false; code: RecommendationRefusal; entryIds: number[] };

/**
 * The picks as they will be stored, or the first rule they break with the entries concerned:
 * every pick an entry of the event that competed (has a rank), each once in the request and not
 * already recommended at that level, each with a reason.
 */
export function checkRecommendations(
  picks: readonly RecommendationPick[],
  results: readonly Recommendable[],
  alreadyRecommended: readonly number[],
): RecommendationCheck {
  if (picks.length === 0) {
    return { ok: false, code: 'RECOMMENDATION_EMPTY', entryIds: [] };
  }
  const byEntry = new Map(results.map((r) => [r.entryId, r]));
  const fail = (
    code: RecommendationRefusal,
    bad: (p: RecommendationPick, i: number) => boolean,
  ) => {
    const entryIds = picks.filter(bad).map((p) => p.entryId);
    return entryIds.length > 0 ? ({ ok: false, code, entryIds } as const) : null;
  };
  const held = new Set(alreadyRecommended);
  return (
    fail('RECOMMENDATION_ENTRY_UNKNOWN', (p) => !byEntry.has(p.entryId)) ??
    fail('RECOMMENDATION_NOT_COMPETED', (p) => {
      const r = byEntry.get(p.entryId)!;
      return r.status !== 'competed' || r.rank === null;
    }) ??
    fail(
      'RECOMMENDATION_DUPLICATE',
      (p, i) => picks.findIndex((q) => q.entryId === p.entryId) !== i || held.has(p.entryId),
    ) ??
    fail('RECOMMENDATION_REASON_REQUIRED', (p) => p.reason.trim().length === 0) ?? {
      ok: true,
      picks: picks.map((p) => ({ ...p, reason: p.reason.trim(), ...byEntry.get(p.entryId)! })),
    }
  );
}

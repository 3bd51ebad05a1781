/**
 * Duplicate external results are found on a normalised key, so that the same result typed twice
 * (a trailing space, "（2026）", full-width digits) cannot earn a second 1:1 matching reward.
 */

const BRACKETS = /[()（）[\]【】〔〕〖〗《》〈〉<>「」『』{}｛｝"'“”‘’]/g;

/**
 * A competition or event name as a comparable string: NFKC (full-width → half-width), lower
 * case, no whitespace or brackets, and without the record's own year ("2026", "2026年"), which
 * is a field of its own. Another year in the name stays: that is another competition.
 */
export function normaliseName(name: string, year?: number): string {
  let s = name.normalize('NFKC').toLowerCase().replace(/\s+/gu, '').replace(BRACKETS, '');
  if (year !== undefined) {
    s = s.split(`${year}年`).join('').split(String(year)).join('');
  }
  return s;
}

export interface ExternalResultIdentity {
  contestantId: number;
  level: string;
  competition: string;
  year: number;
  eventName: string;
}

/** At most 400 characters (the column): the names are at most 200 and 100 long. */
export function externalResultKey(r: ExternalResultIdentity): string {
  return [
    r.contestantId,
    r.level,
    normaliseName(r.competition, r.year),
    r.year,
    normaliseName(r.eventName, r.year),
  ]
    .join('|')
    .slice(0, 400);
}

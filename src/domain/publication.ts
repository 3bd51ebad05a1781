/**
 * 公示 (publication) of an event's results (docs/domain.md "The day"): it lasts at least the
 * policy's minimum (default 5 days; no primary source fixes it, 5–7 working days is usual) and
 * does not start in the past. A window that breaks either needs the chief judge and a reason —
 * a re-publication after a late correction is the real case — and the exception is audited.
 */

export const DAY_MS = 24 * 3600_000;

/**
 * "Now" from the console arrives a moment later at the server, and a desk computer's clock may
 * run a few minutes behind: a start up to this long before the server's clock is not "past".
 */
export const PUBLICATION_START_GRACE_MS = 10 * 60_000;

export type PublicationException = 'starts-in-past' | 'too-short';

export type PublicationRefusal =
  | 'PUBLICATION_DATES'
  | 'PUBLICATION_IN_PAST'
  | 'PUBLICATION_TOO_SHORT'
  | 'PUBLICATION_REASON_REQUIRED';

export interface PublicationRequest {
  start: string;
  end: string;
  /** The server's clock (ISO). */
  now: string;
  /** The edition's policy: publication.minDays. */
  minDays: number;
  /** The chief judge asks for it (their own session, or confirmed on the organiser's screen). */
  byChief: boolean;
  reason: string | null | undefined;
}

export interface PublicationVerdict {
  refusal: PublicationRefusal | null;
  /** What the window breaks (empty for an ordinary window); audited with the reason. */
  exceptions: PublicationException[];
  /** The window's length in days (two decimals), for the messages. */
  days: number;
}

export function publicationVerdict(r: PublicationRequest): PublicationVerdict {
  const start = Date.parse(r.start);
  const end = Date.parse(r.end);
  const days = Math.round(((end - start) / DAY_MS) * 100) / 100;
  if (!(end > start)) {
    return { refusal: 'PUBLICATION_DATES', exceptions: [], days };
  }
  const exceptions: PublicationException[] = [];
  if (start < Date.parse(r.now) - PUBLICATION_START_GRACE_MS) {
    exceptions.push('starts-in-past');
  }
  if (end - start < r.minDays * DAY_MS) {
    exceptions.push('too-short');
  }
  if (exceptions.length === 0) {
    return { refusal: null, exceptions, days };
  }
  if (!r.byChief) {
    const refusal =
      exceptions[0] === 'starts-in-past' ? 'PUBLICATION_IN_PAST' : 'PUBLICATION_TOO_SHORT';
    return { refusal, exceptions, days };
  }
  const reasoned = typeof r.reason === 'string' && r.reason.trim().length > 0;
  return { refusal: reasoned ? null : 'PUBLICATION_REASON_REQUIRED', exceptions, days };
}

import type { Upgrade } from './rewards';

/**
 * At most one promotion a year per person, across events and editions (docs/domain.md
 * "Rewards"; an option of the policy, off in the 2015 default, used by some cities). A promotion
 * belongs to the year its results became final (Beijing time): that is when it is decided and
 * the certificate is dated. Promotions already in the ledger keep theirs — paid history never
 * changes — and the new ones of a person's year are taken in the order their results became
 * final (then by event): the first is granted, each later one is kept as not granted, with the
 * reason naming the promotion that was granted.
 */

export interface PromotionCandidate {
  /** Identifies the grant (e.g. "event:12|34"). */
  key: string;
  /** The person (contestants are one row per ID number across editions). */
  person: number;
  /** When the results that bring it became final (ISO instant). */
  decidedAt: string;
  /** Breaks a tie of decidedAt (the event id). */
  order: number;
  /** What it is, in Chinese, as a reason would name it ("2027 数控车工 一等奖"). */
  label: string;
  upgrade: Upgrade;
}

/** A promotion the ledger already holds (another edition, or events computed before). */
export interface HeldPromotion {
  person: number;
  decidedAt: string;
  label: string;
}

const BEIJING_OFFSET_MS = 8 * 3600_000;

/** The calendar year of an instant in Beijing time (UTC+8, no daylight saving). */
export function beijingYear(iso: string): number {
  return new Date(new Date(iso).getTime() + BEIJING_OFFSET_MS).getUTCFullYear();
}

/** The upgrade a not-granted second promotion is recorded with. */
export function secondPromotion(upgrade: Upgrade, year: number, grantedFor: string): Upgrade {
  return {
    from: upgrade.from,
    to: null,
    code: 'once-a-year',
    reason: `at most one promotion a year: already promoted in ${year} (${grantedFor})`,
    reasonZh: `每人每年至多晋升一次：${year}年已因“${grantedFor}”晋升，本次不再晋升`,
  };
}

/**
 * The upgrade each candidate keeps: its own, or a not-granted one when the person was already
 * promoted that year. Candidates that bring no promotion pass unchanged. Pure and idempotent:
 * the same candidates and held promotions always give the same answer.
 */
export function onePromotionAYear(
  candidates: readonly PromotionCandidate[],
  held: readonly HeldPromotion[],
): Map<string, Upgrade> {
  const granted = new Map<string, string>();
  const slot = (person: number, decidedAt: string) => `${person}|${beijingYear(decidedAt)}`;
  for (const h of [...held].sort((a, b) => a.decidedAt.localeCompare(b.decidedAt))) {
    if (!granted.has(slot(h.person, h.decidedAt))) {
      granted.set(slot(h.person, h.decidedAt), h.label);
    }
  }
  const out = new Map<string, Upgrade>();
  const ordered = [...candidates].sort(
    (a, b) =>
      a.decidedAt.localeCompare(b.decidedAt) || a.order - b.order || a.key.localeCompare(b.key),
  );
  for (const c of ordered) {
    if (c.upgrade.to === null) {
      out.set(c.key, c.upgrade);
      continue;
    }
    const key = slot(c.person, c.decidedAt);
    const first = granted.get(key);
    if (first === undefined) {
      granted.set(key, c.label);
      out.set(c.key, c.upgrade);
    } else {
      out.set(c.key, secondPromotion(c.upgrade, beijingYear(c.decidedAt), first));
    }
  }
  return out;
}

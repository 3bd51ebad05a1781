import type { ContestantGroup } from './competition';
import type { Prize } from './prizes';
import type { QualificationLevel } from './qualification';

/**
 * The reward policy as data (docs/domain.md "Rewards (defaults, the 2015 policy as data)"): what each
 * prize of each group brings, and the 1:1 matching rule, each tied to the clause it comes from so
 * a certificate or a payment can always say why. The default file is
 * data/policies/wuxi-2015.json (item 17 of 锡政发〔2015〕339号); a later policy is a new file, not
 * an edit of this code. The file is read elsewhere and checked by policy-validation.ts; the
 * ladders the console offers are in policy-ladders.ts.
 */

export const PRIZES: readonly Prize[] = [1, 2, 3];

export type TeamCash = 'per-member' | 'shared';
export const TEAM_CASH: readonly TeamCash[] = ['per-member', 'shared'];

export type ExternalLevel = 'provincial' | 'national' | 'world';
export const EXTERNAL_LEVELS: readonly ExternalLevel[] = ['provincial', 'national', 'world'];

export interface PolicyClause {
  /** Stable reference used by titles, prizes and the matching rule, e.g. "17.worker.1". */
  id: string;
  /** Where it comes from, e.g. "锡政发〔2015〕339号 第17条", or the practice it records. */
  source: string;
  quote: string;
}

export interface PolicyTitle {
  name: string;
  en: string;
  clause: string;
}

export interface PrizeGrantRule {
  clauses: string[];
  /** Names from the policy's own `titles` list. */
  titles: string[];
  /** 享受市劳模待遇 (item 17: worker 1st prize). */
  modelWorkerTreatment: boolean;
  /** 晋升相应等级职业资格: the target level; null when the prize brings no promotion. */
  qualification: { target: QualificationLevel } | null;
  /** Integer yuan, per person when teamCash is 'per-member', per team when 'shared'. */
  cash: number;
  teamCash: TeamCash;
  certificate: boolean;
}

export interface MatchingLevelRule {
  /** Placings 1..maxPlacing qualify (national top 5, provincial top 3 in item 17). */
  maxPlacing: number;
}

export interface MatchingRule {
  clause: string;
  /** null: the policy pays no matching reward for results at that level. */
  national: MatchingLevelRule | null;
  provincial: MatchingLevelRule | null;
  world: MatchingLevelRule | null;
  /** City amount = ratio × the amount paid there (item 17: 1:1). */
  ratio: number;
}

/**
 * How promotions work (docs/domain.md "Rewards"), each setting with the clause it comes from:
 * the ladder promoted on, the highest level a competition may award, and whether a person is
 * promoted at most once a year across events and editions (some cities' rule).
 */
export interface PromotionRule {
  /** Levels lowest first, a subsequence of QUALIFICATION_LEVELS (2015: five; 2022: eight). */
  ladder: { levels: QualificationLevel[]; clause: string };
  /** 特级/首席技师 are chosen by employers: a competition promotes at most to 高级技师 by default. */
  cap: { level: QualificationLevel; clause: string };
  /** A second promotion in the same year is kept in the ledger as not granted, with the reason. */
  oncePerYear: { enabled: boolean; clause: string };
}

/** 公示: the shortest publication allowed without the chief judge's reasoned exception. */
export interface PublicationRule {
  minDays: number;
  clause: string;
}

export interface RewardPolicy {
  id: string;
  name: string;
  source: { document: string; title: string; item: number };
  clauses: PolicyClause[];
  titles: PolicyTitle[];
  prizes: Record<ContestantGroup, Record<Prize, PrizeGrantRule>>;
  matching: MatchingRule;
  promotion: PromotionRule;
  publication: PublicationRule;
}

/** Publication shorter than this many days, or longer than the max, is not a setting. */
export const PUBLICATION_DAYS = { min: 1, max: 30 } as const;

import { CONTESTANT_GROUPS, type ContestantGroup } from './competition';
import type { Prize } from './prizes';
import {
  compareLevels,
  isQualificationLevel,
  LADDER_2015,
  LADDER_2022,
  type Ladder,
  type QualificationLevel,
} from './qualification';

/**
 * The reward policy as data (docs/domain.md "Rewards (defaults, the 2015 policy as data)"): what each
 * prize of each group brings, and the 1:1 matching rule, each tied to the clause it comes from so
 * a certificate or a payment can always say why. The default file is
 * data/policies/wuxi-2015.json (item 17 of 锡政发〔2015〕339号); a later policy is a new file, not
 * an edit of this code. The file is read elsewhere; this module only checks what was read.
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

/**
 * The ladders the console offers, each with the clause a policy cites for it. The 2015 one is
 * what data/policies/wuxi-2015.json holds; the 2022 one is 人社部's eight-level sequence.
 */
export const LADDER_PRESETS: Record<'2015' | '2022', { levels: Ladder; clause: PolicyClause }> = {
  '2015': {
    levels: LADDER_2015,
    clause: {
      id: 'practice.ladder-2015',
      source: '国家职业资格五个等级（职业资格证书制度）',
      quote: '五级/初级工、四级/中级工、三级/高级工、二级/技师、一级/高级技师',
    },
  },
  '2022': {
    levels: LADDER_2022,
    clause: {
      id: 'practice.ladder-2022',
      source: '人社部《关于健全完善新时代技能人才职业技能等级制度的意见（试行）》（2022）',
      quote:
        '在原有“五级”框架基础上，往下补设学徒工，往上增设特级技师和首席技师技术职务（岗位），形成由学徒工、初级工、中级工、高级工、技师、高级技师、特级技师、首席技师构成的职业技能等级（岗位）序列',
    },
  },
};

export type PolicyErrorCode =
  | 'POLICY_TYPE'
  | 'POLICY_MISSING_PRIZE'
  | 'POLICY_UNKNOWN_PRIZE'
  | 'POLICY_UNKNOWN_GROUP'
  | 'POLICY_NEGATIVE_AMOUNT'
  | 'POLICY_AMOUNT_NOT_INTEGER'
  | 'POLICY_UNKNOWN_LEVEL'
  | 'POLICY_UNKNOWN_TITLE'
  | 'POLICY_DUPLICATE_TITLE'
  | 'POLICY_DUPLICATE_CLAUSE'
  | 'POLICY_UNKNOWN_CLAUSE'
  | 'POLICY_TEAM_CASH'
  | 'POLICY_BAD_PLACING'
  | 'POLICY_BAD_RATIO'
  | 'POLICY_LADDER_EMPTY'
  | 'POLICY_LADDER_DUPLICATE'
  | 'POLICY_LADDER_ORDER'
  | 'POLICY_CAP_NOT_ON_LADDER'
  | 'POLICY_TARGET_NOT_ON_LADDER'
  | 'POLICY_TARGET_ABOVE_CAP'
  | 'POLICY_BAD_DAYS';

export interface PolicyError {
  /** JSON path of the offending value, e.g. "prizes.worker.2.cash". */
  path: string;
  code: PolicyErrorCode;
  message: string;
}

export type ValidatePolicyResult =
  { ok: true; policy: RewardPolicy } | { ok: false; errors: PolicyError[] };

/**
 * Checks parsed JSON and returns a typed policy or every error found (not just the first, so an
 * organizer fixes a file in one pass). Titles must be declared in the file's own `titles` list,
 * each tied to a clause: item 17 says "等荣誉称号" (and other titles), so the set is open per
 * policy, yet a typo in a title would end up printed on a certificate — declaring titles once and
 * referencing them catches it. Every clause reference must exist, and clause ids are unique.
 */
export function validatePolicy(json: unknown): ValidatePolicyResult {
  const errors: PolicyError[] = [];
  const v = new Checker(errors);
  if (!v.object(json, '')) {
    return { ok: false, errors };
  }
  v.string(json.id, 'id');
  v.string(json.name, 'name');
  if (v.object(json.source, 'source')) {
    v.string(json.source.document, 'source.document');
    v.string(json.source.title, 'source.title');
    v.integer(json.source.item, 'source.item');
  }

  const clauseIds = new Set<string>();
  v.array(json.clauses, 'clauses', (c, path) => {
    if (!v.object(c, path)) {
      return;
    }
    if (v.string(c.id, `${path}.id`)) {
      if (clauseIds.has(c.id)) {
        v.push(`${path}.id`, 'POLICY_DUPLICATE_CLAUSE', `Clause ${c.id} is declared twice.`);
      }
      clauseIds.add(c.id);
    }
    v.string(c.source, `${path}.source`);
    v.string(c.quote, `${path}.quote`);
  });
  const clauseRef = (value: unknown, path: string) => {
    if (v.string(value, path) && !clauseIds.has(value)) {
      v.push(path, 'POLICY_UNKNOWN_CLAUSE', `No clause ${value} in the policy.`);
    }
  };

  const titleNames = new Set<string>();
  v.array(json.titles, 'titles', (t, path) => {
    if (!v.object(t, path)) {
      return;
    }
    if (v.string(t.name, `${path}.name`)) {
      if (titleNames.has(t.name)) {
        v.push(`${path}.name`, 'POLICY_DUPLICATE_TITLE', `Title ${t.name} is declared twice.`);
      }
      titleNames.add(t.name);
    }
    v.string(t.en, `${path}.en`);
    clauseRef(t.clause, `${path}.clause`);
  });

  const scale = checkPromotion(v, json.promotion, clauseRef);
  checkPublication(v, json.publication, clauseRef);

  if (v.object(json.prizes, 'prizes')) {
    const prizes = json.prizes;
    for (const key of Object.keys(prizes)) {
      if (!(CONTESTANT_GROUPS as readonly string[]).includes(key)) {
        v.push(`prizes.${key}`, 'POLICY_UNKNOWN_GROUP', `${key} is not a contestant group.`);
      }
    }
    for (const group of CONTESTANT_GROUPS) {
      const gPath = `prizes.${group}`;
      const byPrize = prizes[group];
      if (byPrize === undefined) {
        v.push(gPath, 'POLICY_MISSING_PRIZE', `The ${group} group has no prizes.`);
        continue;
      }
      if (!v.object(byPrize, gPath)) {
        continue;
      }
      for (const key of Object.keys(byPrize)) {
        if (!['1', '2', '3'].includes(key)) {
          v.push(`${gPath}.${key}`, 'POLICY_UNKNOWN_PRIZE', `Prizes are 1, 2 and 3, not ${key}.`);
        }
      }
      for (const prize of PRIZES) {
        const path = `${gPath}.${prize}`;
        const rule = byPrize[String(prize)];
        if (rule === undefined) {
          v.push(
            path,
            'POLICY_MISSING_PRIZE',
            `The ${group} group has no rule for prize ${prize}.`,
          );
        } else {
          checkPrizeRule(v, rule, path, clauseRef, titleNames, scale);
        }
      }
    }
  }

  if (v.object(json.matching, 'matching')) {
    const m = json.matching;
    clauseRef(m.clause, 'matching.clause');
    for (const level of EXTERNAL_LEVELS) {
      const rule = m[level];
      const path = `matching.${level}`;
      if (rule === null) {
        continue;
      }
      if (v.object(rule, path)) {
        const p = rule.maxPlacing;
        if (!(typeof p === 'number' && Number.isInteger(p) && p >= 1)) {
          v.push(`${path}.maxPlacing`, 'POLICY_BAD_PLACING', 'maxPlacing is a whole number ≥ 1.');
        }
      }
    }
    if (!(typeof m.ratio === 'number' && Number.isFinite(m.ratio) && m.ratio > 0)) {
      v.push('matching.ratio', 'POLICY_BAD_RATIO', 'The matching ratio is a number > 0.');
    }
  }

  return errors.length === 0
    ? { ok: true, policy: json as unknown as RewardPolicy }
    : { ok: false, errors };
}

/** The ladder and cap as far as they are valid (null where not), for the prizes' targets. */
interface Scale {
  ladder: readonly QualificationLevel[] | null;
  cap: QualificationLevel | null;
}

/**
 * The ladder is known levels, lowest first, each once (a contestant's level off the ladder is
 * still placed by the one order of all levels); the cap is on it.
 */
function checkPromotion(
  v: Checker,
  promotion: unknown,
  clauseRef: (value: unknown, path: string) => void,
): Scale {
  const scale: Scale = { ladder: null, cap: null };
  if (!v.object(promotion, 'promotion')) {
    return scale;
  }
  const { ladder, cap, oncePerYear } = promotion;
  if (v.object(ladder, 'promotion.ladder')) {
    clauseRef(ladder.clause, 'promotion.ladder.clause');
    const levels = ladder.levels;
    const path = 'promotion.ladder.levels';
    if (!Array.isArray(levels)) {
      v.push(path, 'POLICY_TYPE', 'Expected a list.');
    } else if (levels.length === 0) {
      v.push(path, 'POLICY_LADDER_EMPTY', 'A ladder has at least one level.');
    } else {
      const before = v.count();
      levels.forEach((level: unknown, i) => {
        if (!isQualificationLevel(level)) {
          v.push(`${path}[${i}]`, 'POLICY_UNKNOWN_LEVEL', `${String(level)} is not a level.`);
        } else if (levels.indexOf(level) !== i) {
          v.push(`${path}[${i}]`, 'POLICY_LADDER_DUPLICATE', `${level} is on the ladder twice.`);
        } else if (i > 0 && isQualificationLevel(levels[i - 1])) {
          if (compareLevels(levels[i - 1] as QualificationLevel, level) > 0) {
            v.push(`${path}[${i}]`, 'POLICY_LADDER_ORDER', 'A ladder lists levels lowest first.');
          }
        }
      });
      if (v.count() === before) {
        scale.ladder = levels as QualificationLevel[];
      }
    }
  }
  if (v.object(cap, 'promotion.cap')) {
    clauseRef(cap.clause, 'promotion.cap.clause');
    if (!isQualificationLevel(cap.level)) {
      v.push('promotion.cap.level', 'POLICY_UNKNOWN_LEVEL', `${String(cap.level)} is not a level.`);
    } else if (scale.ladder && !scale.ladder.includes(cap.level)) {
      v.push(
        'promotion.cap.level',
        'POLICY_CAP_NOT_ON_LADDER',
        `${cap.level} is not on the ladder.`,
      );
    } else {
      scale.cap = cap.level;
    }
  }
  if (v.object(oncePerYear, 'promotion.oncePerYear')) {
    v.boolean(oncePerYear.enabled, 'promotion.oncePerYear.enabled');
    clauseRef(oncePerYear.clause, 'promotion.oncePerYear.clause');
  }
  return scale;
}

function checkPublication(
  v: Checker,
  publication: unknown,
  clauseRef: (value: unknown, path: string) => void,
): void {
  if (!v.object(publication, 'publication')) {
    return;
  }
  const days = publication.minDays;
  if (!(
    typeof days === 'number' &&
    Number.isInteger(days) &&
    days >= PUBLICATION_DAYS.min &&
    days <= PUBLICATION_DAYS.max
  )) {
    v.push(
      'publication.minDays',
      'POLICY_BAD_DAYS',
      `minDays is a whole number from ${PUBLICATION_DAYS.min} to ${PUBLICATION_DAYS.max}.`,
    );
  }
  clauseRef(publication.clause, 'publication.clause');
}

function checkPrizeRule(
  v: Checker,
  rule: unknown,
  path: string,
  clauseRef: (value: unknown, path: string) => void,
  titleNames: ReadonlySet<string>,
  scale: Scale,
): void {
  if (!v.object(rule, path)) {
    return;
  }
  v.array(rule.clauses, `${path}.clauses`, clauseRef);
  v.array(rule.titles, `${path}.titles`, (t, tPath) => {
    if (v.string(t, tPath) && !titleNames.has(t)) {
      v.push(tPath, 'POLICY_UNKNOWN_TITLE', `${t} is not among the policy's titles.`);
    }
  });
  v.boolean(rule.modelWorkerTreatment, `${path}.modelWorkerTreatment`);
  v.boolean(rule.certificate, `${path}.certificate`);
  const q = rule.qualification;
  const targetPath = `${path}.qualification.target`;
  if (q !== null && v.object(q, `${path}.qualification`)) {
    if (!isQualificationLevel(q.target)) {
      v.push(
        targetPath,
        'POLICY_UNKNOWN_LEVEL',
        `${String(q.target)} is not a qualification level.`,
      );
    } else if (scale.ladder && !scale.ladder.includes(q.target)) {
      v.push(targetPath, 'POLICY_TARGET_NOT_ON_LADDER', `${q.target} is not on the ladder.`);
    } else if (scale.cap && compareLevels(q.target, scale.cap) > 0) {
      v.push(targetPath, 'POLICY_TARGET_ABOVE_CAP', `${q.target} is above the cap ${scale.cap}.`);
    }
  }
  const cash = rule.cash;
  if (typeof cash !== 'number' || !Number.isFinite(cash)) {
    v.push(`${path}.cash`, 'POLICY_TYPE', 'cash is a number of yuan.');
  } else if (cash < 0) {
    v.push(`${path}.cash`, 'POLICY_NEGATIVE_AMOUNT', 'cash cannot be negative.');
  } else if (!Number.isInteger(cash)) {
    v.push(`${path}.cash`, 'POLICY_AMOUNT_NOT_INTEGER', 'cash is in whole yuan.');
  }
  if (!(TEAM_CASH as readonly unknown[]).includes(rule.teamCash)) {
    v.push(`${path}.teamCash`, 'POLICY_TEAM_CASH', `teamCash is one of ${TEAM_CASH.join(', ')}.`);
  }
}

type Json = Record<string, unknown>;

/** Small structural checks that record a POLICY_TYPE error and narrow the value. */
class Checker {
  constructor(private readonly errors: PolicyError[]) {}

  count(): number {
    return this.errors.length;
  }

  push(path: string, code: PolicyErrorCode, message: string): void {
    this.errors.push({ path: path === '' ? '$' : path, code, message });
  }

  object(value: unknown, path: string): value is Json {
    const ok = typeof value === 'object' && value !== null && !Array.isArray(value);
    if (!ok) {
      this.push(path, 'POLICY_TYPE', 'Expected an object.');
    }
    return ok;
  }

  string(value: unknown, path: string): value is string {
    const ok = typeof value === 'string' && value.trim() !== '';
    if (!ok) {
      this.push(path, 'POLICY_TYPE', 'Expected a non-empty string.');
    }
    return ok;
  }

  integer(value: unknown, path: string): value is number {
    const ok = typeof value === 'number' && Number.isInteger(value);
    if (!ok) {
      this.push(path, 'POLICY_TYPE', 'Expected a whole number.');
    }
    return ok;
  }

  boolean(value: unknown, path: string): value is boolean {
    const ok = typeof value === 'boolean';
    if (!ok) {
      this.push(path, 'POLICY_TYPE', 'Expected true or false.');
    }
    return ok;
  }

  array(value: unknown, path: string, each: (item: unknown, path: string) => void): void {
    if (!Array.isArray(value)) {
      this.push(path, 'POLICY_TYPE', 'Expected a list.');
      return;
    }
    value.forEach((item, i) => each(item, `${path}[${i}]`));
  }
}

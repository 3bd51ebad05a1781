import { CONTESTANT_GROUPS } from './competition';
import { EXTERNAL_LEVELS, PRIZES, PUBLICATION_DAYS, TEAM_CASH, type RewardPolicy } from './policy';
import { Checker, type PolicyError } from './policy-errors';
import { compareLevels, isQualificationLevel, type QualificationLevel } from './qualification';

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

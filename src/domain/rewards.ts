import type { ContestantGroup } from './competition';
import { RewardError } from './errors';
import { divRoundHalfUp, toHundredths } from './numbers';
import type { ExternalLevel, MatchingLevelRule, RewardPolicy } from './policy';
import type { Prize } from './prizes';
import {
  compareLevels,
  isQualificationLevel,
  LADDER_2015,
  levelWords,
  nextLevel,
  QUALIFICATION_LABELS,
  type Ladder,
  type QualificationLevel,
} from './qualification';

/**
 * What a prize brings to one person, and the 1:1 matching reward, read from a RewardPolicy
 * (policy.ts; the default is item 17 of 锡政发〔2015〕339号). Money is integer yuan.
 */

/**
 * to-target / one-level-up: promoted; at-top: nothing above on the ladder; at-cap: the ladder
 * goes higher but a competition may not award it; once-a-year: promoted already that year (the
 * ledger decides it, across events and editions); none: the prize brings no promotion.
 */
export type UpgradeCode =
  'to-target' | 'one-level-up' | 'at-top' | 'at-cap' | 'once-a-year' | 'none';

export interface Upgrade {
  from: QualificationLevel | null;
  to: QualificationLevel | null;
  code: UpgradeCode;
  reason: string;
  reasonZh: string;
}

/** The ladder a policy promotes on and the highest level a competition may award. */
export interface PromotionScale {
  ladder: Ladder;
  cap: QualificationLevel;
}

/** The 2015 policy's scale: five levels, up to 高级技师. */
export const SCALE_2015: PromotionScale = { ladder: LADDER_2015, cap: 'senior_technician' };

export function promotionScale(policy: Pick<RewardPolicy, 'promotion'>): PromotionScale {
  return { ladder: policy.promotion.ladder.levels, cap: policy.promotion.cap.level };
}

/**
 * docs/domain.md, "Rewards": promoted to the target level; if already at or above it, one level
 * up the policy's ladder — but not above the cap (特级/首席技师 are chosen by employers), and not
 * past the ladder's top; then no promotion and the output says why. Someone without any
 * qualification (null) is promoted to the target. A null target means the prize brings none.
 */
export function upgradeFor(
  currentLevel: QualificationLevel | null,
  target: QualificationLevel | null,
  scale: PromotionScale = SCALE_2015,
): Upgrade {
  if (currentLevel !== null && !isQualificationLevel(currentLevel)) {
    throw new RewardError('REWARD_LEVEL', `${String(currentLevel)} is not a qualification level.`);
  }
  if (target === null) {
    return {
      from: currentLevel,
      to: null,
      code: 'none',
      reason: 'the prize brings no promotion',
      reasonZh: '该奖项不含职业资格晋升',
    };
  }
  if (currentLevel === null || compareLevels(currentLevel, target) < 0) {
    return {
      from: currentLevel,
      to: target,
      code: 'to-target',
      reason: `promoted to the prize's level, ${QUALIFICATION_LABELS[target].zh}`,
      reasonZh: `晋升至${levelWords(target)}`,
    };
  }
  const next = nextLevel(currentLevel, scale.ladder);
  if (next === null) {
    return {
      from: currentLevel,
      to: null,
      code: 'at-top',
      reason: 'already at the top level',
      reasonZh: '已是最高等级，不再晋升',
    };
  }
  if (compareLevels(next, scale.cap) > 0) {
    return {
      from: currentLevel,
      to: null,
      code: 'at-cap',
      reason: `already at ${QUALIFICATION_LABELS[scale.cap].zh} or above, the highest level a competition awards`,
      reasonZh: `已达到竞赛可晋升的最高等级（${levelWords(scale.cap)}），不再晋升`,
    };
  }
  return {
    from: currentLevel,
    to: next,
    code: 'one-level-up',
    reason: `already at or above ${QUALIFICATION_LABELS[target].zh}: one level up`,
    reasonZh: `已达到${QUALIFICATION_LABELS[target].zh}或以上，晋升一级至${QUALIFICATION_LABELS[next].zh}`,
  };
}

export interface GrantInput {
  group: ContestantGroup;
  prize: Prize;
  currentLevel: QualificationLevel | null;
  /** 1 for individual events, 2 or 3 for pairs and trios. */
  teamSize: number;
}

export interface Grant {
  group: ContestantGroup;
  prize: Prize;
  clauses: string[];
  titles: string[];
  modelWorkerTreatment: boolean;
  certificate: boolean;
  upgrade: Upgrade;
  /** Integer yuan paid to this person. */
  cashPerPerson: number;
}

/**
 * The grant for one person (a team member gets one each: titles and promotion are personal).
 * Cash 'per-member' pays the full amount to each member (item 17 says "2万元/人、1万元/人");
 * 'shared' splits one amount over the team in whole yuan, rounded down — public money is not
 * paid out beyond the approved amount, so at most teamSize − 1 yuan stays unpaid.
 */
export function grantsFor(input: GrantInput, policy: RewardPolicy): Grant {
  const { group, prize, currentLevel, teamSize } = input;
  if (!Number.isInteger(teamSize) || teamSize < 1) {
    throw new RewardError('REWARD_TEAM_SIZE', `A team has 1 or more members, not ${teamSize}.`);
  }
  const rule = policy.prizes[group]?.[prize];
  if (rule === undefined) {
    throw new RewardError('REWARD_NO_RULE', `The policy has no rule for ${group} prize ${prize}.`, {
      group,
      prize,
    });
  }
  return {
    group,
    prize,
    clauses: [...rule.clauses],
    titles: [...rule.titles],
    modelWorkerTreatment: rule.modelWorkerTreatment,
    certificate: rule.certificate,
    upgrade: upgradeFor(currentLevel, rule.qualification?.target ?? null, promotionScale(policy)),
    cashPerPerson: rule.teamCash === 'per-member' ? rule.cash : Math.floor(rule.cash / teamSize),
  };
}

export interface ExternalResult {
  level: ExternalLevel;
  /** 1 = first place. */
  placing: number;
  /** Integer yuan paid to the person there (per person for team events, docs/domain.md). */
  amount: number;
}

export interface MatchingGrant {
  qualifies: boolean;
  /** Integer yuan the city pays; 0 when it does not qualify. */
  amount: number;
  reason: string;
  clause: string;
}

/**
 * Item 17: those the city recommended who place in the national top 5 or the provincial top 3
 * get a 1:1 matching reward equal to the amount paid there. World competitions are not in the
 * clause (it names "全国技能大赛" and "全省技能大赛" only), so the 2015 policy file sets world to
 * null and such results do not qualify here; a later policy may add a world rule without code
 * changes. (World medallists are rewarded under separate provincial and national schemes.)
 * Ratio × amount is rounded half up to whole yuan.
 */
export function matchingGrant(result: ExternalResult, policy: RewardPolicy): MatchingGrant {
  const { level, placing, amount } = result;
  if (!Number.isInteger(placing) || placing < 1) {
    throw new RewardError('REWARD_PLACING', `A placing is a whole number ≥ 1, not ${placing}.`);
  }
  if (!Number.isInteger(amount) || amount < 0) {
    throw new RewardError('REWARD_AMOUNT', `An amount is whole yuan ≥ 0, not ${amount}.`);
  }
  const clause = policy.matching.clause;
  const rule: MatchingLevelRule | null | undefined = policy.matching[level];
  if (rule === undefined) {
    throw new RewardError('REWARD_LEVEL', `${String(level)} is not a competition level.`);
  }
  if (rule === null) {
    return {
      qualifies: false,
      amount: 0,
      reason: `the policy has no matching reward for ${level} results`,
      clause,
    };
  }
  if (placing > rule.maxPlacing) {
    return {
      qualifies: false,
      amount: 0,
      reason: `${level} placing ${placing} is outside the top ${rule.maxPlacing}`,
      clause,
    };
  }
  const paid = divRoundHalfUp(amount * toHundredths(policy.matching.ratio), 100);
  return {
    qualifies: true,
    amount: paid,
    reason: `${level} placing ${placing} is within the top ${rule.maxPlacing}: ${policy.matching.ratio} × ${amount}`,
    clause,
  };
}

/** An edition's cash: prize grants (one per person) plus matching grants, integer yuan. */
export function totalCash(
  items: readonly (Pick<Grant, 'cashPerPerson'> | MatchingGrant)[],
): number {
  return items.reduce(
    (sum, item) => sum + ('cashPerPerson' in item ? item.cashPerPerson : item.amount),
    0,
  );
}

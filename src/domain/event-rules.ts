import type { ContestantGroup } from './competition';
import { DomainError } from './errors';
import { toHundredths } from './numbers';
import type {
  BoundaryTie,
  HonourableRule,
  MinimumField,
  PrizeFloor,
  PrizeRule,
  QuotaRule,
} from './prizes';
import { MODULE_TIE_BREAK, type RankingOptions, type TieBreak, type Weights } from './ranking';

/**
 * Every rule of an event that the organiser sets (issue #14), stored as one JSON value on the
 * event and read only through `eventOptions`, so that ranking, prizes, the live board and the
 * documents cannot disagree. Defaults are those of docs/domain.md.
 */
export interface EventRuleSet {
  quota: QuotaRule;
  /** 优胜奖 below the third prize, or none. */
  honourable: HonourableRule | null;
  boundaryTie: BoundaryTie;
  /** No prize below a total, theory or practical mark (each optional, 0–100). */
  floor: PrizeFloor | null;
  minimumField: MinimumField | null;
  /** Winners of a prize in this occupation in the last `editions` editions take no prize. */
  pastWinners: { editions: number } | null;
  /** After the total; `then` replaces the old sharedRanks and strictOrder knobs. */
  tieBreak: { chain: TieBreak[]; then: TieOutcome };
}

export const TIE_OUTCOMES = ['shared', 'strict'] as const;
export type TieOutcome = (typeof TIE_OUTCOMES)[number];
export const TIE_BREAK_PARTS = ['practical', 'time', 'theory'] as const;
export const MAX_PAST_EDITIONS = 10;

export const DEFAULT_EVENT_RULES: EventRuleSet = {
  quota: { kind: 'percent', percents: [10, 20, 30], rounding: 'half-up' },
  honourable: null,
  boundaryTie: 'higher',
  floor: null,
  minimumField: null,
  pastWinners: null,
  tieBreak: { chain: ['practical', 'time', 'theory'], then: 'shared' },
};

/** What ranking, prizes, the board and the documents use; nothing else reads the raw columns. */
export interface EventOptions {
  group: ContestantGroup;
  weights: Weights;
  ranking: RankingOptions;
  prizes: PrizeRule;
  /** 0: past prize-winners are treated like anyone else. */
  pastWinnerEditions: number;
}

export interface StoredEventRules {
  contestantGroup: ContestantGroup;
  theoryWeight: number;
  practicalWeight: number;
  rules: EventRuleSet | null;
}

export function eventOptions(event: StoredEventRules): EventOptions {
  const rules = event.rules ?? DEFAULT_EVENT_RULES;
  return {
    group: event.contestantGroup,
    weights: { theoryWeight: event.theoryWeight, practicalWeight: event.practicalWeight },
    ranking: { tieBreak: [...rules.tieBreak.chain], sharedRanks: rules.tieBreak.then === 'shared' },
    prizes: {
      quota: rules.quota,
      honourable: rules.honourable,
      boundaryTie: rules.boundaryTie,
      floor: rules.floor,
      minimumField: rules.minimumField,
    },
    pastWinnerEditions: rules.pastWinners?.editions ?? 0,
  };
}

/** A rule set that cannot be applied; `details` holds the values a message needs. */
export class RulesError extends DomainError {}

/**
 * Throws a RulesError with a stable code for the first rule that cannot be applied.
 * `moduleCodes` are the codes of the event's scheme; null when the scheme is not known yet
 * (then module names are checked when results are computed).
 */
export function validateEventRules(
  rules: EventRuleSet,
  moduleCodes: readonly string[] | null,
): void {
  validateQuota(rules.quota);
  validateHonourable(rules.honourable);
  for (const [part, value] of Object.entries(rules.floor ?? {})) {
    if (value !== undefined && !(Number.isFinite(value) && value >= 0 && value <= 100)) {
      throw new RulesError('RULES_FLOOR_RANGE', `The ${part} floor must be within 0–100.`, {
        part,
        value,
        limit: 100,
      });
    }
  }
  const field = rules.minimumField;
  if (field !== null && !(Number.isInteger(field.competitors) && field.competitors >= 1)) {
    throw new RulesError(
      'RULES_MINIMUM_FIELD_INVALID',
      'The minimum field is a whole number of competitors ≥ 1.',
      { competitors: field.competitors },
    );
  }
  const past = rules.pastWinners;
  if (
    past !== null &&
    !(Number.isInteger(past.editions) && past.editions >= 1 && past.editions <= MAX_PAST_EDITIONS)
  ) {
    throw new RulesError(
      'RULES_PAST_WINNERS_INVALID',
      `Past winners count for 1–${MAX_PAST_EDITIONS} editions.`,
      { editions: past.editions, limit: MAX_PAST_EDITIONS },
    );
  }
  validateChain(rules.tieBreak.chain, moduleCodes);
}

function validateQuota(quota: QuotaRule): void {
  const values = quota.kind === 'fixed' ? quota.counts : quota.percents;
  const bad =
    values.length !== 3 ||
    values.some((v) => !Number.isFinite(v) || v < 0) ||
    (quota.kind === 'fixed' && values.some((v) => !Number.isInteger(v))) ||
    values.every((v) => v === 0);
  if (bad) {
    throw new RulesError(
      'RULES_QUOTA_INVALID',
      quota.kind === 'fixed'
        ? 'Fixed counts are three whole numbers ≥ 0, not all 0.'
        : 'Percentages are three numbers ≥ 0, not all 0.',
      { quota },
    );
  }
  if (quota.kind === 'percent') {
    const sum = values.reduce((a, v) => a + toHundredths(v), 0) / 100;
    if (sum > 100) {
      throw new RulesError(
        'RULES_QUOTA_OVER_100',
        `The prize percentages add up to ${sum} %, over 100 %.`,
        { sum, limit: 100 },
      );
    }
  }
}

function validateHonourable(rule: HonourableRule | null): void {
  if (rule === null) {
    return;
  }
  const ok =
    rule.kind === 'count'
      ? Number.isInteger(rule.count) && rule.count >= 1
      : Number.isFinite(rule.percent) && rule.percent > 0 && rule.percent <= 100;
  if (!ok) {
    throw new RulesError(
      'RULES_HONOURABLE_INVALID',
      '优胜奖 is a whole count ≥ 1 or a share of the field within (0, 100] %.',
      { honourable: rule },
    );
  }
}

function validateChain(chain: readonly string[], moduleCodes: readonly string[] | null): void {
  const seen = new Set<string>();
  for (const criterion of chain) {
    if (seen.has(criterion)) {
      throw new RulesError(
        'RULES_TIEBREAK_DUPLICATE',
        `The tie-break chain names ${criterion} twice.`,
        { criterion },
      );
    }
    seen.add(criterion);
    if (criterion.startsWith(MODULE_TIE_BREAK)) {
      const module = criterion.slice(MODULE_TIE_BREAK.length);
      if (module === '' || (moduleCodes !== null && !moduleCodes.includes(module))) {
        throw new RulesError(
          'RULES_TIEBREAK_MODULE',
          `The tie-break chain names module ${module || '(empty)'}, which the scheme does not have.`,
          { module, modules: moduleCodes },
        );
      }
    } else if (!(TIE_BREAK_PARTS as readonly string[]).includes(criterion)) {
      throw new RulesError('RULES_TIEBREAK_UNKNOWN', `${criterion} is not a tie-break criterion.`, {
        criterion,
      });
    }
  }
}

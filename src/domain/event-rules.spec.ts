import {
  DEFAULT_EVENT_RULES,
  eventOptions,
  validateEventRules,
  type EventRuleSet,
} from './event-rules';

const rules = (patch: Partial<EventRuleSet>): EventRuleSet => ({
  ...DEFAULT_EVENT_RULES,
  ...patch,
});
const event = (r: EventRuleSet | null, theoryWeight = 30) => ({
  contestantGroup: 'worker' as const,
  theoryWeight,
  practicalWeight: 100 - theoryWeight,
  rules: r,
});

describe('validateEventRules', () => {
  const modules = ['A', 'B'];
  it.each<[string, EventRuleSet]>([
    ['the defaults', DEFAULT_EVENT_RULES],
    ['fixed 1/4/3', rules({ quota: { kind: 'fixed', counts: [1, 4, 3] } })],
    [
      'percentages adding up to exactly 100',
      rules({ quota: { kind: 'percent', percents: [20, 30, 50], rounding: 'up' } }),
    ],
    [
      'a module of the scheme in the chain',
      rules({ tieBreak: { chain: ['module:B', 'practical'], then: 'strict' } }),
    ],
    ['an empty chain', rules({ tieBreak: { chain: [], then: 'shared' } })],
    ['floors at 0 and 100', rules({ floor: { total: 0, practical: 100 } })],
    ['优胜奖 as a share', rules({ honourable: { kind: 'share', percent: 66.67 } })],
    ['a minimum field', rules({ minimumField: { competitors: 30, form: 'lower-only' } })],
    ['past winners of 2 editions', rules({ pastWinners: { editions: 2 } })],
  ])('accepts %s', (_label, r) => {
    expect(() => validateEventRules(r, modules)).not.toThrow();
  });

  it.each<[string, EventRuleSet, string, unknown]>([
    [
      'percentages over 100',
      rules({ quota: { kind: 'percent', percents: [40, 40, 30], rounding: 'half-up' } }),
      'RULES_QUOTA_OVER_100',
      { sum: 110 },
    ],
    [
      'a negative percentage',
      rules({ quota: { kind: 'percent', percents: [-1, 20, 30], rounding: 'half-up' } }),
      'RULES_QUOTA_INVALID',
      undefined,
    ],
    [
      'a fractional count',
      rules({ quota: { kind: 'fixed', counts: [1, 1.5, 3] } }),
      'RULES_QUOTA_INVALID',
      undefined,
    ],
    [
      'no prize at all',
      rules({ quota: { kind: 'fixed', counts: [0, 0, 0] } }),
      'RULES_QUOTA_INVALID',
      undefined,
    ],
    [
      'an unknown module in the chain',
      rules({ tieBreak: { chain: ['module:Z'], then: 'shared' } }),
      'RULES_TIEBREAK_MODULE',
      { module: 'Z' },
    ],
    [
      'an unknown criterion',
      rules({ tieBreak: { chain: ['height' as 'time'], then: 'shared' } }),
      'RULES_TIEBREAK_UNKNOWN',
      { criterion: 'height' },
    ],
    [
      'a chain with duplicates',
      rules({ tieBreak: { chain: ['practical', 'time', 'practical'], then: 'shared' } }),
      'RULES_TIEBREAK_DUPLICATE',
      { criterion: 'practical' },
    ],
    [
      'a floor over 100',
      rules({ floor: { total: 100.5 } }),
      'RULES_FLOOR_RANGE',
      { part: 'total', limit: 100 },
    ],
    [
      'a negative floor',
      rules({ floor: { theory: -1 } }),
      'RULES_FLOOR_RANGE',
      { part: 'theory', limit: 100 },
    ],
    [
      '优胜奖 share over 100',
      rules({ honourable: { kind: 'share', percent: 101 } }),
      'RULES_HONOURABLE_INVALID',
      undefined,
    ],
    [
      '优胜奖 count of 0',
      rules({ honourable: { kind: 'count', count: 0 } }),
      'RULES_HONOURABLE_INVALID',
      undefined,
    ],
    [
      'a minimum field of 0',
      rules({ minimumField: { competitors: 0, form: 'no-prize' } }),
      'RULES_MINIMUM_FIELD_INVALID',
      undefined,
    ],
    [
      'past winners of 0 editions',
      rules({ pastWinners: { editions: 0 } }),
      'RULES_PAST_WINNERS_INVALID',
      undefined,
    ],
    [
      'past winners of 11 editions',
      rules({ pastWinners: { editions: 11 } }),
      'RULES_PAST_WINNERS_INVALID',
      undefined,
    ],
  ])('refuses %s', (_label, r, code, params) => {
    let caught: unknown;
    try {
      validateEventRules(r, modules);
    } catch (e) {
      caught = e;
    }
    expect(caught).toMatchObject({ code });
    if (params !== undefined) {
      expect((caught as { details: unknown }).details).toMatchObject(params as object);
    }
  });

  it('checks modules only when the scheme is known', () => {
    const r = rules({ tieBreak: { chain: ['module:Z'], then: 'shared' } });
    expect(() => validateEventRules(r, null)).not.toThrow();
  });
});

describe('eventOptions: the one reading of an event’s stored rules', () => {
  it('gives the docs/domain.md defaults when nothing is stored', () => {
    expect(eventOptions(event(null))).toEqual({
      group: 'worker',
      weights: { theoryWeight: 30, practicalWeight: 70 },
      ranking: { tieBreak: ['practical', 'time', 'theory'], sharedRanks: true },
      prizes: {
        quota: { kind: 'percent', percents: [10, 20, 30], rounding: 'half-up' },
        honourable: null,
        boundaryTie: 'higher',
        floor: null,
        minimumField: null,
      },
      pastWinnerEditions: 0,
    });
  });

  it.each<
    [string, Partial<EventRuleSet>, (o: ReturnType<typeof eventOptions>) => unknown, unknown]
  >([
    [
      'strict order is one setting: no shared ranks',
      { tieBreak: { chain: ['time'], then: 'strict' } },
      (o) => o.ranking,
      { tieBreak: ['time'], sharedRanks: false },
    ],
    [
      'shared ranks',
      { tieBreak: { chain: ['module:A', 'theory'], then: 'shared' } },
      (o) => o.ranking,
      { tieBreak: ['module:A', 'theory'], sharedRanks: true },
    ],
    [
      'fixed counts',
      { quota: { kind: 'fixed', counts: [1, 4, 3] } },
      (o) => o.prizes.quota,
      { kind: 'fixed', counts: [1, 4, 3] },
    ],
    [
      'the floor, field and mention pass through',
      {
        floor: { total: 60 },
        minimumField: { competitors: 15, form: 'no-prize' },
        honourable: { kind: 'count', count: 5 },
        boundaryTie: 'strict',
      },
      (o) => o.prizes,
      {
        floor: { total: 60 },
        minimumField: { competitors: 15, form: 'no-prize' },
        honourable: { kind: 'count', count: 5 },
        boundaryTie: 'strict',
      },
    ],
    ['past winners', { pastWinners: { editions: 2 } }, (o) => o.pastWinnerEditions, 2],
  ])('%s', (_label, patch, pick, expected) => {
    expect({ value: pick(eventOptions(event(rules(patch)))) }).toMatchObject({ value: expected });
  });
});

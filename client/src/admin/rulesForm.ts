import type { EventRuleSet } from '../api/contracts';

/*
 * The 奖项与排名 section's working model: flat fields that Element Plus inputs bind to, turned
 * into the server's EventRuleSet on save. Every value is checked again by the server
 * (validateEventRules), which answers with a RULES_* code the dialog shows.
 */

type Quota = EventRuleSet['quota'];
type Percent = Extract<Quota, { kind: 'percent' }>;
export type Rounding = Percent['rounding'];
export type BoundaryTie = EventRuleSet['boundaryTie'];
export type FieldForm = NonNullable<EventRuleSet['minimumField']>['form'];
export type TieOutcome = EventRuleSet['tieBreak']['then'];

export const QUOTA_KINDS = ['fixed', 'percent'] as const satisfies readonly Quota['kind'][];
export const ROUNDINGS = ['half-up', 'down', 'up'] as const satisfies readonly Rounding[];
export const BOUNDARY_TIES = ['higher', 'strict'] as const satisfies readonly BoundaryTie[];
export const HONOURABLE_KINDS = ['none', 'count', 'share'] as const;
export const FIELD_FORMS = ['no-prize', 'lower-only'] as const satisfies readonly FieldForm[];
export const TIE_OUTCOMES = ['shared', 'strict'] as const satisfies readonly TieOutcome[];
/** The parts a chain may name; a scheme module is `module:<code>`, typed in the same box. */
export const CHAIN_PARTS = ['practical', 'time', 'theory'] as const;

export interface RulesForm {
  quotaKind: Quota['kind'];
  counts: [number, number, number];
  percents: [number, number, number];
  rounding: Rounding;
  minimumOne: boolean;
  honourableKind: (typeof HONOURABLE_KINDS)[number];
  honourableCount: number;
  honourableShare: number;
  boundaryTie: BoundaryTie;
  floorTotal: number | null;
  floorTheory: number | null;
  floorPractical: number | null;
  minimumFieldOn: boolean;
  minimumFieldCompetitors: number;
  minimumFieldForm: FieldForm;
  pastWinnersOn: boolean;
  pastWinnersEditions: number;
  chain: string[];
  then: TieOutcome;
}

/** docs/domain.md's defaults, as the server fills them in. */
export function blankRules(): RulesForm {
  return {
    quotaKind: 'percent',
    counts: [1, 2, 3],
    percents: [10, 20, 30],
    rounding: 'half-up',
    minimumOne: false,
    honourableKind: 'none',
    honourableCount: 5,
    honourableShare: 50,
    boundaryTie: 'higher',
    floorTotal: null,
    floorTheory: null,
    floorPractical: null,
    minimumFieldOn: false,
    minimumFieldCompetitors: 30,
    minimumFieldForm: 'no-prize',
    pastWinnersOn: false,
    pastWinnersEditions: 1,
    chain: ['practical', 'time', 'theory'],
    then: 'shared',
  };
}

export function toRulesForm(rules: EventRuleSet): RulesForm {
  const form = blankRules();
  const q = rules.quota;
  form.quotaKind = q.kind;
  if (q.kind === 'fixed') {
    form.counts = [...q.counts];
  } else {
    form.percents = [...q.percents];
    form.rounding = q.rounding;
    form.minimumOne = q.minimumOne ?? false;
  }
  const h = rules.honourable;
  form.honourableKind = h === null ? 'none' : h.kind;
  if (h?.kind === 'count') {
    form.honourableCount = h.count;
  } else if (h?.kind === 'share') {
    form.honourableShare = h.percent;
  }
  form.boundaryTie = rules.boundaryTie;
  form.floorTotal = rules.floor?.total ?? null;
  form.floorTheory = rules.floor?.theory ?? null;
  form.floorPractical = rules.floor?.practical ?? null;
  form.minimumFieldOn = rules.minimumField !== null;
  if (rules.minimumField) {
    form.minimumFieldCompetitors = rules.minimumField.competitors;
    form.minimumFieldForm = rules.minimumField.form;
  }
  form.pastWinnersOn = rules.pastWinners !== null;
  if (rules.pastWinners) {
    form.pastWinnersEditions = rules.pastWinners.editions;
  }
  form.chain = [...rules.tieBreak.chain];
  form.then = rules.tieBreak.then;
  return form;
}

export function fromRulesForm(f: RulesForm): EventRuleSet {
  const floor = {
    ...(f.floorTotal === null ? {} : { total: f.floorTotal }),
    ...(f.floorTheory === null ? {} : { theory: f.floorTheory }),
    ...(f.floorPractical === null ? {} : { practical: f.floorPractical }),
  };
  return {
    quota:
      f.quotaKind === 'fixed'
        ? { kind: 'fixed', counts: [...f.counts] }
        : {
            kind: 'percent',
            percents: [...f.percents],
            rounding: f.rounding,
            ...(f.minimumOne ? { minimumOne: true } : {}),
          },
    honourable:
      f.honourableKind === 'count'
        ? { kind: 'count', count: f.honourableCount }
        : f.honourableKind === 'share'
          ? { kind: 'share', percent: f.honourableShare }
          : null,
    boundaryTie: f.boundaryTie,
    floor: Object.keys(floor).length === 0 ? null : floor,
    minimumField: f.minimumFieldOn
      ? { competitors: f.minimumFieldCompetitors, form: f.minimumFieldForm }
      : null,
    pastWinners: f.pastWinnersOn ? { editions: f.pastWinnersEditions } : null,
    tieBreak: { chain: [...f.chain] as EventRuleSet['tieBreak']['chain'], then: f.then },
  };
}

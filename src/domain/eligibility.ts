import { type ContestantGroup, type EventMode, TEAM_SIZE } from './competition';
import { ageAt } from './id-number';
import { compareLevels, QUALIFICATION_LABELS, type QualificationLevel } from './qualification';

/** Who may enter an event: data on the event, edited by organizers per edition. */
export interface EligibilityRules {
  /** Inclusive age range in whole years at the reference date. */
  minAge?: number;
  maxAge?: number;
  /** YYYY-MM-DD; the edition's start date when absent. */
  ageReferenceDate?: string;
  /** Lowest current qualification level accepted (e.g. 高级工 for a 技师-level event). */
  minLevel?: QualificationLevel;
  /** Titles whose holders may not enter again (e.g. a past 无锡技能状元). */
  barredTitles?: string[];
  /** One event per person per edition (default true, as in practice). */
  onePerEdition?: boolean;
}

export interface EligibilityCandidate {
  /** The group declared on the entry. */
  group: ContestantGroup;
  birthDate: string;
  qualificationLevel: QualificationLevel | null;
  titlesHeld: string[];
  /** Other live (not rejected or withdrawn) entries of the person in the same edition. */
  otherEntriesInEdition: number;
  /** Live members already in the team the entry joins (pair and trio events). */
  teamMembersBefore: number;
}

export interface EligibilityEvent {
  group: ContestantGroup;
  mode: EventMode;
  rules: EligibilityRules | null;
  /** YYYY-MM-DD fallback reference date for ages. */
  referenceDate: string;
}

export interface EligibilityFailure {
  rule: 'group' | 'age' | 'level' | 'title' | 'one-per-edition' | 'team-size';
  code: string;
  /** The values the message needs, for wording it in any language. */
  params: Record<string, unknown>;
  /** English; the catalogue words code + params per language. */
  message: string;
}

/** Checks every rule and returns every one that failed (empty when eligible). */
export function checkEligibility(
  event: EligibilityEvent,
  who: EligibilityCandidate,
): EligibilityFailure[] {
  const rules = event.rules ?? {};
  const failures: EligibilityFailure[] = [];
  if (who.group !== event.group) {
    failures.push({
      rule: 'group',
      code: 'ELIGIBILITY_GROUP',
      params: { eventGroup: event.group, group: who.group },
      message: `The event is for the ${event.group} group; the entry is in the ${who.group} group.`,
    });
  }
  const referenceDate = rules.ageReferenceDate ?? event.referenceDate;
  const age = ageAt(who.birthDate, referenceDate);
  if (
    (rules.minAge !== undefined && age < rules.minAge) ||
    (rules.maxAge !== undefined && age > rules.maxAge)
  ) {
    failures.push({
      rule: 'age',
      code: 'ELIGIBILITY_AGE',
      params: {
        age,
        ...(rules.minAge === undefined ? {} : { min: rules.minAge }),
        ...(rules.maxAge === undefined ? {} : { max: rules.maxAge }),
        on: referenceDate,
      },
      message: `Age ${age} on ${referenceDate} is outside ${rules.minAge ?? '–'}–${rules.maxAge ?? '–'}.`,
    });
  }
  if (
    rules.minLevel !== undefined &&
    (who.qualificationLevel === null || compareLevels(who.qualificationLevel, rules.minLevel) < 0)
  ) {
    failures.push({
      rule: 'level',
      code: 'ELIGIBILITY_LEVEL',
      params: { minLevel: rules.minLevel },
      message: `The event requires at least ${QUALIFICATION_LABELS[rules.minLevel].zh}.`,
    });
  }
  const barred = (rules.barredTitles ?? []).filter((t) => who.titlesHeld.includes(t));
  if (barred.length > 0) {
    failures.push({
      rule: 'title',
      code: 'ELIGIBILITY_TITLE',
      params: { titles: barred },
      message: `Holders of ${barred.join('、')} may not enter.`,
    });
  }
  if ((rules.onePerEdition ?? true) && who.otherEntriesInEdition > 0) {
    failures.push({
      rule: 'one-per-edition',
      code: 'ELIGIBILITY_ONE_PER_EDITION',
      params: {},
      message: 'The person already has an entry in this edition.',
    });
  }
  if (who.teamMembersBefore >= TEAM_SIZE[event.mode]) {
    failures.push({
      rule: 'team-size',
      code: 'ELIGIBILITY_TEAM_FULL',
      params: { mode: event.mode, size: TEAM_SIZE[event.mode] },
      message: `A ${event.mode} team has ${TEAM_SIZE[event.mode]} members; this team is full.`,
    });
  }
  return failures;
}

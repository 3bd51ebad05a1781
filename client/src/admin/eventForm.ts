import type { FormRules } from 'element-plus';
import type { CompetitionEvent, EventInput, Group } from '../api/contracts';
import zhCN from '../i18n/zh-CN';

/**
 * The event dialog's fields, status included; the rules have their own model, and the day's
 * settings (eligibility, check-in, freeze, board visibility) their own dialogs.
 */
export type EventForm = Required<
  Omit<EventInput, 'rules' | 'eligibility' | 'checkInClosesAt' | 'freezeAt' | 'liveVisibility'>
>;

export function blankEvent(): EventForm {
  return {
    occupation: '',
    name: '',
    level: 'senior',
    group: 'worker',
    mode: 'individual',
    theoryWeight: 30,
    practicalWeight: 70,
    status: 'draft',
  };
}

export function fromEvent(e: CompetitionEvent): EventForm {
  const { occupation, name, level, group, mode, theoryWeight, practicalWeight, status } = e;
  return { occupation, name, level, group, mode, theoryWeight, practicalWeight, status };
}

/** The usual name of an event, e.g. 数控车工(职工组); names stay Chinese in either language. */
export function defaultEventName(occupation: string, group: Group): string {
  const trimmed = occupation.trim();
  return trimmed ? `${trimmed}(${zhCN.event.groups[group]})` : '';
}

/** Theory and practical weights are percentages of one total. */
export function weightsAddUp(form: Pick<EventForm, 'theoryWeight' | 'practicalWeight'>): boolean {
  return form.theoryWeight + form.practicalWeight === 100;
}

type Translate = (key: string) => string;

/** The form's rules; the weights must add up to 100 before anything is sent. */
export function eventRules(form: EventForm, t: Translate): FormRules<EventForm> {
  const weights = {
    validator: (_rule: unknown, _value: unknown, callback: (error?: Error) => void) =>
      weightsAddUp(form) ? callback() : callback(new Error(t('event.rules.weights'))),
    trigger: 'change',
  };
  return {
    occupation: [{ required: true, whitespace: true, message: t('event.rules.occupation') }],
    name: [{ required: true, whitespace: true, message: t('event.rules.name') }],
    theoryWeight: [weights],
    practicalWeight: [weights],
  };
}

/** Field names as the user sees them, for server validation messages. */
export function eventLabels(t: Translate): Record<string, string> {
  return {
    occupation: t('event.occupation'),
    name: t('event.name'),
    level: t('event.level'),
    group: t('event.group'),
    mode: t('event.mode'),
    theoryWeight: t('event.theoryWeight'),
    practicalWeight: t('event.practicalWeight'),
    status: t('event.status'),
  };
}

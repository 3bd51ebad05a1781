import { glossarySection, glossaryTerm, type Locale } from '@glossary';
import { mergeMessages, type MessageTree } from './merge';

/**
 * The competition's words (statuses, phases, prizes, levels, groups, roles) come from the
 * server's glossary (src/common/i18n/glossary.ts), which the documents use too: what the console
 * calls a state is what the sheets and the boards call it.
 */
export function withGlossary<T extends MessageTree>(messages: T, locale: Locale): T {
  const g = (section: Parameters<typeof glossarySection>[0]) => glossarySection(section, locale);
  return mergeMessages(messages, {
    edition: { statuses: g('editionStatuses') },
    event: { levels: g('levels'), groups: g('groups'), modes: g('modes') },
    reg: {
      entry: { statuses: g('entryStatuses'), checkInStates: g('checkInStates') },
      checkIn: {
        checkedIn: glossaryTerm('checkInStates', 'present', locale),
        absentCount: glossaryTerm('checkInStates', 'absent', locale),
        waiting: glossaryTerm('checkInStates', 'waiting', locale),
      },
    },
    awards: {
      prize: g('prizes'),
      group: g('groups'),
      results: { statuses: g('resultsStatuses') },
      appeals: { statuses: g('appealStatuses') },
      ledger: { statuses: g('grantStatuses') },
      selection: { levels: g('competitionLevels') },
    },
    glossary: { roles: g('roles'), phases: g('phases') },
  });
}

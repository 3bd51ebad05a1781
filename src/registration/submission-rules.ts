import { AppError, conflict, unprocessable } from '../common/errors/app-error';
import { checkEligibility } from '../domain/eligibility';
import { CompetitionEvent } from '../editions/entities/competition-event.entity';
import { Edition } from '../editions/entities/edition.entity';
import { ContestantInput } from './dto/contestant.dto';
import { SubmitEntryDto } from './dto/entry.dto';
import type { Person } from './registration.service';

// The checks and fields of a submission that need no reads: shared by RegistrationService
// (one submission) and the import (facts read in bulk), so both answer and store alike.

/** What a submission stores about its contestant (created, or refreshed across editions). */
export function contestantFields(input: ContestantInput, person: Person, unitId: number) {
  return {
    name: person.name,
    gender: person.gender,
    birthDate: person.birthDate,
    unitId,
    phone: input.phone ?? null,
    employer: input.employer ?? null,
    qualificationOccupation: input.qualificationOccupation ?? null,
    qualificationLevel: input.qualificationLevel ?? null,
    certificateNo: input.certificateNo ?? null,
    titlesHeld: input.titlesHeld ?? [],
  };
}

export function duplicateEntry(person: Person): AppError {
  return conflict('ENTRY_DUPLICATE', `${person.name} has already entered this event.`).with({
    name: person.name,
  });
}

/** Every eligibility rule of the event at once: ENTRY_INELIGIBLE lists each one failed. */
export function checkEligible(
  event: CompetitionEvent,
  edition: Edition,
  input: SubmitEntryDto,
  person: Person,
  counts: { otherEntriesInEdition: number; teamMembersBefore: number },
): void {
  const failures = checkEligibility(
    {
      group: event.contestantGroup,
      mode: event.mode,
      rules: event.eligibility,
      referenceDate: edition.startDate ?? `${edition.year}-01-01`,
    },
    {
      group: input.group,
      birthDate: person.birthDate,
      qualificationLevel: input.contestant.qualificationLevel ?? null,
      titlesHeld: input.contestant.titlesHeld ?? [],
      ...counts,
    },
  );
  if (failures.length > 0) {
    throw unprocessable('ENTRY_INELIGIBLE', failures.map((f) => f.message).join(' '), failures);
  }
}

/** An entry's number: edition year, event id (2 digits), the event's n-th entry (3 digits). */
export function entryNumber(year: number, eventId: number, n: number): string {
  return `${year}-${String(eventId).padStart(2, '0')}-${String(n).padStart(3, '0')}`;
}

/** The fields of an entry just submitted, by the form or a sheet alike. */
export function newEntryFields(
  ids: { editionId: number; eventId: number; contestantId: number },
  entryNo: string,
  input: Pick<SubmitEntryDto, 'group' | 'teamNo'>,
  now: string,
) {
  return {
    ...ids,
    entryNo,
    contestantGroup: input.group,
    teamNo: input.teamNo ?? null,
    status: 'submitted' as const,
    statusReason: null,
    eligibilityFailures: [],
    workstationNo: null,
    checkInStatus: null,
    checkedInAt: null,
    late: false,
    createdAt: now,
    updatedAt: now,
  };
}

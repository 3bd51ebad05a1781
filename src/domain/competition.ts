/** Vocabulary shared by the whole competition: groups, modes, roles, and edition cadence. */

/** 职工组 (worker contestants) or 学生组 (student contestants). */
export const CONTESTANT_GROUPS = ['worker', 'student'] as const;
export type ContestantGroup = (typeof CONTESTANT_GROUPS)[number];

export const EVENT_MODES = ['individual', 'pair', 'trio'] as const;
export type EventMode = (typeof EVENT_MODES)[number];

export const TEAM_SIZE: Record<EventMode, number> = { individual: 1, pair: 2, trio: 3 };

export const ROLES = [
  'admin',
  'organizer',
  'chief_judge',
  'encryption_judge',
  'judge',
  'supervisor',
  'contestant',
] as const;
export type Role = (typeof ROLES)[number];

/** The first edition was held in 2013; item 17 of the 2015 policy holds it every two years. */
export const FIRST_EDITION_YEAR = 2013;
export const EDITION_INTERVAL_YEARS = 2;

export function breaksCadence(year: number): boolean {
  return (year - FIRST_EDITION_YEAR) % EDITION_INTERVAL_YEARS !== 0;
}

/** Theory and practical weights are percentages of the total and must add up to 100. */
export function weightsAreValid(theoryWeight: number, practicalWeight: number): boolean {
  return (
    Number.isInteger(theoryWeight) &&
    Number.isInteger(practicalWeight) &&
    theoryWeight >= 0 &&
    practicalWeight >= 0 &&
    theoryWeight + practicalWeight === 100
  );
}

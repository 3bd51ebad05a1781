/** The server's DTOs, as the API returns them (base path /api, JSON). */
// The rules' shape is the server's own (src/domain/event-rules.ts).
import type { EventRuleSet } from '@event-rules';

export type { EventRuleSet } from '@event-rules';

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

export interface User {
  id: number;
  username: string;
  displayName: string;
  role: Role;
}

/** An account as the organizers see it (AccountResponse). */
export interface Account {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  unitName: string | null;
  /** The linked contestant record. */
  contestantId: number | null;
  active: boolean;
  createdAt: string;
}

/** POST /contestants/:id/account: the new login with its one-time password (never stored). */
export interface ContestantAccount extends Account {
  password: string;
}

/** The usernames the server accepts for a contestant's login (CreateContestantAccountDto). */
export const CONTESTANT_USERNAME = /^[a-z0-9._-]{2,64}$/;

export interface LoginResponse {
  accessToken: string;
  refreshToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  user: User;
}

export interface FieldError {
  field: string;
  messages: string[];
  /** Per message, the code and params it was worded from. */
  errors?: { code: string; params?: Record<string, unknown> }[];
}

/** Every error the server sends has this shape. */
export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  params?: Record<string, unknown>;
  details?: unknown;
}

export interface Health {
  status: 'ok';
  database: { type: 'sqlite' | 'postgres'; ok: boolean };
  version: string;
}

export const EDITION_STATUSES = ['draft', 'published', 'closed'] as const;
export type EditionStatus = (typeof EDITION_STATUSES)[number];

export interface Edition {
  id: number;
  year: number;
  name: string;
  /** YYYY-MM-DD */
  startDate: string | null;
  endDate: string | null;
  status: EditionStatus;
  /** The reward policy the edition's prizes are granted under. */
  policyId: string;
  /** Four eyes on grants: who edits a grant does not approve it, who approves it does not pay it. */
  fourEyes: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface Warning {
  code: string;
  message: string;
}

export type EditionWriteResponse = Edition & { warnings: Warning[] };

export interface EditionInput {
  year: number;
  name: string;
  startDate?: string;
  endDate?: string;
  status?: EditionStatus;
  policyId?: string;
  fourEyes?: boolean;
}

/** Every level of the 2015 and 2022 ladders, lowest first (src/domain/qualification.ts). */
export const LEVELS = [
  'apprentice',
  'junior',
  'intermediate',
  'senior',
  'technician',
  'senior_technician',
  'special_technician',
  'chief_technician',
] as const;
export type Level = (typeof LEVELS)[number];

export const GROUPS = ['worker', 'student'] as const;
export type Group = (typeof GROUPS)[number];

export const MODES = ['individual', 'pair', 'trio'] as const;
export type Mode = (typeof MODES)[number];

export const EVENT_STATUSES = ['draft', 'published'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

/** 赛项 */
export interface CompetitionEvent {
  id: number;
  editionId: number;
  /** 职业(工种) */
  occupation: string;
  name: string;
  level: Level;
  group: Group;
  mode: Mode;
  theoryWeight: number;
  practicalWeight: number;
  status: EventStatus;
  resultsStatus: 'none' | 'provisional' | 'published' | 'final';
  /** 奖项与排名, defaults filled in by the server. */
  rules: EventRuleSet;
  createdAt: string;
  updatedAt: string;
}

/** An event with the phase fields the registration server adds. */
export type PhasedEvent = CompetitionEvent & EventPhases;

export interface EventInput {
  occupation: string;
  name: string;
  level: Level;
  group: Group;
  mode: Mode;
  theoryWeight: number;
  practicalWeight: number;
  status?: EventStatus;
  rules?: EventRuleSet;
}

/** Who may enter an event (null: only the group and one-per-edition defaults apply). */
export interface EligibilityRules {
  minAge?: number;
  maxAge?: number;
  /** YYYY-MM-DD */
  ageReferenceDate?: string;
  minLevel?: Level;
  barredTitles?: string[];
  onePerEdition?: boolean;
}

/** The day's state an event carries besides its definition. */
export interface EventPhases {
  eligibility?: EligibilityRules | null;
  checkInClosesAt?: string | null;
  codesGeneratedAt?: string | null;
  resultsLockedAt?: string | null;
  decryptedAt?: string | null;
  decryptedBy?: string | null;
}

/** 推荐单位 */
export interface Unit {
  id: number;
  name: string;
  contact: string | null;
  phone: string | null;
  contestants: number;
}

export interface UnitInput {
  name: string;
  contact?: string;
  phone?: string;
}

export type Gender = 'male' | 'female';

export interface Contestant {
  id: number;
  /** Whole for organizers, masked (3202**********123X) for everyone else. */
  idNumber: string;
  name: string;
  gender: Gender;
  birthDate: string;
  phone: string | null;
  employer: string | null;
  unitId: number;
  unitName: string;
  qualificationOccupation: string | null;
  qualificationLevel: Level | null;
  certificateNo: string | null;
  titlesHeld: string[];
}

export const ENTRY_STATUSES = ['submitted', 'approved', 'rejected', 'withdrawn'] as const;
export type EntryStatus = (typeof ENTRY_STATUSES)[number];
export type CheckInStatus = 'present' | 'absent';

export interface EligibilityFailure {
  rule: 'group' | 'age' | 'level' | 'title' | 'one-per-edition' | 'team-size';
  code: string;
  params?: Record<string, unknown>;
  message: string;
}

export interface Entry {
  id: number;
  editionId: number;
  eventId: number;
  entryNo: string;
  group: Group;
  teamNo: number | null;
  status: EntryStatus;
  statusReason: string | null;
  eligibilityFailures: EligibilityFailure[] | null;
  workstationNo: number | null;
  checkInStatus: CheckInStatus | null;
  checkedInAt: string | null;
  late: boolean;
  contestant: Contestant;
}

export interface ContestantInput {
  idNumber: string;
  name: string;
  gender?: Gender;
  birthDate?: string;
  phone?: string;
  employer?: string;
  unitName: string;
  qualificationOccupation?: string;
  qualificationLevel?: Level;
  certificateNo?: string;
  titlesHeld?: string[];
}

export interface EntryInput {
  eventId: number;
  group: Group;
  teamNo?: number;
  contestant: ContestantInput;
}

export interface EntryQuery {
  eventId?: number;
  unitId?: number;
  status?: EntryStatus;
  q?: string;
}

export type ReviewDecision = 'approve' | 'reject' | 'withdraw';

export interface ReviewResult {
  changed: number;
  entries: Entry[];
}

export type ImportStatus = 'validating' | 'validated' | 'committing' | 'committed' | 'failed';

export interface ImportRowError {
  row: number;
  column: string | null;
  code: string;
  params?: Record<string, unknown>;
  message: string;
}

export interface ImportJob {
  id: string;
  editionId: number;
  fileName: string;
  status: ImportStatus;
  total: number;
  processed: number;
  errors: ImportRowError[];
  created: number;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface DrawSlot {
  entryId: number;
  entryNo: string;
  workstationNo: number;
}

/** 抽签 */
export interface Draw {
  id: number;
  eventId: number;
  attempt: number;
  seedCommitment: string;
  seed: string;
  drawnBy: string;
  drawnAt: string;
  reason: string | null;
  supersededAt: string | null;
  result: DrawSlot[];
  verified: boolean;
}

/** One line of the sealed map (加密对照表). */
export interface CodeMapRow {
  entryNo: string;
  workstationNo: number | null;
  checkInCode: string;
  workpieceCode: string;
  name?: string;
  unitName?: string;
}

/** The server's DTOs, as the API returns them (base path /api, JSON). */

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
}

/** Every error the server sends has this shape. */
export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
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
}

export const LEVELS = [
  'junior',
  'intermediate',
  'senior',
  'technician',
  'senior_technician',
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
  createdAt: string;
  updatedAt: string;
}

export interface EventInput {
  occupation: string;
  name: string;
  level: Level;
  group: Group;
  mode: Mode;
  theoryWeight: number;
  practicalWeight: number;
  status?: EventStatus;
}

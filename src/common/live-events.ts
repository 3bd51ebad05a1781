/**
 * The `/live` protocol as types, shared by the server and the client (client/src/api/live.ts
 * imports them through the `@live-events` path): what a board sends, what it is answered and what
 * it is pushed. Types only, no imports: the client's type check reads this file as it is.
 */

/**
 * A row before decryption: the workstation and how many of its modules are locked, nothing
 * more. A score, rank or total per workstation would let a judge match his own marks per
 * work-piece code against it and map the blind codes to workstations (and so to people).
 */
export interface SealedRow {
  workstationNo: number;
  lockedModules: number;
}

/** A row once the chief judge has decrypted: scores, rank, name and unit. */
export interface ScoredRow extends SealedRow {
  rank: number;
  tied: boolean;
  modules: Record<string, number>;
  practical: number;
  theory: number | null;
  total: number;
  name?: string;
  unitName?: string;
}

/** A row as the public sees it, keyed by workstation number. */
export type PublicRow = SealedRow | ScoredRow;

/** The event's table as of update `seq`. */
export interface Snapshot {
  eventId: number;
  seq: number;
  rows: PublicRow[];
  frozen: boolean;
  /** Decrypted but not yet published (公示): the board says 暂定, as the contestant's page does. */
  provisional: boolean;
}

/** One numbered change of an event's table. */
export interface StandingsUpdate {
  seq: number;
  changes: PublicRow[];
  removed: number[];
}

/** What a board that has seen `since` missed. */
export interface CatchUp {
  eventId: number;
  seq: number;
  updates: StandingsUpdate[];
}

export interface StandingsPush extends StandingsUpdate {
  eventId: number;
}

/** To the edition's room: an event's top rows after each of its updates (none before decryption). */
export interface LeadersPush {
  eventId: number;
  seq: number;
  leaders: ScoredRow[];
}

/** An organizer froze or unfroze the event's board. */
export interface LiveState {
  eventId: number;
  frozen: boolean;
}

export interface LiveError {
  error: { code: string; message: string };
}

export interface EditionJoined {
  ok: true;
  editionId: number;
}

/** `join`: `{ eventId }` for a snapshot, `{ eventId, since }` to catch up, or `{ editionId }`. */
export interface JoinMessage {
  eventId?: number;
  editionId?: number;
  since?: number;
}

/** The answer to an event's join. */
export type EventJoinAnswer = Snapshot | CatchUp | LiveError;

export type JoinAnswer = EventJoinAnswer | EditionJoined;

/** Server → board, on `/live`. */
export interface LiveServerEvents {
  standings: (update: StandingsPush) => void;
  leaders: (update: LeadersPush) => void;
  state: (state: LiveState) => void;
}

/** Board → server, on `/live`: a join is always answered, a leave when asked. */
export interface LiveClientEvents {
  join: (message: JoinMessage, ack: (answer: JoinAnswer) => void) => void;
  /** The answer is optional: a board leaving a room need not wait for it. */
  leave: (
    message: { eventId?: number; editionId?: number },
    ack?: (answer: { ok: true }) => void,
  ) => void;
}

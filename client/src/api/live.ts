import { io, type Socket } from 'socket.io-client';
import { http } from './http';
import type { CompetitionEvent } from './types';

/** A row as the public board sees it: names only after decryption. */
export interface PublicRow {
  workstationNo: number;
  rank: number;
  tied: boolean;
  modules: Record<string, number>;
  practical: number;
  theory: number | null;
  total: number;
  name?: string;
  unitName?: string;
}

export interface StandingsSnapshot {
  eventId: number;
  seq: number;
  rows: PublicRow[];
  frozen: boolean;
}

export interface StandingsUpdate {
  seq: number;
  changes: PublicRow[];
  removed: number[];
}

export interface StandingsCatchUp {
  eventId: number;
  seq: number;
  updates: StandingsUpdate[];
}

export interface StandingsPush extends StandingsUpdate {
  eventId: number;
}

export interface LeadersPush {
  eventId: number;
  seq: number;
  leaders: PublicRow[];
}

export interface LiveError {
  error: { code: string; message: string };
}

/** Pushed when an organizer freezes or unfreezes the event's board. */
export interface LiveState {
  eventId: number;
  frozen: boolean;
}

export type JoinAnswer = StandingsSnapshot | StandingsCatchUp | LiveError;

/** The public event, with the live fields the server adds. */
export type LiveEvent = CompetitionEvent & {
  liveVisibility?: string;
  resultsLockedAt?: string | null;
  decryptedAt?: string | null;
};

export const liveApi = {
  event: (id: number) => http.get<LiveEvent>(`/events/${id}`, { auth: false }),
  standings: (id: number) =>
    http.get<StandingsSnapshot>(`/events/${id}/standings`, { auth: false }),
};

/**
 * The `/live` namespace on the same origin; reconnects on its own. It first asks for a websocket
 * on `/live-io` (served by the fan-out workers); if that cannot connect before it ever has (a
 * proxy that refuses websockets, a server without workers), it falls back for good to the API
 * process's `/socket.io`, where long-polling works too.
 */
export function liveSocket(): Socket {
  const socket = io('/live', {
    path: '/live-io',
    transports: ['websocket'],
    reconnectionDelayMax: 3000,
  });
  let settled = false;
  socket.once('connect', () => {
    settled = true;
  });
  socket.on('connect_error', () => {
    if (!settled) {
      settled = true;
      // The manager opens a new engine from these options on its next attempt.
      Object.assign(socket.io.opts, { path: '/socket.io', transports: ['polling', 'websocket'] });
    }
  });
  return socket;
}

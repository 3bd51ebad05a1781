import { io, type Socket } from 'socket.io-client';
import { currentLocale } from '../i18n';
import { http } from './http';
import type { CompetitionEvent } from './contracts';
// The `/live` protocol's types are the server's own (src/common/live-events.ts).
import type {
  CatchUp,
  EventJoinAnswer,
  LiveClientEvents,
  LiveServerEvents,
  Snapshot,
} from '@live-events';

export type {
  LeadersPush,
  LiveError,
  LiveState,
  PublicRow,
  ScoredRow,
  SealedRow,
  StandingsPush,
  StandingsUpdate,
} from '@live-events';
export type StandingsSnapshot = Snapshot;
export type StandingsCatchUp = CatchUp;
export type JoinAnswer = EventJoinAnswer;
export type LiveSocket = Socket<LiveServerEvents, LiveClientEvents>;

/** The public event (its live fields, liveVisibility, resultsLockedAt, decryptedAt, included). */
export type LiveEvent = CompetitionEvent;

export const liveApi = {
  event: (id: number) => http.get<LiveEvent>(`/events/${id}`, { auth: false }),
  standings: (id: number) =>
    http.get<StandingsSnapshot>(`/events/${id}/standings`, { auth: false }),
  /** The event's modules by code and name, for the column heads. */
  modules: (id: number) =>
    http.get<{ code: string; name: string }[]>(`/events/${id}/modules`, { auth: false }),
};

/**
 * The `/live` namespace on the same origin; reconnects on its own. It first asks for a websocket
 * on `/live-io` (served by the fan-out workers); if that cannot connect before it ever has (a
 * proxy that refuses websockets, a server without workers), it falls back for good to the API
 * process's `/socket.io`, where long-polling works too.
 */
export function liveSocket(): LiveSocket {
  const socket: LiveSocket = io('/live', {
    path: '/live-io',
    transports: ['websocket'],
    reconnectionDelayMax: 3000,
    // Errors on the socket are worded by the server in the board's language.
    auth: (cb) => cb({ locale: currentLocale() }),
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

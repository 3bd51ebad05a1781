/**
 * What a `/live` client may ask, shared by the in-process gateway and the fan-out workers (which
 * must not load Nest): the shape of a join, and a per-socket limit on joins so that a flood of
 * join/leave messages is refused rather than served.
 */
export const JOIN_LIMIT = 30;
export const JOIN_WINDOW_MS = 10_000;

export type JoinRequest =
  { kind: 'edition'; editionId: number } | { kind: 'event'; eventId: number; since: unknown };

export interface LiveErrorAnswer {
  error: { code: string; message: string };
}

const positiveInt = (v: unknown): v is number =>
  typeof v === 'number' && Number.isSafeInteger(v) && v > 0;

export function parseJoin(body: unknown): JoinRequest | LiveErrorAnswer {
  const message = (typeof body === 'object' && body !== null ? body : {}) as Record<
    string,
    unknown
  >;
  if (positiveInt(message.editionId)) {
    return { kind: 'edition', editionId: message.editionId };
  }
  if (positiveInt(message.eventId)) {
    return { kind: 'event', eventId: message.eventId, since: message.since };
  }
  return { error: { code: 'VALIDATION_FAILED', message: 'Send { eventId } or { editionId }.' } };
}

/** The rooms a `leave` names; anything malformed names none. */
export function roomsToLeave(body: unknown): string[] {
  const message = (typeof body === 'object' && body !== null ? body : {}) as Record<
    string,
    unknown
  >;
  return [
    ...(positiveInt(message.eventId) ? [eventRoom(message.eventId)] : []),
    ...(positiveInt(message.editionId) ? [editionRoom(message.editionId)] : []),
  ];
}

export const eventRoom = (eventId: number) => `event:${eventId}`;
export const editionRoom = (editionId: number) => `edition:${editionId}`;

/** Records a join in `data.joins` and says whether it is within the limit. */
export function allowJoin(data: { joins?: number[] }, now = Date.now()): boolean {
  const recent = (data.joins ?? []).filter((t) => now - t < JOIN_WINDOW_MS);
  recent.push(now);
  data.joins = recent;
  return recent.length <= JOIN_LIMIT;
}

export const TOO_MANY_JOINS: LiveErrorAnswer = {
  error: { code: 'TOO_MANY_JOINS', message: 'Too many joins; wait a few seconds.' },
};

/** socket.io options both the gateway's server and the workers' servers use. */
export const LIVE_SOCKET_OPTIONS = {
  maxHttpBufferSize: 16 * 1024,
  connectionStateRecovery: { maxDisconnectionDuration: 2 * 60 * 1000, skipMiddlewares: true },
};

/** The path the fan-out workers serve (websocket only); the API process keeps `/socket.io`. */
export const FANOUT_PATH = '/live-io';

/**
 * Just enough of the Engine.IO v4 / Socket.IO v5 wire format, over a plain websocket, for the
 * unchanged socket.io clients of the public boards: the open packet, pings, the namespace
 * connect, events with acknowledgements, and the namespace disconnect. Text frames only (the
 * boards send JSON); anything else is a protocol error and the socket is closed. Pure: no IO.
 */

/** What the worker's handshake announces (socket.io's defaults). */
export const PING_INTERVAL_MS = 25_000;
export const PING_TIMEOUT_MS = 20_000;
export const NAMESPACE = '/live';

export function openPacket(sid: string, maxPayload: number): string {
  return `0${JSON.stringify({
    sid,
    upgrades: [],
    pingInterval: PING_INTERVAL_MS,
    pingTimeout: PING_TIMEOUT_MS,
    maxPayload,
  })}`;
}

export const PING = '2';

export const connectAnswer = (sid: string) => `40${NAMESPACE},${JSON.stringify({ sid })}`;

export const connectRefusal = (nsp: string) =>
  `44${nsp === '/' ? '' : `${nsp},`}${JSON.stringify({ message: 'Invalid namespace' })}`;

export const ackPacket = (id: number, answer: unknown) =>
  `43${NAMESPACE},${id}${JSON.stringify([answer])}`;

/** One broadcast as socket.io writes it: engine.io message (4), EVENT (2) in the namespace. */
export const eventPacket = (event: string, payload: unknown) =>
  `42${NAMESPACE},${JSON.stringify([event, payload])}`;

export type Incoming =
  | { kind: 'pong' }
  | { kind: 'close' }
  | { kind: 'ignore' }
  | { kind: 'connect'; nsp: string; auth: unknown }
  | { kind: 'disconnect'; nsp: string }
  | { kind: 'event'; nsp: string; id: number | null; name: string; body: unknown }
  | { kind: 'invalid' };

/** One text frame from a client. */
export function parseIncoming(text: string): Incoming {
  switch (text[0]) {
    case '3':
      return { kind: 'pong' };
    case '1':
      return { kind: 'close' };
    case '6': // noop
    case '5': // upgrade (nothing to upgrade from here)
      return { kind: 'ignore' };
    case '4':
      return parseSocketIo(text.slice(1));
    default:
      return { kind: 'invalid' };
  }
}

function parseSocketIo(packet: string): Incoming {
  const type = packet[0];
  let i = 1;
  let nsp = '/';
  if (packet[i] === '/') {
    const comma = packet.indexOf(',', i);
    nsp = comma < 0 ? packet.slice(i) : packet.slice(i, comma);
    i = comma < 0 ? packet.length : comma + 1;
  }
  let id: number | null = null;
  const idStart = i;
  while (i < packet.length && packet.charCodeAt(i) >= 48 && packet.charCodeAt(i) <= 57) {
    i += 1;
  }
  if (i > idStart) {
    id = Number(packet.slice(idStart, i));
  }
  let data: unknown = undefined;
  if (i < packet.length) {
    try {
      data = JSON.parse(packet.slice(i)) as unknown;
    } catch {
      return { kind: 'invalid' };
    }
  }
  switch (type) {
    case '0':
      return { kind: 'connect', nsp, auth: data };
    case '1':
      return { kind: 'disconnect', nsp };
    case '2':
      if (!Array.isArray(data) || typeof data[0] !== 'string') {
        return { kind: 'invalid' };
      }
      return { kind: 'event', nsp, id, name: data[0], body: data[1] };
    default:
      // ACKs from a client (the server asks none), binary packets: not this protocol's.
      return { kind: 'invalid' };
  }
}

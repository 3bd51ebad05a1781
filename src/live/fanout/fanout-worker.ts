/**
 * A fan-out worker (forked by FanoutService): it owns the `/live` sockets handed to it by the API
 * process and writes every broadcast to them, so that sending one update to thousands of phones
 * never blocks the event loop that answers the judges' marks. It holds no database: joins are
 * answered by the API process over IPC. Broadcasts arrive already serialized, once for all
 * viewers: over IPC from this instance's API, or, with REDIS_URL, on one Redis channel from
 * whichever instance published them.
 *
 * It is a plain `ws` server speaking socket.io's wire format (./wire.ts), not a socket.io server:
 * the per-socket engine.io and socket.io state (packet queues, per-socket heartbeat timers,
 * handshake objects, namespace sockets, the adapter's maps) cost about twice raw ws's CPU and
 * memory per viewer, for features a board does not use here (polling, recovery, middlewares).
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { Socket as NetSocket } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { localeFromHeader, type Locale } from '../../common/i18n/glossary';
import {
  allowJoin,
  editionRoom,
  eventRoom,
  FANOUT_PATH,
  LIVE_SOCKET_OPTIONS,
  parseJoin,
  roomsToLeave,
  TOO_MANY_JOINS,
} from '../join-rules';
import { RedisLink } from '../redis-link';
import { localizeAnswer } from '../socket-locale';
import { FRAMES_CHANNEL, type FromWorker, type ToWorker } from './protocol';
import * as wire from './wire';

const send = (message: FromWorker) => process.send?.(message);

interface Viewer {
  ws: WebSocket;
  sid: string;
  locale: Locale;
  connected: boolean;
  lastSeen: number;
  bucket: number;
  rooms: Set<string>;
  /** Rooms whose join is being answered: their pushes wait here until the answer is sent. */
  held: Map<string, Buffer[]> | null;
  joins?: number[];
}

const rooms = new Map<string, Set<Viewer>>();
const viewers = new Set<Viewer>();

const refuse = (res: import('node:http').ServerResponse) =>
  // Only websocket upgrades are served; a plain request means a client asked for polling.
  res.writeHead(400, { 'content-type': 'application/json' }).end(
    JSON.stringify({
      statusCode: 400,
      code: 'WEBSOCKET_REQUIRED',
      message: `${FANOUT_PATH} serves websockets only; use /socket.io for polling.`,
    }),
  );
const http = createServer((_req, res) => refuse(res));
const wss = new WebSocketServer({
  noServer: true,
  perMessageDeflate: false,
  clientTracking: false,
  maxPayload: LIVE_SOCKET_OPTIONS.maxHttpBufferSize,
});

http.on('upgrade', (req: IncomingMessage, socket: NetSocket, head: Buffer) => {
  const query = new URL(req.url ?? '/', 'http://x').searchParams;
  if (query.get('EIO') !== '4' || query.get('transport') !== 'websocket' || query.has('sid')) {
    socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    return;
  }
  wss.handleUpgrade(req, socket, head, (ws) => adopt(ws, req));
});

let nextBucket = 0;
const BUCKETS = 25;

function adopt(ws: WebSocket, req: IncomingMessage): void {
  const viewer: Viewer = {
    ws,
    sid: randomBytes(15).toString('base64url'),
    locale: localeFromHeader(req.headers['accept-language']),
    connected: false,
    lastSeen: Date.now(),
    bucket: nextBucket++ % BUCKETS,
    rooms: new Set(),
    held: null,
  };
  viewers.add(viewer);
  ws.send(wire.openPacket(viewer.sid, LIVE_SOCKET_OPTIONS.maxHttpBufferSize));
  ws.on('message', (data: Buffer, isBinary: boolean) => {
    viewer.lastSeen = Date.now();
    if (isBinary) {
      ws.terminate();
      return;
    }
    onPacket(viewer, wire.parseIncoming(data.toString()));
  });
  ws.on('close', () => drop(viewer));
  ws.on('error', () => ws.terminate());
}

function drop(viewer: Viewer): void {
  viewers.delete(viewer);
  leaveAll(viewer);
}

function leaveAll(viewer: Viewer): void {
  for (const room of viewer.rooms) {
    leave(viewer, room);
  }
  viewer.held = null;
}

function enter(viewer: Viewer, room: string): void {
  viewer.rooms.add(room);
  let members = rooms.get(room);
  if (!members) {
    members = new Set();
    rooms.set(room, members);
  }
  members.add(viewer);
}

function leave(viewer: Viewer, room: string): void {
  viewer.rooms.delete(room);
  viewer.held?.delete(room);
  const members = rooms.get(room);
  if (members?.delete(viewer) && members.size === 0) {
    rooms.delete(room);
  }
}

function onPacket(viewer: Viewer, packet: wire.Incoming): void {
  switch (packet.kind) {
    case 'pong':
    case 'ignore':
      return;
    case 'close':
    case 'invalid':
      viewer.ws.terminate();
      return;
    case 'connect':
      if (packet.nsp !== wire.NAMESPACE) {
        viewer.ws.send(wire.connectRefusal(packet.nsp));
        return;
      }
      viewer.connected = true;
      viewer.locale = localeOf(packet.auth, viewer.locale);
      viewer.ws.send(wire.connectAnswer(viewer.sid));
      return;
    case 'disconnect':
      if (packet.nsp === wire.NAMESPACE) {
        viewer.connected = false;
        leaveAll(viewer);
      }
      return;
    case 'event':
      if (packet.nsp === wire.NAMESPACE && viewer.connected) {
        onEvent(viewer, packet.name, packet.body, packet.id);
      }
      return;
  }
}

function localeOf(auth: unknown, fallback: Locale): Locale {
  const asked = (auth as { locale?: unknown } | undefined)?.locale;
  return asked === 'en' || asked === 'zh-CN' ? asked : fallback;
}

function onEvent(viewer: Viewer, name: string, body: unknown, id: number | null): void {
  const reply = (answer: unknown) => {
    if (id !== null && viewer.ws.readyState === WebSocket.OPEN) {
      viewer.ws.send(wire.ackPacket(id, localizeAnswer(answer, viewer.locale)));
    }
  };
  if (name === 'join') {
    void join(viewer, body, reply);
  } else if (name === 'leave') {
    for (const room of roomsToLeave(body)) {
      leave(viewer, room);
    }
    reply({ ok: true });
  }
}

/**
 * The viewer enters the room before the API is asked, with its pushes held: every push made
 * after the answer was read is then delivered after the answer, in order, and none between the
 * two is lost (the board ignores those its answer already contains, by seq).
 */
async function join(viewer: Viewer, body: unknown, reply: (a: unknown) => void): Promise<void> {
  if (!allowJoin(viewer)) {
    reply(TOO_MANY_JOINS);
    return;
  }
  const request = parseJoin(body);
  if ('error' in request) {
    reply(request);
    return;
  }
  const room =
    request.kind === 'edition' ? editionRoom(request.editionId) : eventRoom(request.eventId);
  const wasIn = viewer.rooms.has(room);
  const held: Buffer[] = [];
  viewer.held ??= new Map();
  viewer.held.set(room, held);
  enter(viewer, room);
  const { room: granted, answer } = await askApi(request);
  if (viewer.held?.get(room) !== held) {
    return; // left, disconnected, or joined again meanwhile: the later join answers
  }
  viewer.held.delete(room);
  if (!granted && !wasIn) {
    leave(viewer, room);
  }
  reply(answer);
  if (granted) {
    for (const frame of held) {
      write(viewer, frame);
    }
  }
}

const pending = new Map<number, (answer: { room: string | null; answer: unknown }) => void>();
let nextId = 1;

function askApi(body: unknown): Promise<{ room: string | null; answer: unknown }> {
  const id = nextId++;
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      pending.delete(id);
      resolve({
        room: null,
        answer: { error: { code: 'UNAVAILABLE', message: 'The server is busy; try again.' } },
      });
    }, 10_000);
    pending.set(id, (answer) => {
      clearTimeout(timer);
      resolve(answer);
    });
    send({ type: 'join', id, body });
  });
}

/** The websocket's TCP socket (ws keeps it as `_socket`; not part of its typed API). */
const tcpOf = (ws: WebSocket) => (ws as unknown as { _socket?: NetSocket })._socket;

/**
 * A text message as one complete websocket frame (FIN, opcode 1, unmasked: server to client),
 * built once per broadcast. Written straight to each viewer's TCP socket it costs one write per
 * viewer instead of ws's per-send header, cork and two writes. Safe because this server never
 * compresses or fragments: every frame ws itself sends is also written whole, synchronously,
 * so frames cannot interleave.
 */
function textFrame(payload: Buffer): Buffer {
  const length = payload.length;
  const header =
    length < 126
      ? Buffer.from([0x81, length])
      : length < 65_536
        ? Buffer.from([0x81, 126, length >> 8, length & 0xff])
        : Buffer.concat([Buffer.from([0x81, 127]), bigLength(length)]);
  return Buffer.concat([header, payload]);
}

function bigLength(length: number): Buffer {
  const bytes = Buffer.alloc(8);
  bytes.writeBigUInt64BE(BigInt(length));
  return bytes;
}

function write(viewer: Viewer, frame: Buffer, framed?: Buffer): void {
  if (viewer.ws.readyState !== WebSocket.OPEN) {
    return;
  }
  const tcp = framed && tcpOf(viewer.ws);
  if (tcp && framed && tcp.writable) {
    tcp.write(framed);
  } else {
    viewer.ws.send(frame, { binary: false, compress: false });
  }
}

/** One broadcast to a room: the same bytes, serialized once by the API, to every member. */
function emitToRoom(room: string, frame: Buffer): void {
  const members = rooms.get(room);
  if (!members) {
    return;
  }
  const framed = textFrame(frame);
  for (const viewer of members) {
    const held = viewer.held?.get(room);
    if (held) {
      held.push(frame);
    } else {
      write(viewer, frame, framed);
    }
  }
}

// Heartbeats as engine.io sends them (a ping every 25 s; the board answers and drops a server
// it has not heard from in 45 s), but from one timer in 25 slices, not one timer per socket.
const ping = Buffer.from(wire.PING);
const pingFramed = textFrame(ping);
let slice = 0;
setInterval(() => {
  const now = Date.now();
  const current = slice;
  slice = (slice + 1) % BUCKETS;
  for (const viewer of viewers) {
    if (viewer.bucket !== current) {
      continue;
    }
    if (now - viewer.lastSeen > wire.PING_INTERVAL_MS + wire.PING_TIMEOUT_MS) {
      viewer.ws.terminate();
    } else {
      write(viewer, ping, pingFramed);
    }
  }
}, wire.PING_INTERVAL_MS / BUCKETS).unref();

let reported = -1;
setInterval(() => {
  if (viewers.size !== reported) {
    reported = viewers.size;
    send({ type: 'viewers', count: reported });
  }
}, 2000).unref();

process.on('message', (message: ToWorker, handle?: NetSocket) => {
  switch (message.type) {
    case 'connection':
      if (handle) {
        // Replay the request the API process already read, as if this server had accepted it.
        http.emit('connection', handle);
        handle.emit('data', Buffer.from(message.request, 'base64'));
        handle.resume();
        send({ type: 'adopted', id: message.id });
      }
      break;
    case 'frame':
      emitToRoom(message.room, Buffer.from(message.frame));
      break;
    case 'answer':
      pending.get(message.id)?.({ room: message.room, answer: message.answer });
      pending.delete(message.id);
      break;
  }
});

// The API process is the worker's reason to live: when it goes, so does the worker.
process.on('disconnect', () => process.exit(0));

function start(): void {
  const url = process.env.REDIS_URL;
  if (url) {
    // Not waited for: the worker takes viewers at once. While Redis is down, the API forwards its
    // own broadcasts over IPC instead.
    const link = new RedisLink(url, (level, text) =>
      (level === 'log' ? console.log : console.error)(`fan-out worker ${text}`),
    );
    link.start();
    link.listen(FRAMES_CHANNEL, (message) => {
      const cut = message.indexOf('\n');
      if (cut > 0) {
        emitToRoom(message.subarray(0, cut).toString(), message.subarray(cut + 1));
      }
    });
  }
  send({ type: 'ready' });
}

start();

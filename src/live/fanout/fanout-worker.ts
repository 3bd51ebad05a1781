/**
 * A fan-out worker (forked by FanoutService): it owns the `/live` sockets handed to it by the API
 * process and writes every broadcast to them, so that sending one update to thousands of phones
 * never blocks the event loop that answers the judges' marks. It holds no database: joins are
 * answered by the API process over IPC; broadcasts arrive over IPC or, with REDIS_URL, through the
 * Redis adapter from whichever instance published them.
 */
import { createServer } from 'node:http';
import type { Socket as NetSocket } from 'node:net';
import { RedisLink } from '../redis-link';
import { Server, type Socket } from 'socket.io';
import {
  allowJoin,
  FANOUT_PATH,
  LIVE_SOCKET_OPTIONS,
  parseJoin,
  roomsToLeave,
  TOO_MANY_JOINS,
} from '../join-rules';
import type { FromWorker, ToWorker } from './protocol';
import { localizeAnswer, socketLocale } from '../socket-locale';

const send = (message: FromWorker) => process.send?.(message);

const http = createServer((_req, res) => {
  // Only upgrades are handed over; a plain request here means a client asked for polling.
  res.writeHead(400, { 'content-type': 'application/json' }).end(
    JSON.stringify({
      statusCode: 400,
      code: 'WEBSOCKET_REQUIRED',
      message: `${FANOUT_PATH} serves websockets only; use /socket.io for polling.`,
    }),
  );
});
// No connection-state recovery here: broadcasts bypass socket.io's per-socket path (below), so its
// packet buffer would stay empty, and it would not survive this worker's restart anyway. A board
// that reconnects re-joins with `since` and gets what it missed from the API's stored updates.
const { connectionStateRecovery: _recovery, ...socketOptions } = LIVE_SOCKET_OPTIONS;
const io = new Server(http, {
  ...socketOptions,
  path: FANOUT_PATH,
  transports: ['websocket'],
  serveClient: false,
});
const live = io.of('/live');

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

live.on('connection', (socket: Socket) => {
  socket.on('join', async (body: unknown, ack?: unknown) => {
    const send = typeof ack === 'function' ? (ack as (answer: unknown) => void) : () => undefined;
    const reply = (answer: unknown) => send(localizeAnswer(answer, socketLocale(socket.handshake)));
    if (!allowJoin(socket.data as { joins?: number[] })) {
      reply(TOO_MANY_JOINS);
      return;
    }
    const request = parseJoin(body);
    if ('error' in request) {
      reply(request);
      return;
    }
    const { room, answer } = await askApi(request);
    if (room && socket.connected) {
      await socket.join(room);
    }
    reply(answer);
  });
  socket.on('leave', async (body: unknown, ack?: unknown) => {
    for (const room of roomsToLeave(body)) {
      await socket.leave(room);
    }
    if (typeof ack === 'function') {
      (ack as (answer: unknown) => void)({ ok: true });
    }
  });
});

/** The websocket under a viewer's engine.io connection (this worker serves nothing else). */
interface RawWebSocket {
  readyState: number;
  send(data: Buffer, options: { binary: boolean; compress: boolean }): void;
}
/**
 * Only when engine.io holds nothing back for this socket (an acknowledgement queued behind a
 * write in flight): bytes written past it would overtake it.
 */
function rawWebSocketOf(socket: Socket): RawWebSocket | null {
  const conn = socket.conn as unknown as {
    readyState: string;
    writeBuffer?: unknown[];
    transport?: { name?: string; socket?: unknown };
  };
  const { transport } = conn;
  return conn.readyState === 'open' &&
    conn.writeBuffer?.length === 0 &&
    transport?.name === 'websocket' &&
    transport.socket
    ? (transport.socket as RawWebSocket)
    : null;
}

/**
 * One broadcast to a room: the message is serialized once — engine.io's "message" type (4), then
 * socket.io's EVENT (2) in the namespace, then the JSON array [event, payload] (protocol v5) — and
 * the same bytes are sent on every viewer's websocket. socket.io's own broadcast also encodes once
 * but then walks engine.io's packet queue per socket (packetCreate, writeBuffer, flush, drain),
 * which costs the fan-out as much again as the write itself. A viewer whose websocket is not open,
 * or whose engine.io queue is not empty, takes the ordinary path.
 */
function emitToRoom(room: string, event: string, payload: unknown): void {
  const members = live.adapter.rooms.get(room);
  if (!members || members.size === 0) {
    return;
  }
  const frame = Buffer.from(`42${live.name},${JSON.stringify([event, payload])}`);
  for (const id of members) {
    const socket = live.sockets.get(id);
    if (!socket) {
      continue;
    }
    const ws = rawWebSocketOf(socket);
    if (ws && ws.readyState === 1) {
      ws.send(frame, { binary: false, compress: false });
    } else {
      socket.emit(event, payload);
    }
  }
}

let reported = -1;
setInterval(() => {
  const count = io.engine.clientsCount;
  if (count !== reported) {
    reported = count;
    send({ type: 'viewers', count });
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
      }
      break;
    case 'emit':
      emitToRoom(message.room, message.event, message.payload);
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
    // Not waited for: the worker takes viewers at once. While Redis is down its adapter delivers
    // nothing from other instances, and the API forwards its own broadcasts over IPC meanwhile.
    const link = new RedisLink(url, (level, text) =>
      (level === 'log' ? console.log : console.error)(`fan-out worker ${text}`),
    );
    link.start();
    const adapter = link.adapter();
    if (adapter) {
      io.adapter(adapter);
    }
  }
  send({ type: 'ready' });
}

start();

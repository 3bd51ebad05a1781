import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import { join } from 'node:path';
import { io, Socket } from 'socket.io-client';
import { exited, freePort, waitForHealth } from './processes';

interface PreparedDay {
  eventId: number;
  moduleId: number;
  chief: Record<string, string>;
  organizer: Record<string, string>;
  judges: { id: number; auth: Record<string, string> }[];
  aspects: { id: number }[];
  codes: string[];
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { prepareDay } = require('../../bench/prepare') as {
  prepareDay: (
    url: string,
    o: { contestants: number; aspects: number; judges: number },
  ) => Promise<PreparedDay>;
};

interface Row {
  workstationNo: number;
  lockedModules: number;
}
interface Push {
  seq: number;
  changes: Row[];
  removed: number[];
}

const MAIN = join(__dirname, '..', '..', 'dist', 'main.js');

async function startServer(liveWorkers: number) {
  const dir = mkdtempSync(join(tmpdir(), 'wuxi-fanout-'));
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [MAIN], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_PATH: join(dir, 'fanout.sqlite'),
      DATABASE_URL: '',
      REDIS_URL: '',
      DEMO: 'on',
      NODE_ENV: 'test',
      JWT_SECRET: 'fanout-secret-0123456789abcdef',
      LIVE_INTERVAL_MS: '50',
      LIVE_WORKERS: String(liveWorkers),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitForHealth(url);
  return {
    url,
    child,
    async stop() {
      child.kill('SIGTERM');
      await exited(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The fan-out workers the server forked. */
function workersOf(pid: number): number[] {
  return readdirSync(`/proc/${pid}/task`)
    .flatMap((task) =>
      readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim().split(/\s+/),
    )
    .filter(Boolean)
    .map(Number)
    .filter((child) => readFileSync(`/proc/${child}/cmdline`, 'utf8').includes('fanout-worker'));
}

const until = async (check: () => boolean, ms = 10_000) => {
  const deadline = Date.now() + ms;
  while (!check() && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 25));
  }
};

async function post(url: string, auth: Record<string, string>, body?: unknown) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return res.status;
}

/** A marked, signed module ready to lock. */
async function markedDay(url: string): Promise<PreparedDay> {
  const day = await prepareDay(url, { contestants: 6, aspects: 2, judges: 1 });
  const [judge] = day.judges;
  const marks = day.codes.flatMap((workpieceCode, i) =>
    day.aspects.map((aspect, k) => ({
      clientId: `fanout-${i}-${k}`,
      workpieceCode,
      aspectId: aspect.id,
      value: 20 + i,
    })),
  );
  expect(await post(`${url}/api/judge/marks/batch`, judge.auth, { marks })).toBe(200);
  expect(await post(`${url}/api/judge/modules/${day.moduleId}/sign`, judge.auth)).toBe(200);
  return day;
}

/** A board as the client keeps it: a snapshot, then pushes applied in order; gaps ask `since`. */
function board(url: string, path: string, eventId: number) {
  const socket: Socket = io(`${url}/live`, {
    path,
    transports: ['websocket'],
    reconnectionDelay: 100,
    reconnectionDelayMax: 300,
  });
  const state = {
    socket,
    seq: -1,
    rows: new Map<number, Row>(),
    pushes: [] as number[],
    states: [] as boolean[],
    joins: 0,
  };
  const apply = (u: Push) => {
    u.removed.forEach((w) => state.rows.delete(w));
    u.changes.forEach((r) => state.rows.set(r.workstationNo, r));
    state.seq = u.seq;
  };
  const join = async () => {
    const answer = (await socket
      .timeout(5000)
      .emitWithAck('join', state.seq < 0 ? { eventId } : { eventId, since: state.seq })) as {
      seq: number;
      rows?: Row[];
      updates?: Push[];
    };
    state.joins += 1;
    if (answer.rows) {
      state.rows = new Map(answer.rows.map((r) => [r.workstationNo, r]));
      state.seq = answer.seq;
    } else {
      answer.updates?.forEach(apply);
    }
  };
  socket.on('connect', () => void join());
  socket.on('standings', (u: Push) => {
    state.pushes.push(u.seq);
    if (u.seq === state.seq + 1) {
      apply(u);
    } else if (u.seq > state.seq + 1) {
      void join();
    }
  });
  socket.on('state', (s: { frozen: boolean }) => state.states.push(s.frozen));
  return state;
}

const sorted = (rows: Map<number, Row>) =>
  [...rows.values()].sort((x, y) => x.workstationNo - y.workstationNo);

describe('fan-out workers (SQLite, no Redis: broadcasts over IPC)', () => {
  let server: Awaited<ReturnType<typeof startServer>>;

  beforeAll(async () => {
    if (!existsSync(MAIN)) {
      throw new Error('dist/main.js is missing: run `npm run build:server` first (npm test does).');
    }
    server = await startServer(2);
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
  }, 20_000);

  it('viewers on both workers get every lock in order; freeze and unfreeze are pushed; a killed worker is replaced and its viewers catch up', async () => {
    const { url } = server;
    expect(workersOf(server.child.pid as number)).toHaveLength(2);
    const day = await markedDay(url);
    // Four viewers: round robin puts two on each worker. One more stays in the API process.
    const boards = [1, 2, 3, 4].map(() => board(url, '/live-io', day.eventId));
    const inProcess = board(url, '/socket.io', day.eventId);
    const all = [...boards, inProcess];
    await until(() => all.every((b) => b.joins === 1));
    expect(all.map((b) => b.seq)).toEqual([0, 0, 0, 0, 0]);
    // Health shows the workers and, within their 2 s report, the four viewers they hold.
    const live = async () =>
      ((await (await fetch(`${url}/api/health`)).json()) as { live: unknown }).live;
    let status: unknown = null;
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline) {
      status = await live();
      if ((status as { viewers: number }).viewers === 4) {
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(status).toEqual({ workers: 2, viewers: 4 });

    const lock = () => post(`${url}/api/modules/${day.moduleId}/lock`, day.chief);
    const unlock = () =>
      post(`${url}/api/modules/${day.moduleId}/unlock`, day.chief, { reason: '复核' });
    expect(await lock()).toBe(200);
    await until(() => all.every((b) => b.seq === 1));
    expect(await unlock()).toBe(200);
    await until(() => all.every((b) => b.seq === 2));
    expect(all.map((b) => b.pushes)).toEqual(all.map(() => [1, 2]));

    expect(await post(`${url}/api/events/${day.eventId}/freeze`, day.organizer)).toBe(200);
    expect(await post(`${url}/api/events/${day.eventId}/unfreeze`, day.organizer)).toBe(200);
    await until(() => all.every((b) => b.states.length === 2));
    expect(all.map((b) => b.states)).toEqual(all.map(() => [true, false]));

    // Kill one worker: its viewers drop, reconnect to the survivor (or the replacement) and
    // catch up on what they missed meanwhile; the API keeps answering.
    const [victim] = workersOf(server.child.pid as number);
    process.kill(victim, 'SIGKILL');
    // The unlock asked the judge to sign again before the module can be locked.
    expect(await post(`${url}/api/judge/modules/${day.moduleId}/sign`, day.judges[0].auth)).toBe(
      200,
    );
    expect(await lock()).toBe(200);
    expect((await fetch(`${url}/api/health`)).status).toBe(200);
    await until(() => all.every((b) => b.seq === 3 && b.socket.connected), 15_000);
    const snapshot = (await (await fetch(`${url}/api/events/${day.eventId}/standings`)).json()) as {
      seq: number;
      rows: Row[];
    };
    expect(snapshot.seq).toBe(3);
    for (const b of all) {
      expect(sorted(b.rows)).toEqual(
        [...snapshot.rows].sort((x, y) => x.workstationNo - y.workstationNo),
      );
    }
    // Before decryption a row is its workstation and locked modules (no scores).
    expect(Math.max(...snapshot.rows.map((r) => r.lockedModules))).toBeGreaterThan(0);
    await until(() => workersOf(server.child.pid as number).length === 2, 10_000);
    const replacement = workersOf(server.child.pid as number);
    expect(replacement).toHaveLength(2);
    expect(replacement).not.toContain(victim);
    all.forEach((b) => b.socket.close());
  }, 60_000);

  it('refuses polling and oversized messages on the workers, and the server stays healthy', async () => {
    const { url } = server;
    const polling = await fetch(`${url}/live-io/?EIO=4&transport=polling`);
    expect(polling.status).toBeGreaterThanOrEqual(400);
    const socket: Socket = io(`${url}/live`, {
      path: '/live-io',
      transports: ['websocket'],
      reconnection: false,
    });
    await new Promise<void>((resolve) => socket.on('connect', () => resolve()));
    const bad = (await socket.timeout(5000).emitWithAck('join', { eventId: 'x' })) as {
      error: { code: string };
    };
    expect(bad.error.code).toBe('VALIDATION_FAILED');
    const missing = (await socket.timeout(5000).emitWithAck('join', { eventId: 999999 })) as {
      error: { code: string };
    };
    expect(missing.error.code).toBe('EVENT_NOT_FOUND');
    const closed = new Promise<string>((resolve) => socket.on('disconnect', resolve));
    socket.emit('join', { eventId: 1, padding: 'x'.repeat(64 * 1024) });
    expect(await closed).toBe('transport close');
    expect((await fetch(`${url}/api/health`)).status).toBe(200);
  }, 30_000);

  it('answers a board whose first packet follows its upgrade at once (none read by the API process after the hand-over)', async () => {
    // Raw boards: the upgrade request, then the namespace connect a moment later without waiting
    // for the 101 (the window in which the API process still held the socket it had handed over).
    const { port } = new URL(server.url);
    const frame = (text: string) => {
      const payload = Buffer.from(text);
      const mask = Buffer.from([1, 2, 3, 4]);
      const masked = payload.map((byte, i) => byte ^ mask[i % 4]);
      return Buffer.concat([Buffer.from([0x81, 0x80 | payload.length]), mask, masked]);
    };
    const board = (delayMs: number) =>
      new Promise<boolean>((resolve) => {
        const socket = connect(Number(port), '127.0.0.1');
        let received = '';
        const done = (answered: boolean) => {
          clearTimeout(timer);
          socket.destroy();
          resolve(answered);
        };
        const timer = setTimeout(() => done(false), 8000);
        socket.on('data', (chunk: Buffer) => {
          received += chunk.toString('latin1');
          if (received.includes('40/live,{')) {
            done(true);
          }
        });
        socket.on('error', () => done(false));
        socket.on('connect', () => {
          socket.write(
            'GET /live-io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: 127.0.0.1\r\n' +
              'Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n' +
              `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\n\r\n`,
          );
          setTimeout(() => socket.write(frame('40/live,')), delayMs);
        });
      });
    const answers = await Promise.all(Array.from({ length: 400 }, (_, i) => board(i % 4)));
    expect(answers.filter((answered) => !answered)).toHaveLength(0);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  }, 60_000);

  it('stops on SIGTERM while viewers are still connected to the workers', async () => {
    // A handed-over socket still counts as a connection of the API's HTTP server: the server
    // must stop its workers before it closes, or the close waits on them for ever.
    const viewers = [1, 2].map(() =>
      io(`${server.url}/live`, {
        path: '/live-io',
        transports: ['websocket'],
        reconnection: false,
      }),
    );
    await Promise.all(
      viewers.map((v) => new Promise<void>((resolve) => v.once('connect', () => resolve()))),
    );
    const dropped = Promise.all(
      viewers.map((v) => new Promise<void>((resolve) => v.once('disconnect', () => resolve()))),
    );
    const workers = workersOf(server.child.pid as number);
    expect(workers).toHaveLength(2);
    const started = Date.now();
    const exited = new Promise<string>((resolve) =>
      server.child.once('exit', (code, signal) => resolve(signal ?? `exit ${code}`)),
    );
    server.child.kill('SIGTERM');
    // Nest re-raises the signal once its shutdown hooks have all run (the server closed).
    expect(['SIGTERM', 'exit 0']).toContain(await exited);
    expect(Date.now() - started).toBeLessThan(5000);
    await dropped;
    for (const pid of workers) {
      expect(existsSync(`/proc/${pid}`)).toBe(false);
    }
  }, 30_000);
});

describe('without fan-out workers (LIVE_WORKERS=0)', () => {
  it('answers the workers path with 503 at once, so boards fall back to /socket.io', async () => {
    const server = await startServer(0);
    try {
      expect(workersOf(server.child.pid as number)).toHaveLength(0);
      const socket: Socket = io(`${server.url}/live`, {
        path: '/live-io',
        transports: ['websocket'],
        reconnection: false,
      });
      const started = Date.now();
      const error = await new Promise<Error>((resolve) => socket.on('connect_error', resolve));
      expect(error.message).toMatch(/websocket error/);
      expect(Date.now() - started).toBeLessThan(900); // not socket.io's 1 s destroy timeout
      socket.close();
      const fallback: Socket = io(`${server.url}/live`, {
        transports: ['polling'],
        reconnection: false,
      });
      await new Promise<void>((resolve) => fallback.on('connect', () => resolve()));
      const answer = (await fallback.timeout(5000).emitWithAck('join', { editionId: 1 })) as {
        ok: boolean;
      };
      expect(answer.ok).toBe(true);
      fallback.close();
    } finally {
      await server.stop();
    }
  }, 60_000);
});

import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { io, Socket } from 'socket.io-client';
import { exited, freePort, waitForHealth } from './processes';

interface PreparedDay {
  eventId: number;
  moduleId: number;
  chief: Record<string, string>;
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

const PG = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `redis_${process.pid}_${Date.now().toString(36)}`;

interface Health {
  status: string;
  redis: { configured: boolean; ok: boolean };
}
const health = async (url: string) => (await (await fetch(`${url}/api/health`)).json()) as Health;

const until = async (check: () => boolean | Promise<boolean>, ms = 15_000) => {
  const deadline = Date.now() + ms;
  while (!(await check()) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
  }
  return check();
};

/**
 * Our own redis-server on a port of its own (never the machine's 6379), stopped and started
 * under two running instances.
 */
describe('Redis is a dependency, not a single point of failure', () => {
  const children: ChildProcess[] = [];
  let redis: ChildProcess | null = null;
  let redisPort: number;
  let a: string;
  let b: string;

  const startRedis = () => {
    redis = spawn(
      'redis-server',
      ['--port', String(redisPort), '--save', '', '--appendonly', 'no'],
      {
        stdio: 'ignore',
      },
    );
  };
  const stopRedis = async () => {
    const child = redis!;
    redis = null;
    child.kill('SIGKILL');
    await exited(child);
  };

  const start = (port: number) => {
    const child = spawn(process.execPath, [join(__dirname, '..', '..', 'dist', 'main.js')], {
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_URL: PG,
        DATABASE_SCHEMA: schema,
        REDIS_URL: `redis://127.0.0.1:${redisPort}`,
        DEMO: 'on',
        NODE_ENV: 'test',
        JWT_SECRET: 'multi-instance-secret-0123456789',
        AUDIT_KEY: 'multi-instance-audit-key-0123456789',
        LIVE_INTERVAL_MS: '50',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    children.push(child);
  };

  beforeAll(async () => {
    if (!existsSync(join(__dirname, '..', '..', 'dist', 'main.js'))) {
      throw new Error('dist/main.js is missing: run `npm run build:server` first (npm test does).');
    }
    redisPort = process.env.TEST_REDIS_OUTAGE_PORT
      ? Number(process.env.TEST_REDIS_OUTAGE_PORT)
      : 6391;
    const admin = new Client({ connectionString: PG });
    await admin.connect();
    await admin.query(`CREATE SCHEMA "${schema}"`);
    await admin.end();
    const [portA, portB] = [await freePort(), await freePort()];
    a = `http://127.0.0.1:${portA}`;
    b = `http://127.0.0.1:${portB}`;
    // Redis is not running: both instances must still start and serve.
    start(portA);
    await waitForHealth(a, 40_000);
    start(portB);
    await waitForHealth(b, 40_000);
  }, 90_000);

  afterAll(async () => {
    for (const child of children) {
      child.kill('SIGTERM');
    }
    await Promise.all(children.map(exited));
    if (redis) {
      await stopRedis();
    }
    const admin = new Client({ connectionString: PG });
    await admin.connect();
    await admin.query(`DROP SCHEMA "${schema}" CASCADE`);
    await admin.end();
  }, 30_000);

  it('starts without Redis, pushes to its own viewers, reconnects and resumes with catch-up', async () => {
    const log: string[] = [];
    expect(await health(a)).toMatchObject({
      status: 'degraded',
      redis: { configured: true, ok: false },
    });

    const day = await prepareDay(a, { contestants: 4, aspects: 1, judges: 1 });
    const [judge] = day.judges;
    const marked = await fetch(`${a}/api/judge/marks/batch`, {
      method: 'POST',
      headers: { ...judge.auth, 'content-type': 'application/json' },
      body: JSON.stringify({
        marks: day.codes.map((workpieceCode, i) => ({
          clientId: `redis-${i}-${Date.now()}`,
          workpieceCode,
          aspectId: day.aspects[0].id,
          value: 20 + i,
        })),
      }),
    });
    expect(marked.status).toBe(200);
    await fetch(`${a}/api/judge/modules/${day.moduleId}/sign`, {
      method: 'POST',
      headers: judge.auth,
    });

    // Viewers on the boards' path (the fan-out workers) of A and of B.
    const viewer = async (url: string) => {
      const socket: Socket = io(`${url}/live`, {
        path: '/live-io',
        transports: ['websocket'],
        reconnection: false,
      });
      const seen: number[] = [];
      socket.on('standings', (u: { seq: number }) => seen.push(u.seq));
      // A viewer that cannot connect fails the test at once rather than waiting for its timeout.
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', (error) => reject(new Error(`${url}: ${error.message}`)));
      });
      await socket.timeout(5000).emitWithAck('join', { eventId: day.eventId });
      return { socket, seen };
    };
    const onA = await viewer(a);
    const onB = await viewer(b);
    const lock = async () => {
      // An unlock takes the judge's sign-off back: sign again, then lock.
      await fetch(`${a}/api/judge/modules/${day.moduleId}/sign`, {
        method: 'POST',
        headers: judge.auth,
      });
      return fetch(`${a}/api/modules/${day.moduleId}/lock`, { method: 'POST', headers: day.chief });
    };
    const unlock = () =>
      fetch(`${a}/api/modules/${day.moduleId}/unlock`, {
        method: 'POST',
        headers: { ...day.chief, 'content-type': 'application/json' },
        body: JSON.stringify({ reason: '复核' }),
      });

    // 1. No Redis at all: A's own viewers still get A's push.
    expect((await lock()).status).toBe(200);
    expect(await until(() => onA.seen.includes(1))).toBe(true);
    log.push(`no Redis: A's viewer got [${onA.seen}], B's [${onB.seen}]`);

    // 2. Redis comes up: both reconnect by themselves; B's viewer gets the next push and
    //    catches up on what it missed with `since`.
    startRedis();
    expect(await until(async () => (await health(a)).redis.ok && (await health(b)).redis.ok)).toBe(
      true,
    );
    expect((await health(b)).status).toBe('ok');
    expect((await unlock()).status).toBe(200);
    expect(await until(() => onB.seen.includes(2))).toBe(true);
    const catchUp = (await onB.socket
      .timeout(5000)
      .emitWithAck('join', { eventId: day.eventId, since: 0 })) as { updates: { seq: number }[] };
    expect(catchUp.updates.map((u) => u.seq)).toEqual([1, 2]);
    log.push(
      `Redis up: B's viewer got [${onB.seen}], caught up with since=0 on [${catchUp.updates.map((u) => u.seq)}]`,
    );

    // 3. Redis stopped mid-run: health says degraded, A's viewers keep getting A's pushes.
    await stopRedis();
    expect(await until(async () => (await health(a)).status === 'degraded')).toBe(true);
    expect((await lock()).status).toBe(200);
    expect(await until(() => onA.seen.includes(3))).toBe(true);
    log.push(`Redis stopped: A ${(await health(a)).status}, A's viewer got [${onA.seen}]`);

    // 4. And started again: pushes cross instances again.
    startRedis();
    expect(await until(async () => (await health(a)).redis.ok && (await health(b)).redis.ok)).toBe(
      true,
    );
    expect((await unlock()).status).toBe(200);
    expect(await until(() => onB.seen.includes(4))).toBe(true);
    log.push(`Redis restarted: B's viewer got [${onB.seen}]`);
    onA.socket.close();
    onB.socket.close();
    console.log(`redis outage: ${log.join('; ')}`);
  }, 120_000);

  it('stops within seconds on SIGTERM with viewers on its workers, its database pool open', async () => {
    // Viewers handed to the workers make Node's server ask them on close(); once they had exited
    // it waited for ever (the process lingered until PostgreSQL's idle clients timed out).
    const viewers = [a, b].map((url) =>
      io(`${url}/live`, { path: '/live-io', transports: ['websocket'], reconnection: false }),
    );
    await Promise.all(
      viewers.map((v) => new Promise<void>((resolve) => v.once('connect', () => resolve()))),
    );
    const started = Date.now();
    const stopped = children.map(async (child) => {
      await exited(child);
      // Nest re-raises the signal once its shutdown hooks have run.
      return { how: child.signalCode ?? `exit ${child.exitCode}`, ms: Date.now() - started };
    });
    for (const child of children) {
      child.kill('SIGTERM');
    }
    const results = await Promise.all(stopped);
    viewers.forEach((v) => v.close());
    console.log(
      `SIGTERM with viewers connected: ${results.map((r) => `${r.how} in ${r.ms} ms`).join(', ')}`,
    );
    for (const r of results) {
      expect(['SIGTERM', 'exit 0']).toContain(r.how);
      expect(r.ms).toBeLessThan(5_000);
    }
  }, 30_000);
});

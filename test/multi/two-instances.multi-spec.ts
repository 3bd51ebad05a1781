import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { createClient } from 'redis';
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
// The bench's helper prepares a marked event through the public API of a running server.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { prepareDay } = require('../../bench/prepare') as {
  prepareDay: (
    url: string,
    o: { contestants: number; aspects: number; judges: number },
  ) => Promise<PreparedDay>;
};

const PG = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const schema = `multi_${process.pid}_${Date.now().toString(36)}`;

function start(port: number): ChildProcess {
  return spawn(process.execPath, [join(__dirname, '..', '..', 'dist', 'main.js')], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: PG,
      DATABASE_SCHEMA: schema,
      REDIS_URL: REDIS,
      DEMO: 'on',
      NODE_ENV: 'test',
      JWT_SECRET: 'multi-instance-secret-0123456789',
      AUDIT_KEY: 'multi-instance-audit-key-0123456789',
      LIVE_INTERVAL_MS: '50',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

const until = async (check: () => boolean, ms = 10_000) => {
  const deadline = Date.now() + ms;
  while (!check() && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 25));
  }
};

describe('two instances sharing PostgreSQL and Redis', () => {
  const children: ChildProcess[] = [];
  let a: string;
  let b: string;

  beforeAll(async () => {
    if (!existsSync(join(__dirname, '..', '..', 'dist', 'main.js'))) {
      throw new Error('dist/main.js is missing: run `npm run build:server` first (npm test does).');
    }
    const admin = new Client({ connectionString: PG });
    await admin.connect();
    await admin.query(`CREATE SCHEMA "${schema}"`);
    await admin.end();
    const [portA, portB] = [await freePort(), await freePort()];
    a = `http://127.0.0.1:${portA}`;
    b = `http://127.0.0.1:${portB}`;
    // A migrates and seeds first; B then starts on the same database.
    children.push(start(portA));
    await waitForHealth(a);
    children.push(start(portB));
    await waitForHealth(b);
  }, 60_000);

  afterAll(async () => {
    for (const child of children) {
      child.kill('SIGTERM');
    }
    await Promise.all(children.map(exited));
    const admin = new Client({ connectionString: PG });
    await admin.connect();
    await admin.query(`DROP SCHEMA "${schema}" CASCADE`);
    await admin.end();
  }, 20_000);

  it('a module locked and unlocked through A reaches a viewer on B, in order, with no gap', async () => {
    const day = await prepareDay(a, { contestants: 6, aspects: 2, judges: 1 });
    const [judge] = day.judges;
    const marks = day.codes.flatMap((workpieceCode, i) =>
      day.aspects.map((aspect, k) => ({
        clientId: `multi-${i}-${k}-${Date.now()}`,
        workpieceCode,
        aspectId: aspect.id,
        value: 20 + i,
      })),
    );
    const submitted = await fetch(`${a}/api/judge/marks/batch`, {
      method: 'POST',
      headers: { ...judge.auth, 'content-type': 'application/json' },
      body: JSON.stringify({ marks }),
    });
    expect(submitted.status).toBe(200);
    expect(
      (
        await fetch(`${a}/api/judge/modules/${day.moduleId}/sign`, {
          method: 'POST',
          headers: judge.auth,
        })
      ).status,
    ).toBe(200);

    // The fast path: each broadcast is serialized once by the instance that makes it and
    // published once on one channel, which every instance's workers listen on.
    const frames: string[] = [];
    const listener = createClient({ url: REDIS });
    await listener.connect();
    await listener.subscribe('wuxi:live:frames', (message) => frames.push(message));

    // One viewer in B's fan-out worker (the boards' path), one in B's API process (polling path),
    // one in A's worker.
    const viewers = [
      [b, '/live-io'],
      [b, '/socket.io'],
      [a, '/live-io'],
    ].map(([origin, path]) => {
      const socket: Socket = io(`${origin}/live`, {
        path,
        transports: ['websocket'],
        reconnection: false,
      });
      const seen: { seq: number; changes: { workstationNo: number; lockedModules: number }[] }[] =
        [];
      socket.on('standings', (u: (typeof seen)[number]) => seen.push(u));
      // Listening from the start: the second may connect while the first is joining.
      const connected = new Promise<void>((resolve) => socket.once('connect', () => resolve()));
      return { socket, seen, connected };
    });
    const received = viewers[0].seen;
    for (const { socket, connected } of viewers) {
      await connected;
      const joined = (await socket.timeout(5000).emitWithAck('join', { eventId: day.eventId })) as {
        seq: number;
      };
      expect(joined.seq).toBe(0);
    }

    expect(
      (await fetch(`${a}/api/modules/${day.moduleId}/lock`, { method: 'POST', headers: day.chief }))
        .status,
    ).toBe(200);
    await until(() => viewers.every((v) => v.seen.length >= 1));
    const unlock = await fetch(`${a}/api/modules/${day.moduleId}/unlock`, {
      method: 'POST',
      headers: { ...day.chief, 'content-type': 'application/json' },
      body: JSON.stringify({ reason: '复核' }),
    });
    expect(unlock.status).toBe(200);
    await until(() => viewers.every((v) => v.seen.length >= 2));
    viewers.forEach((v) => v.socket.close());
    await listener.quit();
    expect(viewers[0].seen.map((u) => u.seq)).toEqual([1, 2]);
    expect(viewers[1].seen).toEqual(viewers[0].seen);
    expect(viewers[2].seen).toEqual(viewers[0].seen);
    // One message per update for the event's room (not one per worker, instance or viewer),
    // already the socket.io frame the boards are sent.
    const room = `event:${day.eventId}\n`;
    const forRoom = frames.filter((f) => f.startsWith(room)).map((f) => f.slice(room.length));
    expect(forRoom).toHaveLength(2);
    expect(
      forRoom.map((f) => JSON.parse(f.slice('42/live,'.length)) as [string, { seq: number }]),
    ).toEqual([
      ['standings', expect.objectContaining({ seq: 1 })],
      ['standings', expect.objectContaining({ seq: 2 })],
    ]);
    expect(received[0].changes).toHaveLength(6);
    // Before decryption a row is its workstation and locked modules (no scores).
    expect(received[0].changes.map((c) => c.lockedModules)).toEqual(Array(6).fill(1));
  }, 60_000);
});

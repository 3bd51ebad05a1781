import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';

interface Server {
  url: string;
  dir: string;
  child: import('node:child_process').ChildProcess;
  stop(o?: { keep?: boolean }): Promise<void>;
}
interface PreparedDay {
  eventId: number;
  organizer: Record<string, string>;
  judges: { id: number; auth: Record<string, string> }[];
  aspects: { id: number }[];
  codes: string[];
}
// The benches' helpers start the built server and prepare a marked event over its public API.
/* eslint-disable @typescript-eslint/no-require-imports */
const { startServer, login, api } = require('../../bench/harness') as {
  startServer: (
    env: Record<string, string>,
    o?: { dir?: string; port?: number },
  ) => Promise<Server>;
  login: (url: string, username: string) => Promise<Record<string, string>>;
  api: <T>(url: string, auth: unknown, method: string, path: string, body?: unknown) => Promise<T>;
};
const { prepareDay, idNumber } = require('../../bench/prepare') as {
  prepareDay: (
    url: string,
    o: { contestants: number; aspects: number; judges: number },
  ) => Promise<PreparedDay>;
  idNumber: (n: number) => string;
};
/* eslint-enable @typescript-eslint/no-require-imports */

const ENV = { DATABASE_MAX_MB: '2', LIVE_WORKERS: '0', LIVE_INTERVAL_MS: '100' };

/** A second connection grows the file past the server's cap: from then on the file is full. */
function fill(path: string): Database.Database {
  const db = new Database(path);
  db.pragma('busy_timeout = 10000');
  db.exec('CREATE TABLE IF NOT EXISTS "filler" ("b" BLOB)');
  const insert = db.prepare('INSERT INTO "filler" ("b") VALUES (randomblob(3000))');
  const capPages = (2 * 1024 * 1024) / Number(db.pragma('page_size', { simple: true }));
  while (Number(db.pragma('page_count', { simple: true })) < capPages + 8) {
    insert.run();
  }
  return db;
}

describe('a full SQLite file, then kill -9: every acknowledged write is stored', () => {
  let server: Server;

  beforeAll(() => {
    if (!existsSync(join(__dirname, '..', '..', 'dist', 'main.js'))) {
      throw new Error('dist/main.js is missing: run `npm run build:server` first (npm test does).');
    }
  });

  afterAll(async () => {
    await server?.stop();
  }, 20_000);

  it('acknowledged vs stored after filling, freeing, SIGKILL and restart: 0 lost', async () => {
    server = await startServer(ENV);
    const dbPath = join(server.dir, 'bench.sqlite');
    const day = await prepareDay(server.url, { contestants: 10, aspects: 5, judges: 2 });
    const organizer = await login(server.url, 'organizer');
    const editions = await api<{ id: number }[]>(server.url, organizer, 'GET', '/api/editions');
    const events = await api<{ id: number; occupation: string }[]>(
      server.url,
      organizer,
      'GET',
      `/api/editions/${editions[0].id}/events`,
    );
    const entryEvent = events.find((e) => e.id !== day.eventId)!;
    const acked = { entries: new Set<number>(), marks: new Set<string>() };
    const statuses: Record<string, number> = {};
    const post = async (auth: Record<string, string>, path: string, body: unknown) => {
      try {
        const res = await fetch(`${server.url}${path}`, {
          method: 'POST',
          headers: { ...auth, 'content-type': 'application/json' },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(20_000),
        });
        const json = (await res.json()) as { id?: number; code?: string; body?: { id: string } };
        const key = `${res.status}${res.status >= 300 ? ` ${json.code}` : ''}`;
        statuses[key] = (statuses[key] ?? 0) + 1;
        return { status: res.status, json };
      } catch {
        statuses.failed = (statuses.failed ?? 0) + 1;
        return { status: 0, json: {} as never };
      }
    };
    let n = 0;
    const entries = (count: number) =>
      Array.from({ length: count }, () => {
        n += 1;
        return post(organizer, '/api/entries', {
          eventId: entryEvent.id,
          group: 'worker',
          contestant: {
            idNumber: idNumber(5000 + n),
            name: `满盘${n}`,
            phone: '13812345678',
            employer: '无锡威孚高科技集团',
            unitName: '推荐单位1',
            qualificationOccupation: entryEvent.occupation,
            qualificationLevel: 'senior',
          },
        }).then((r) => r.status === 201 && acked.entries.add(r.json.id!));
      });
    const marks = (judge: PreparedDay['judges'][number]) =>
      day.codes.flatMap((workpieceCode) =>
        day.aspects.map((aspect) =>
          post(judge.auth, '/api/judge/marks', {
            clientId: randomUUID(),
            workpieceCode,
            aspectId: aspect.id,
            value: 10,
          }).then((r) => r.status === 201 && acked.marks.add(r.json.body!.id)),
        ),
      );

    const filler = fill(dbPath);
    await Promise.all([...entries(150), ...marks(day.judges[0])]);
    const whileFull = { ...statuses };
    const health = await fetch(`${server.url}/api/health`);
    filler.exec('DELETE FROM "filler"');
    filler.close();
    await Promise.all([...entries(100), ...marks(day.judges[1])]);

    server.child.kill('SIGKILL');
    await new Promise((r) => server.child.once('exit', r));
    server = await startServer(ENV, { dir: server.dir });
    const healthAfter = await fetch(`${server.url}/api/health`);
    await server.stop({ keep: true });
    const db = new Database(dbPath, { readonly: true });
    const storedEntries = new Set(
      (db.prepare('SELECT "id" FROM "entries"').all() as { id: number }[]).map((r) => r.id),
    );
    const storedMarks = new Set(
      (db.prepare('SELECT "id" FROM "marks"').all() as { id: string }[]).map((r) => r.id),
    );
    const integrity = db.pragma('integrity_check', { simple: true });
    db.close();
    rmSync(server.dir, { recursive: true, force: true });
    const lostEntries = [...acked.entries].filter((id) => !storedEntries.has(id));
    const lostMarks = [...acked.marks].filter((id) => !storedMarks.has(id));
    console.log(
      `full disk + kill -9 (sqlite): answers while full ${JSON.stringify(whileFull)}, in all ${JSON.stringify(statuses)}; ` +
        `acknowledged vs stored: entries ${acked.entries.size}/${acked.entries.size - lostEntries.length}, ` +
        `marks ${acked.marks.size}/${acked.marks.size - lostMarks.length}; lost ${lostEntries.length + lostMarks.length}; integrity ${integrity}`,
    );
    expect({ lostEntries, lostMarks, integrity }).toEqual({
      lostEntries: [],
      lostMarks: [],
      integrity: 'ok',
    });
    expect(whileFull['503 STORAGE_UNAVAILABLE']).toBeGreaterThan(0);
    expect(
      Object.keys(statuses).filter((k) => !['201', '503 STORAGE_UNAVAILABLE'].includes(k)),
    ).toEqual([]);
    expect(health.status).toBe(503);
    // After freeing, every entry of the second round and every mark of the second judge commit.
    expect(acked.entries.size).toBeGreaterThanOrEqual(100);
    expect(acked.marks.size).toBeGreaterThanOrEqual(day.codes.length * day.aspects.length);
    expect(healthAfter.status).toBe(200);
  }, 180_000);
});

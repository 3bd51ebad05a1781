import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import request from 'supertest';
import { prepareEvent, PreparedEvent } from './support/competition-day';
import { databaseHash } from './support/factories';
import { Bomb, makeBombs } from './support/sheet-bombs';
import { createTestApp, TestApp } from './support/test-app';

/**
 * The peak resident set size of this process (the server runs in it), sampled every 10 ms by a
 * worker thread: the worker keeps sampling while the main event loop is blocked by a parse.
 */
function rssSampler(): { peak(): Promise<number>; stop(): Promise<number> } {
  const worker = new Worker(
    `const { parentPort } = require('node:worker_threads');
     let peak = 0;
     setInterval(() => { peak = Math.max(peak, process.memoryUsage.rss()); }, 10);
     parentPort.on('message', (m) => { parentPort.postMessage(peak); if (m === 'reset') peak = 0; });`,
    { eval: true },
  );
  const ask = (m: string) =>
    new Promise<number>((resolve) => {
      worker.once('message', resolve);
      worker.postMessage(m);
    });
  return {
    peak: () => ask('reset'),
    stop: async () => {
      const peak = await ask('peek');
      await worker.terminate();
      return peak;
    },
  };
}

const MB = 1024 * 1024;

interface UploadJob {
  path: string;
  fileName: string;
  route: string;
}
interface UploadResult {
  status: number;
  ms: number;
  body: { code?: string; details?: { limit?: unknown } };
}

/**
 * The uploads, one after another, from a child process at the lowest priority: the server runs
 * in this process, and the client's own work (building 8 MB multipart bodies) must not be
 * counted as the server's stall.
 */
function upload(url: string, authorization: string, jobs: UploadJob[]): Promise<UploadResult[]> {
  const script = `
    const { readFileSync } = require('node:fs');
    const [url, authorization, jobs] = JSON.parse(process.argv[1]);
    (async () => {
      const results = [];
      for (const job of jobs) {
        const form = new FormData();
        form.append('file', new Blob([readFileSync(job.path)]), job.fileName);
        const started = performance.now();
        const res = await fetch(url + job.route, { method: 'POST', headers: { authorization }, body: form });
        const body = await res.json().catch(() => ({}));
        results.push({ status: res.status, ms: performance.now() - started, body });
      }
      console.log(JSON.stringify(results));
    })();
  `;
  return new Promise((resolve, reject) => {
    const child = spawn(
      'nice',
      ['-n', '19', process.execPath, '-e', script, JSON.stringify([url, authorization, jobs])],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('exit', () => {
      try {
        resolve(JSON.parse(out) as UploadResult[]);
      } catch {
        reject(new Error(`uploader printed ${out}`));
      }
    });
  });
}
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

describe('hostile sheets on every upload route', () => {
  let t: TestApp;
  let prepared: PreparedEvent;
  let editionId: number;
  let bombs: Bomb[];
  let dir: string;
  let paths: string[];

  beforeAll(async () => {
    t = await createTestApp();
    prepared = await prepareEvent(t, 2);
    editionId = (
      await request(t.url).get(`/api/events/${prepared.eventId}`).set(prepared.organizer.auth)
    ).body.editionId as number;
    bombs = await makeBombs();
    dir = mkdtempSync(join(tmpdir(), 'wuxi-bombs-'));
    paths = bombs.map((b, i) => {
      const path = join(dir, `${i}-${b.fileName}`);
      writeFileSync(path, b.file);
      return path;
    });
  }, 120_000);
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t.close();
  });

  it('answers every bomb within 5 s with 413 SHEET_TOO_LARGE naming the limit; RSS +<300 MB; health p99 <200 ms', async () => {
    const routes = [
      `/api/editions/${editionId}/imports`,
      `/api/events/${prepared.eventId}/scheme.xlsx`,
      `/api/events/${prepared.eventId}/theory.xlsx?dryRun=true`,
    ];
    const before = await databaseHash(t.dataSource);
    global.gc?.();
    const baseline = process.memoryUsage.rss();
    const sampler = rssSampler();
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const health: number[] = [];
    let probing = true;
    const prober = (async () => {
      while (probing) {
        const started = performance.now();
        await request(t.url).get('/api/health').expect(200);
        health.push(performance.now() - started);
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const jobs = bombs.flatMap((bomb, i) =>
      routes
        // beyond the scheme route's 2 MB upload limit a bomb is refused before it is read
        .filter((route) => !(route.includes('scheme') && bomb.file.length > 2 * MB))
        .map((route) => ({ bomb: i, path: paths[i], fileName: bomb.fileName, route })),
    );
    const results = await upload(t.url, prepared.organizer.auth.Authorization, jobs);
    const outcomes = results.map((r, i) => ({
      bomb: bombs[jobs[i].bomb].name,
      route: jobs[i].route.split('/').slice(-1)[0],
      status: r.status,
      code: r.body.code,
      limit: typeof r.body.details?.limit === 'string',
      fast: r.ms < 5000,
    }));
    const lines = results.map(
      (r, i) =>
        `  ${outcomes[i].bomb} (${(bombs[jobs[i].bomb].file.length / 1024).toFixed(0)} KB → ${(bombs[jobs[i].bomb].inflated / MB).toFixed(0)} MB) at ${outcomes[i].route}: ${r.status} ${String(r.body.code)} ${JSON.stringify(r.body.details)} in ${r.ms.toFixed(0)} ms`,
    );
    const slowest = Math.max(...results.map((r) => r.ms));
    const largestGrowth = (await sampler.peak()) - baseline;
    const longestStall = loop.max / 1e6;
    probing = false;
    await prober;
    await sampler.stop();
    loop.disable();
    const p99 = percentile(health, 99);
    console.log(
      `hostile sheets: ${outcomes.length} uploads of ${bombs.length} bombs; slowest answer ${slowest.toFixed(0)} ms; largest RSS growth ${(largestGrowth / MB).toFixed(0)} MB; /api/health p99 ${p99.toFixed(0)} ms, max ${Math.max(...health).toFixed(0)} ms over ${health.length} probes; longest event-loop stall ${longestStall.toFixed(0)} ms\n${lines.join('\n')}`,
    );
    expect(outcomes).toEqual(
      outcomes.map((o) => ({
        ...(o as object),
        status: 413,
        code: 'SHEET_TOO_LARGE',
        limit: true,
        fast: true,
      })),
    );
    expect(largestGrowth).toBeLessThan(300 * MB);
    // Sheets are read in their own thread (src/common/sheets/sheet-thread.ts): the API's loop only
    // receives the rows. With the parse on the loop this was 165–185 ms alone and 877 ms in the suite.
    expect(p99).toBeLessThan(200);
    await request(t.url).get('/api/health').expect(200);
    expect(await databaseHash(t.dataSource)).toBe(before);
  }, 300_000);
});

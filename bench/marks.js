/**
 * `npm run bench:marks`: sustained accepted marks/s and p50/p99 latency of POST /api/judge/marks
 * on the built server (SQLite, WAL + synchronous=FULL), and in the same run two baselines driven
 * by the same autocannon settings: the bare endpoint (the same app, token check and transaction
 * path doing one raw insert; `ratio`), and this machine's floor for one durable write per HTTP
 * request, a bare node:http server doing one raw better-sqlite3 insert (`ratio_bare_http`).
 * Targets (issue): ≥ 500 marks/s, p99 ≤ 50 ms, ratio ≥ 0.5. Last line: one JSON object.
 */
const autocannon = require('autocannon');
const http = require('node:http');
const { randomUUID } = require('node:crypto');
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const Database = require('better-sqlite3');
const { startServer, freePort } = require('./harness');
const { prepareDay } = require('./prepare');

const CONNECTIONS = Number(process.env.CONNECTIONS ?? 10);
const DURATION = Number(process.env.DURATION ?? 10);

function run(opts) {
  return new Promise((resolve, reject) => {
    const instance = autocannon({ connections: CONNECTIONS, duration: DURATION, ...opts }, (err, result) => (err ? reject(err) : resolve(result)));
    autocannon.track(instance, { renderProgressBar: false, renderResultsTable: false, renderLatencyTable: false });
  });
}

async function baseline() {
  const dir = mkdtempSync(join(tmpdir(), 'wuxi-bare-'));
  const db = new Database(join(dir, 'bare.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE marks (id TEXT PRIMARY KEY, body TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO marks (id, body) VALUES (?, ?)');
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      insert.run(randomUUID(), Buffer.concat(chunks).toString());
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    });
  });
  const port = await freePort();
  await new Promise((r) => server.listen(port, '127.0.0.1', r));
  const result = await run({ url: `http://127.0.0.1:${port}/`, method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ clientId: randomUUID(), value: 7.5 }) });
  server.close();
  db.close();
  rmSync(dir, { recursive: true, force: true });
  return result;
}

async function main() {
  const server = await startServer({ BENCH_PROBE: 'on' });
  try {
    const day = await prepareDay(server.url, { contestants: 150, aspects: 10, judges: 10 });
    // Every (judge, aspect, code) once: more distinct marks than the run can use.
    const queue = [];
    for (const code of day.codes) {
      for (const aspect of day.aspects) {
        for (const judge of day.judges) {
          queue.push({ judge, body: { workpieceCode: code, aspectId: aspect.id, value: 5 } });
        }
      }
    }
    let next = 0;
    let refused = 0;
    const result = await run({
      url: `${server.url}/api/judge/marks`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      amount: queue.length,
      requests: [
        {
          setupRequest: (req) => {
            const item = queue[next++ % queue.length];
            return { ...req, headers: { ...req.headers, ...item.judge.auth }, body: JSON.stringify({ clientId: randomUUID(), ...item.body }) };
          },
          onResponse: (status) => {
            if (status !== 201) {
              refused += 1;
            }
          },
        },
      ],
    });
    // The same stack with one raw insert instead of a mark: POST /api/bench-probe.
    let probeNext = 0;
    const probe = await run({
      url: `${server.url}/api/bench-probe`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      requests: [
        {
          setupRequest: (req) => {
            const item = queue[probeNext++ % queue.length];
            return { ...req, headers: { ...req.headers, ...item.judge.auth }, body: JSON.stringify({ clientId: randomUUID(), ...item.body }) };
          },
        },
      ],
    });
    const bare = await baseline();
    const accepted = result.requests.total - refused;
    const marksPerS = accepted / (result.duration || DURATION);
    const barePerS = bare.requests.average;
    console.log(`marks: ${accepted} accepted, ${refused} refused, ${marksPerS.toFixed(0)}/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms (${CONNECTIONS} connections, ${DURATION} s)`);
    const probePerS = probe.requests.average;
    console.log(`baseline 1, the same app and stack doing one raw insert (POST /api/bench-probe): ${probePerS.toFixed(0)}/s, p50 ${probe.latency.p50} ms, p99 ${probe.latency.p99} ms`);
    console.log(`baseline 2, a bare node:http server doing one raw insert with the same pragmas: ${barePerS.toFixed(0)}/s, p50 ${bare.latency.p50} ms, p99 ${bare.latency.p99} ms`);
    console.log(
      JSON.stringify({
        bench: 'marks',
        marks_per_s: Math.round(marksPerS),
        p50_ms: result.latency.p50,
        p99_ms: result.latency.p99,
        baseline_per_s: Math.round(probePerS),
        ratio: Number((marksPerS / probePerS).toFixed(2)),
        bare_http_per_s: Math.round(barePerS),
        ratio_bare_http: Number((marksPerS / barePerS).toFixed(2)),
        refused,
      }),
    );
  } finally {
    await server.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

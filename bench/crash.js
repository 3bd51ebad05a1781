/**
 * `npm run bench:crash`: kill -9 durability. The built server runs on SQLite (WAL, synchronous
 * FULL); a client enters marks at ~200/s and resends anything not acknowledged with the same
 * client id; the server is killed with SIGKILL at random moments and restarted on the same file.
 * At the end every acknowledged mark must be stored exactly once, PRAGMA integrity_check must be
 * ok, the audit chain must verify, and the server's scores must equal a recompute from the
 * acknowledged marks. Options: --kills N (default 20), --rate R marks/s (default 200),
 * --contestants C (default 150; × 5 aspects × 8 judges marks to send).
 * Last line: {"bench":"crash","kills":…,"acked":…,"lost":0,"duplicated":0,"integrity":"ok"}.
 */
const { execFileSync } = require('node:child_process');
const { randomUUID } = require('node:crypto');
const { rmSync } = require('node:fs');
const { join } = require('node:path');
const { parseArgs } = require('node:util');
const Database = require('better-sqlite3');
const { startServer, freePort } = require('./harness');
const { prepareDay } = require('./prepare');

const { values } = parseArgs({
  options: { kills: { type: 'string', default: '20' }, rate: { type: 'string', default: '200' }, contestants: { type: 'string', default: '150' } },
});
const KILLS = Number(values.kills);
const RATE = Number(values.rate);

async function main() {
  const port = await freePort();
  let server = await startServer({ LIVE_INTERVAL_MS: '100' }, { port });
  const dir = server.dir;
  const dbPath = join(dir, 'bench.sqlite');
  const started = Date.now();
  try {
    const day = await prepareDay(server.url, { contestants: Number(values.contestants), aspects: 5, judges: 8 });
    const pending = [];
    for (const code of day.codes) {
      for (const aspect of day.aspects) {
        for (const [j, judge] of day.judges.entries()) {
          pending.push({ judge, body: { clientId: randomUUID(), workpieceCode: code, aspectId: aspect.id, value: 5 + ((j + code.charCodeAt(1)) % 20) * 0.5 } });
        }
      }
    }
    const total = pending.length;
    const acked = new Map();
    let sends = 0;
    let failures = 0;
    let up = true;
    let kills = 0;

    // The client: one mark every 1000/RATE ms; a mark stays in `pending` until acknowledged.
    const sender = (async () => {
      let i = 0;
      while (pending.length > 0) {
        await new Promise((r) => setTimeout(r, 1000 / RATE));
        if (!up || pending.length === 0) {
          continue;
        }
        const item = pending[i % pending.length];
        i += 1;
        sends += 1;
        fetch(`${server.url}/api/judge/marks`, {
          method: 'POST',
          headers: { ...item.judge.auth, 'content-type': 'application/json' },
          body: JSON.stringify(item.body),
          signal: AbortSignal.timeout(3000),
        })
          .then(async (res) => {
            if (res.status === 200 || res.status === 201) {
              const answer = await res.json();
              if (!acked.has(item.body.clientId)) {
                acked.set(item.body.clientId, { item, markId: answer.body.id });
                const at = pending.indexOf(item);
                if (at >= 0) {
                  pending.splice(at, 1);
                }
              }
            } else {
              throw new Error(`unexpected ${res.status}: ${await res.text()}`);
            }
          })
          .catch((error) => {
            failures += 1;
            if (String(error).includes('unexpected')) {
              console.error(String(error));
            }
          });
      }
    })();

    // The killer: SIGKILL at random moments, restart on the same file.
    while (kills < KILLS && pending.length > 0) {
      await new Promise((r) => setTimeout(r, 300 + Math.random() * 900));
      up = false;
      server.child.kill('SIGKILL');
      await new Promise((r) => server.child.once('exit', r));
      kills += 1;
      server = await startServer({ LIVE_INTERVAL_MS: '100' }, { dir, port });
      up = true;
      process.stdout.write(`kill ${kills}: ${acked.size}/${total} acknowledged, ${sends} sends, ${failures} failed sends\n`);
    }
    await sender;
    await new Promise((r) => setTimeout(r, 500));

    // Checks on the server's own file, after a clean stop.
    const scores = await (await fetch(`${server.url}/api/events/${day.eventId}/scores`, { headers: day.chief })).json();
    await server.stop({ keep: true });
    const db = new Database(dbPath, { readonly: true });
    const integrity = db.pragma('integrity_check', { simple: true });
    const stored = new Map(db.prepare('SELECT "clientId", "response" FROM mark_writes').all().map((r) => [r.clientId, JSON.parse(r.response).body.id]));
    const markRows = db.prepare('SELECT "id", "aspectId", "workpieceCode", "judgeId", "valueHundredths" FROM marks').all();
    db.close();
    let lost = 0;
    for (const [clientId, { markId }] of acked) {
      if (stored.get(clientId) !== markId || !markRows.some((m) => m.id === markId)) {
        lost += 1;
      }
    }
    const keys = markRows.map((m) => `${m.aspectId}|${m.workpieceCode}|${m.judgeId}`);
    const duplicated = keys.length - new Set(keys).size + Math.max(0, markRows.length - acked.size);
    let auditOk = true;
    try {
      execFileSync(process.execPath, [join(__dirname, '..', 'dist', 'cli', 'audit-verify.js')], { env: { ...process.env, DATABASE_PATH: dbPath, JWT_SECRET: 'bench-secret-0123456789abcdef' }, stdio: 'pipe' });
    } catch {
      auditOk = false;
    }
    // Recompute each piece's practical mark from the acknowledged values alone (mean per aspect).
    const byAspect = new Map();
    for (const { item } of acked.values()) {
      const key = `${item.body.workpieceCode}|${item.body.aspectId}`;
      byAspect.set(key, [...(byAspect.get(key) ?? []), Math.round(item.body.value * 100)]);
    }
    let mismatches = 0;
    for (const piece of scores) {
      const expected = day.aspects.reduce((sum, a) => {
        const vs = byAspect.get(`${piece.workpieceCode}|${a.id}`) ?? [];
        const n = vs.reduce((x, y) => x + y, 0);
        return sum + Math.floor((2 * n + vs.length) / (2 * vs.length));
      }, 0);
      if (Math.round(piece.practical * 100) !== expected) {
        mismatches += 1;
      }
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`${kills} kills in ${seconds} s; ${acked.size}/${total} marks acknowledged after ${sends} sends (${failures} failed in flight); stored ${markRows.length}; lost ${lost}; duplicated ${duplicated}; integrity ${integrity}; audit chain ${auditOk ? 'verifies' : 'BROKEN'}; scores vs recompute: ${mismatches} mismatches`);
    console.log(JSON.stringify({ bench: 'crash', kills, acked: acked.size, lost, duplicated, integrity, audit: auditOk ? 'ok' : 'broken', standings_mismatches: mismatches }));
    const ok = lost === 0 && duplicated === 0 && integrity === 'ok' && auditOk && mismatches === 0 && acked.size === total;
    process.exitCode = ok ? 0 : 1;
  } finally {
    await server.stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

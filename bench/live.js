/**
 * `npm run bench:live`: live standings fan-out on the built server. N viewers (socket.io clients
 * spread over G forked generator processes, each socket on its own source address in 127.0.0.0/8)
 * join one event room; the chief judge locks and unlocks a module at a steady rate, and each lock or
 * unlock pushes one 'standings' update with every row. Latency = receipt by a viewer − the HTTP
 * response of the lock/unlock (the acknowledgement). Meanwhile judges of a second event submit marks
 * one at a time (POST /api/judge/marks, default 50/s) and their p99 is reported.
 * In the same run, with the same generators, socket.io clients, N and captured payloads: a bare
 * socket.io server broadcasting to a room, and a raw `ws` server sending one pre-serialized message
 * to every client (it speaks the socket.io wire format, so the clients are the same).
 *
 * Options: --viewers N (5000) --broadcasts K measured (20) --warmup W discarded (2)
 *          --generators G (2) --interval-ms between locks (1500) --concurrency per generator (64)
 *          --marks-per-s (50) --live-interval-ms server LIVE_INTERVAL_MS (100) --only product,sio,ws
 *          --live-workers W (1): the server's LIVE_WORKERS; viewers connect to the workers' path
 *          (/live-io) when W > 0, to the API process's /socket.io when 0
 *          --rounds R (2): repeat the three phases in alternating order (product first, then last)
 *          and pool their samples, so neither the product nor a baseline always runs on a fresh box
 *          --time-limit-s (1200 per round): the bench kills everything it started and exits after it
 * Targets (issue, 5,000 viewers): ratio ≤ 1.3, ratio_raw_ws ≤ 1.5, ≤ 25 KB RSS/viewer, submit p99 ≤ 100 ms.
 * Last line: {"bench":"live","viewers":…,"p50_ms":…,"p99_ms":…,"ratio":…,"ratio_raw_ws":…,"rss_kb_per_viewer":…,"submit_p99_ms":…,
 *   "missing":…,"cpu_us_per_viewer":{product,sio,ws},"cpu_api_us_per_viewer":…,"cpu_ratio_raw_ws":…,
 *   "rss_kb_per_viewer_baselines":{sio,ws},"p99_ms_baselines":{sio,ws}}
 * Over 300 lines on purpose: one measurement read top to bottom (processes it tracks, its phases,
 * the marks load, the report); the generators, the preparation and the baseline servers are apart
 * in live-gen.js, live-prepare.js and live-baseline.js.
 */
const { fork } = require('node:child_process');
const { readdirSync, readFileSync } = require('node:fs');
const { join } = require('node:path');
const { performance } = require('node:perf_hooks');
const { randomUUID } = require('node:crypto');
const { io } = require('socket.io-client');
const { startServer, api } = require('./harness');
const { prepareBroadcastEvent, prepareMarkingEvent } = require('./live-prepare');

const now = () => performance.timeOrigin + performance.now();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  if (i >= 0 && process.argv[i + 1] !== undefined) {
    return process.argv[i + 1];
  }
  const eq = process.argv.find((a) => a.startsWith(`--${name}=`));
  return eq ? eq.slice(name.length + 3) : fallback;
}

const VIEWERS = Number(option('viewers', 5000));
const MEASURED = Number(option('broadcasts', 20));
const WARMUP = Number(option('warmup', 2));
const GENERATORS = Number(option('generators', 2));
const INTERVAL_MS = Number(option('interval-ms', 1500));
const CONCURRENCY = Number(option('concurrency', 64));
const MARKS_PER_S = Number(option('marks-per-s', 50));
const LIVE_INTERVAL_MS = String(option('live-interval-ms', 100));
const ONLY = String(option('only', 'product,sio,ws')).split(',');
const ROUNDS = Number(option('rounds', 2));
const LIVE_WORKERS = Number(option('live-workers', 1));
const INSTANCES = Number(option('instances', 1));
const PG_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const TIME_LIMIT_MS = Number(option('time-limit-s', 20 * 60 * ROUNDS)) * 1000;

// ---------------------------------------------------------------------------------------------
// Cleanup: every child we start is killed on exit, on errors and when the time limit is hit.
const children = new Set();
function track(child) {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}
function killAll() {
  for (const child of children) {
    try {
      child.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
}
process.on('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    console.error(`live bench: ${signal}, cleaning up`);
    killAll();
    process.exit(130);
  });
}
const watchdog = setTimeout(() => {
  console.error(`live bench: time limit of ${TIME_LIMIT_MS / 1000} s reached, cleaning up`);
  killAll();
  process.exit(2);
}, TIME_LIMIT_MS);
watchdog.unref();

function waitExit(child, ms) {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve();
  }
  return Promise.race([
    new Promise((r) => child.once('exit', r)),
    sleep(ms).then(() => child.kill('SIGKILL')),
  ]);
}

// ---------------------------------------------------------------------------------------------
// Measurements

/** A process and its descendants (the server's fan-out workers count as the server). */
function tree(pid) {
  const children = [];
  try {
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      const list = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
      if (list) {
        children.push(...list.split(/\s+/).map(Number));
      }
    }
  } catch {
    // gone
  }
  return [pid, ...children.flatMap((child) => tree(child))];
}

function rssKb(pid, only = tree(pid)) {
  return only.reduce((sum, p) => {
    try {
      const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${p}/status`, 'utf8'));
      return sum + (match ? Number(match[1]) : 0);
    } catch {
      return sum;
    }
  }, 0);
}

/** utime + stime of a process and its descendants in ms (clock ticks of 10 ms). */
function cpuMs(pid, only = tree(pid)) {
  return only.reduce((sum, p) => {
    try {
      const fields = readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1].split(' ');
      return sum + (Number(fields[11]) + Number(fields[12])) * 10;
    } catch {
      return sum;
    }
  }, 0);
}

function loadAverage() {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}

function percentile(sorted, p) {
  if (sorted.length === 0) {
    return NaN;
  }
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

const r1 = (x) => Math.round(x * 10) / 10;

// ---------------------------------------------------------------------------------------------
// Generators

let addressBase = 2 + Math.floor(Math.random() * 200); // 127.<base+phase>.<generator>.<n>

function startGenerators(label, mode, urls, eventId, path) {
  const phaseOctet = addressBase++;
  const gens = [];
  for (let g = 0; g < GENERATORS; g += 1) {
    const count = Math.floor(VIEWERS / GENERATORS) + (g < VIEWERS % GENERATORS ? 1 : 0);
    const child = track(
      fork(join(__dirname, 'live-gen.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }),
    );
    const state = {
      child,
      count,
      connected: 0,
      joined: 0,
      errors: 0,
      ready: null,
      errorSamples: [],
    };
    state.ready = new Promise((resolve, reject) => {
      child.on('message', (m) => {
        if (m.type === 'progress' || m.type === 'ready') {
          Object.assign(state, { connected: m.connected, joined: m.joined, errors: m.errors });
        }
        if (m.type === 'ready') {
          state.errorSamples = m.errorSamples;
          resolve();
        }
      });
      child.once('exit', (code) =>
        reject(new Error(`${label} generator ${g} exited (${code}) while connecting`)),
      );
    });
    child.send({
      cmd: 'connect',
      mode,
      // With several instances, each generator's viewers go to one of them (half on each for 2).
      url: [urls].flat()[g % [urls].flat().length],
      path,
      eventId,
      count,
      concurrency: CONCURRENCY,
      addrPrefix: `127.${phaseOctet}.${g + 1}`,
    });
    gens.push(state);
  }
  return gens;
}

async function connectViewers(label, gens) {
  const started = Date.now();
  const timer = setInterval(() => {
    const c = gens.reduce((s, g) => s + g.connected, 0);
    const j = gens.reduce((s, g) => s + g.joined, 0);
    const e = gens.reduce((s, g) => s + g.errors, 0);
    console.log(
      `[${label}] connecting: ${c}/${VIEWERS} connected, ${j} joined, ${e} errors, ${((Date.now() - started) / 1000).toFixed(0)} s`,
    );
  }, 2000);
  try {
    await Promise.race([
      Promise.all(gens.map((g) => g.ready)),
      sleep(60_000 + VIEWERS * 20).then(() => {
        throw new Error(`${label}: viewers did not connect in time`);
      }),
    ]);
  } finally {
    clearInterval(timer);
  }
  const joined = gens.reduce((s, g) => s + g.joined, 0);
  const errors = gens.reduce((s, g) => s + g.errors, 0);
  const seconds = (Date.now() - started) / 1000;
  console.log(
    `[${label}] ${joined}/${VIEWERS} viewers joined in ${seconds.toFixed(1)} s, ${errors} errors${
      errors
        ? ` (e.g. ${gens
            .flatMap((g) => g.errorSamples)
            .slice(0, 3)
            .join('; ')})`
        : ''
    }`,
  );
  return { joined, errors, connectSeconds: seconds };
}

function collect(gens) {
  return Promise.all(
    gens.map(
      (g) =>
        new Promise((resolve, reject) => {
          const timer = setTimeout(
            () => reject(new Error('generator did not report receipts')),
            30_000,
          );
          g.child.on('message', (m) => {
            if (m.type === 'receipts') {
              clearTimeout(timer);
              resolve(m);
            }
          });
          g.child.send({ cmd: 'collect' });
        }),
    ),
  );
}

async function closeGenerators(gens) {
  for (const g of gens) {
    if (g.child.connected) {
      g.child.send({ cmd: 'close' });
    }
  }
  await Promise.all(gens.map((g) => waitExit(g.child, 10_000)));
}

// ---------------------------------------------------------------------------------------------
// One phase: connect N viewers, trigger WARMUP + MEASURED broadcasts at a steady rate, collect.

async function runPhase(label, { mode, url, path, eventId, serverPid: pids, trigger, during }) {
  // One server process, or one per instance: each with its fan-out workers.
  const serverPids = [pids].flat();
  const sumOver = (f) => serverPids.reduce((sum, pid) => sum + f(pid), 0);
  console.log(`[${label}] load average ${loadAverage()}`);
  const rssBefore = sumOver(rssKb);
  const fanoutRssBefore = sumOver((pid) => rssKb(pid) - rssKb(pid, [pid]));
  const gens = startGenerators(label, mode, url, eventId, path);
  let result;
  try {
    const connect = await connectViewers(label, gens);
    await sleep(2000);
    const rssAfter = sumOver(rssKb);
    const rssPerViewer = (rssAfter - rssBefore) / connect.joined;
    // The product's workers alone (the API process also grows with the upgrades it hands over).
    const fanoutRssPerViewer =
      (sumOver((pid) => rssKb(pid) - rssKb(pid, [pid])) - fanoutRssBefore) / connect.joined;
    console.log(
      `[${label}] server RSS ${rssBefore} kB → ${rssAfter} kB: ${r1(rssPerViewer)} KB per viewer`,
    );

    const stopDuring = during ? during() : null;
    const total = WARMUP + MEASURED;
    const actions = [];
    const start = now() + 200;
    let cpuStart = 0;
    let apiCpuStart = 0;
    let genCpuStart = 0;
    for (let i = 0; i < total; i += 1) {
      const due = start + i * INTERVAL_MS;
      const wait = due - now();
      if (wait > 0) {
        await sleep(wait);
      }
      if (i === WARMUP) {
        cpuStart = sumOver((pid) => cpuMs(pid));
        apiCpuStart = sumOver((pid) => cpuMs(pid, [pid]));
        genCpuStart = gens.reduce((sum, g) => sum + cpuMs(g.child.pid), 0);
      }
      const sentAt = now();
      const ackAt = await trigger(i);
      actions.push({ i, sentAt, ackAt });
      if (now() - due > INTERVAL_MS) {
        console.log(
          `[${label}] broadcast ${i} fell behind the rate by ${Math.round(now() - due - INTERVAL_MS)} ms`,
        );
      }
    }
    await sleep(Math.max(3000, INTERVAL_MS));
    const cpuUsed = sumOver((pid) => cpuMs(pid)) - cpuStart;
    // The product's API process also answers the judges' marks (and the locks) during the window:
    // with fan-out workers, the fan-out's own CPU is the workers' (the rest of the tree).
    const apiCpuUsed = sumOver((pid) => cpuMs(pid, [pid])) - apiCpuStart;
    const fanoutCpuUsed =
      sumOver((pid) => tree(pid).length - 1) > 0 ? cpuUsed - apiCpuUsed : cpuUsed;
    const genCpuUsed = gens.reduce((sum, g) => sum + cpuMs(g.child.pid), 0) - genCpuStart;
    const rssEnd = sumOver(rssKb);
    const submit = stopDuring ? await stopDuring() : null;
    const reports = await collect(gens);

    // Which push answers which action. Each lock/unlock makes exactly one push (checked by the
    // probe), and seqs are consecutive: the k-th push after the loop started answers action k.
    // Under heavy load a push can arrive after the next request was sent, so time alone would
    // misattribute it; if the counts disagree (coalesced or extra pushes), fall back to time.
    const bySeq = new Map();
    for (const report of reports) {
      for (const [seq, times] of report.receipts) {
        const list = bySeq.get(seq) ?? [];
        for (const t of times) {
          list.push(t);
        }
        bySeq.set(seq, list);
      }
    }
    const firstReceipt = (seq) => bySeq.get(seq).reduce((m, t) => Math.min(m, t), Infinity);
    const seqs = [...bySeq.keys()]
      .sort((a, b) => a - b)
      .filter((seq) => firstReceipt(seq) >= actions[0].sentAt);
    const assigned = new Map(); // action index -> seq
    let extraPushes = 0;
    if (seqs.length === actions.length && seqs[seqs.length - 1] - seqs[0] === seqs.length - 1) {
      seqs.forEach((seq, k) => assigned.set(actions[k].i, seq));
    } else {
      console.log(
        `[${label}] ${seqs.length} pushes for ${actions.length} actions: attributing pushes by time`,
      );
      for (const seq of seqs) {
        const first = firstReceipt(seq);
        let owner = -1;
        for (const a of actions) {
          if (a.sentAt <= first) {
            owner = a.i;
          }
        }
        if (assigned.has(owner)) {
          extraPushes += 1;
        } else {
          assigned.set(owner, seq);
        }
      }
    }
    const latencies = [];
    const fromRequest = [];
    const lastViewer = [];
    const sendSpread = [];
    let missing = 0;
    let negative = 0;
    for (const a of actions.slice(WARMUP)) {
      const seq = assigned.get(a.i);
      const times = seq === undefined ? [] : bySeq.get(seq);
      missing += connect.joined - times.length;
      if (times.length === 0) {
        continue;
      }
      let max = -Infinity;
      let min = Infinity;
      for (const t of times) {
        const l = t - a.ackAt;
        if (l < 0) {
          negative += 1;
        }
        latencies.push(l);
        fromRequest.push(t - a.sentAt);
        max = Math.max(max, l);
        min = Math.min(min, l);
      }
      lastViewer.push(max);
      sendSpread.push(max - min);
    }
    latencies.sort((x, y) => x - y);
    fromRequest.sort((x, y) => x - y);
    lastViewer.sort((x, y) => x - y);
    sendSpread.sort((x, y) => x - y);
    const ackMs = actions
      .slice(WARMUP)
      .map((a) => a.ackAt - a.sentAt)
      .sort((x, y) => x - y);
    const disconnects = reports.reduce((s, r) => s + r.disconnects, 0);
    result = {
      raw: { latencies, fromRequest, lastViewer },
      label,
      viewers: connect.joined,
      connectErrors: connect.errors,
      connectSeconds: connect.connectSeconds,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      max: latencies[latencies.length - 1],
      reqP50: percentile(fromRequest, 50),
      reqP99: percentile(fromRequest, 99),
      lastViewerMedian: percentile(lastViewer, 50),
      lastViewerMax: lastViewer[lastViewer.length - 1],
      spreadMedian: percentile(sendSpread, 50),
      ackMedian: percentile(ackMs, 50),
      samples: latencies.length,
      measured: lastViewer.length,
      missing,
      negative,
      extraPushes,
      disconnects,
      rssBefore,
      rssAfter,
      rssPerViewer,
      fanoutRssPerViewer,
      rssEnd,
      cpuUsPerViewerPerBroadcast: (cpuUsed * 1000) / MEASURED / connect.joined,
      fanoutCpuUsPerViewerPerBroadcast: (fanoutCpuUsed * 1000) / MEASURED / connect.joined,
      apiCpuUsPerViewerPerBroadcast: (apiCpuUsed * 1000) / MEASURED / connect.joined,
      genCpuUsPerViewerPerBroadcast: (genCpuUsed * 1000) / MEASURED / connect.joined,
      submit,
    };
    console.log(
      `[${label}] ${result.measured} broadcasts × ${result.viewers} viewers (after ${WARMUP} warm-up): ` +
        `p50 ${r1(result.p50)} ms, p99 ${r1(result.p99)} ms, max ${r1(result.max)} ms; last viewer median ${r1(result.lastViewerMedian)} ms, worst ${r1(result.lastViewerMax)} ms; ` +
        `first→last spread ${r1(result.spreadMedian)} ms; ack median ${r1(result.ackMedian)} ms after the request; ` +
        `from the request instead of the ack: p50 ${r1(result.reqP50)} ms, p99 ${r1(result.reqP99)} ms; server RSS after the broadcasts ${rssEnd} kB; ` +
        `missing ${missing}, negative ${negative}, extra pushes ${extraPushes}, disconnects ${disconnects}; ` +
        `server CPU ${r1(result.cpuUsPerViewerPerBroadcast)} µs per viewer per broadcast (incl. everything else it did; fan-out processes ${r1(result.fanoutCpuUsPerViewerPerBroadcast)}, API process ${r1(result.apiCpuUsPerViewerPerBroadcast)}), generators ${r1(result.genCpuUsPerViewerPerBroadcast)} µs`,
    );
    if (submit) {
      console.log(
        `[${label}] marks during broadcasts: ${submit.count} sent (${submit.refused} refused), p50 ${r1(submit.p50)} ms, p99 ${r1(submit.p99)} ms, max ${r1(submit.max)} ms`,
      );
    }
  } finally {
    await closeGenerators(gens);
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// Marks submitted one at a time at a steady rate by the second event's judges.

function marksLoad(url, day, perSecond) {
  const queue = [];
  for (const code of day.codes) {
    for (const aspect of day.aspects) {
      for (const judge of day.judges) {
        queue.push({ judge, code, aspectId: aspect.id, max: Number(aspect.max ?? 10) });
      }
    }
  }
  let next = 0;
  return () => {
    const latencies = [];
    let refused = 0;
    const inflight = new Set();
    const send = () => {
      const item = queue[next++ % queue.length];
      const started = now();
      const p = fetch(`${url}/api/judge/marks`, {
        method: 'POST',
        headers: { ...item.judge.auth, 'content-type': 'application/json' },
        body: JSON.stringify({
          clientId: randomUUID(),
          workpieceCode: item.code,
          aspectId: item.aspectId,
          value: Math.min(item.max, (next % 10) / 2),
        }),
      })
        .then(async (res) => {
          await res.text();
          latencies.push(now() - started);
          if (res.status !== 201 && res.status !== 200) {
            refused += 1;
          }
        })
        .catch(() => {
          refused += 1;
        })
        .finally(() => inflight.delete(p));
      inflight.add(p);
    };
    const timer = setInterval(send, 1000 / perSecond);
    return async () => {
      clearInterval(timer);
      await Promise.race([Promise.allSettled([...inflight]), sleep(10_000)]);
      latencies.sort((a, b) => a - b);
      return {
        latencies,
        count: latencies.length,
        refused,
        p50: percentile(latencies, 50),
        p99: percentile(latencies, 99),
        max: latencies[latencies.length - 1],
      };
    };
  };
}

// ---------------------------------------------------------------------------------------------

async function main() {
  console.log(
    `live bench: ${VIEWERS} viewers over ${GENERATORS} generators, ${ROUNDS} round(s) of ${WARMUP}+${MEASURED} broadcasts every ${INTERVAL_MS} ms per server, marks ${MARKS_PER_S}/s, LIVE_INTERVAL_MS=${LIVE_INTERVAL_MS}, LIVE_WORKERS=${LIVE_WORKERS}; load average ${loadAverage()}`,
  );
  const rounds = { product: [], sio: [], ws: [] };
  let quiet = null;

  // --- The product: prepared once, kept up across rounds ---------------------------------------
  // With --instances N: N servers on one PostgreSQL schema and one Redis, as deployed to carry
  // more viewers than one machine holds; marks and locks go to the first, viewers to all.
  let shared = {};
  let schema = null;
  if (INSTANCES > 1) {
    const { Client } = require('pg');
    schema = `bench_live_${process.pid}_${Date.now().toString(36)}`;
    const admin = new Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`CREATE SCHEMA "${schema}"`);
    await admin.end();
    // Instances that share a database share its secrets (the server refuses to start otherwise).
    shared = {
      DATABASE_URL: PG_URL,
      DATABASE_SCHEMA: schema,
      REDIS_URL,
      AUDIT_KEY: 'bench-audit-key-0123456789abcdef',
    };
  }
  const server = await startServer({
    LIVE_INTERVAL_MS,
    LIVE_WORKERS: String(LIVE_WORKERS),
    ...shared,
  });
  track(server.child);
  const others = [];
  for (let k = 1; k < INSTANCES; k += 1) {
    others.push(
      await startServer({ LIVE_INTERVAL_MS, LIVE_WORKERS: String(LIVE_WORKERS), ...shared }),
    );
    track(others[others.length - 1].child);
  }
  try {
    const t0 = Date.now();
    const day = await prepareBroadcastEvent(server.url, { contestants: 40, aspects: 2 });
    // Enough distinct (judge, aspect, code) marks that none repeats (a repeat would be refused).
    const marksNeeded =
      MARKS_PER_S * (10 + ((ROUNDS * (WARMUP + MEASURED) * INTERVAL_MS) / 1000) * 1.3);
    const marking = await prepareMarkingEvent(server.url, {
      contestants: Math.min(600, Math.max(60, Math.ceil(marksNeeded / 30))),
      aspects: 10,
      judges: 3,
    });
    const eventId = day.eventId;
    const judge = day.judges[0];
    console.log(
      `[product] prepared event ${day.eventId} (40 contestants, 2 aspects, all marks signed) and marking event ${marking.eventId} in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
    );

    let locked = false;
    const lockOrUnlock = async () => {
      let ackAt;
      if (!locked) {
        const res = await fetch(`${server.url}/api/modules/${day.moduleId}/lock`, {
          method: 'POST',
          headers: day.chief,
        });
        ackAt = now();
        const text = await res.text();
        if (res.status !== 200) {
          throw new Error(`lock: ${res.status} ${text}`);
        }
        locked = true;
      } else {
        const res = await fetch(`${server.url}/api/modules/${day.moduleId}/unlock`, {
          method: 'POST',
          headers: { ...day.chief, 'content-type': 'application/json' },
          body: JSON.stringify({ reason: 'bench: live standings fan-out' }),
        });
        ackAt = now();
        const text = await res.text();
        if (res.status !== 200) {
          throw new Error(`unlock: ${res.status} ${text}`);
        }
        locked = false;
        await api(server.url, judge.auth, 'POST', `/api/judge/modules/${day.moduleId}/sign`);
      }
      return ackAt;
    };

    // Capture the real payloads (one lock, one unlock) with one probe viewer; this warms the path.
    const probe = io(`${server.url}/live`, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
    });
    const pushes = [];
    probe.on('standings', (m) => pushes.push(m));
    await new Promise((resolve, reject) => {
      probe.once('connect', resolve);
      probe.once('connect_error', reject);
    });
    const snapshot = await probe.timeout(10_000).emitWithAck('join', { eventId: day.eventId });
    for (let i = 0; i < 4; i += 1) {
      await lockOrUnlock();
      await sleep(Number(LIVE_INTERVAL_MS) + 300);
    }
    probe.disconnect();
    if (pushes.length < 2) {
      throw new Error(`expected a standings push per lock/unlock, got ${pushes.length}`);
    }
    const payloads = pushes
      .slice(-2)
      .map(({ eventId: e, changes, removed }) => ({ eventId: e, changes, removed }));
    const sizes = pushes
      .slice(-2)
      .map((m) => Buffer.byteLength(`42/live,${JSON.stringify(['standings', m])}`));
    console.log(
      `[product] probe: snapshot seq ${snapshot.seq}, ${pushes.length} pushes for 4 lock/unlock actions; payloads ${sizes.join(' and ')} bytes as socket.io frames (${payloads.map((p) => p.changes.length).join('/')} rows)`,
    );

    // Marks alone, before any viewer: the reference for submission latency.
    const startMarks = marksLoad(server.url, marking, MARKS_PER_S);
    if (MARKS_PER_S > 0) {
      const stop = startMarks();
      await sleep(5000);
      quiet = await stop();
      console.log(
        `[product] marks with no viewers: ${quiet.count} sent (${quiet.refused} refused), p50 ${r1(quiet.p50)} ms, p99 ${r1(quiet.p99)} ms`,
      );
    }

    const phases = {
      product: () =>
        runPhase('product', {
          mode: 'sio',
          url: [server, ...others].map((x) => x.url),
          path: LIVE_WORKERS > 0 ? '/live-io' : '/socket.io',
          eventId,
          serverPid: [server, ...others].map((x) => x.child.pid),
          trigger: lockOrUnlock,
          during: MARKS_PER_S > 0 ? startMarks : null,
        }),
      sio: () => baselinePhase('sio', payloads, eventId),
      ws: () => baselinePhase('ws', payloads, eventId),
    };
    // Rounds alternate the order (product, sio, ws, then ws, sio, product, …) so that drifting load
    // from other processes on the machine falls on all three alike.
    for (let round = 0; round < ROUNDS; round += 1) {
      const order = (round % 2 === 0 ? ['product', 'sio', 'ws'] : ['ws', 'sio', 'product']).filter(
        (k) => ONLY.includes(k),
      );
      for (const kind of order) {
        if (ROUNDS > 1) {
          console.log(`--- round ${round + 1}/${ROUNDS}: ${kind}`);
        }
        rounds[kind].push(await phases[kind]());
      }
    }
  } finally {
    await Promise.all(
      [server, ...others].map((x) =>
        Promise.race([x.stop(), sleep(15_000).then(() => x.child.kill('SIGKILL'))]),
      ),
    );
    if (schema) {
      const { Client } = require('pg');
      const admin = new Client({ connectionString: PG_URL });
      await admin.connect();
      await admin.query(`DROP SCHEMA "${schema}" CASCADE`);
      await admin.end();
    }
  }

  // --- Summary: samples pooled over the rounds -------------------------------------------------
  const pooled = {};
  for (const [kind, list] of Object.entries(rounds)) {
    if (list.length === 0) {
      continue;
    }
    const sorted = (key) => list.flatMap((r) => r.raw[key]).sort((a, b) => a - b);
    const latencies = sorted('latencies');
    const fromRequest = sorted('fromRequest');
    const lastViewer = sorted('lastViewer');
    const submitLatencies = list
      .flatMap((r) => (r.submit ? r.submit.latencies : []))
      .sort((a, b) => a - b);
    const mean = (key) => list.reduce((s, r) => s + r[key], 0) / list.length;
    pooled[kind] = {
      label: list[0].label,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      reqP99: percentile(fromRequest, 99),
      lastViewerMedian: percentile(lastViewer, 50),
      lastViewerMax: lastViewer[lastViewer.length - 1],
      // The product server stays up across rounds: only its first round starts from a fresh heap.
      rssPerViewer: kind === 'product' ? list[0].rssPerViewer : mean('rssPerViewer'),
      fanoutRssPerViewer:
        kind === 'product' ? list[0].fanoutRssPerViewer : mean('fanoutRssPerViewer'),
      cpu: mean('cpuUsPerViewerPerBroadcast'),
      fanoutCpu: mean('fanoutCpuUsPerViewerPerBroadcast'),
      apiCpu: mean('apiCpuUsPerViewerPerBroadcast'),
      genCpu: mean('genCpuUsPerViewerPerBroadcast'),
      missing: list.reduce((s, r) => s + r.missing, 0),
      errors: list.reduce((s, r) => s + r.connectErrors, 0),
      submitP99: submitLatencies.length ? percentile(submitLatencies, 99) : null,
      perRoundP99: list.map((r) => r1(r.p99)),
    };
  }
  const p = pooled.product;
  const s = pooled.sio;
  const w = pooled.ws;
  console.log('');
  console.log(
    `summary at ${VIEWERS} viewers (${GENERATORS} generators, ${ROUNDS} round(s) × ${MEASURED} measured broadcasts every ${INTERVAL_MS} ms; load average now ${loadAverage()}):`,
  );
  for (const r of [p, s, w].filter(Boolean)) {
    console.log(
      `  ${r.label.padEnd(15)} p50 ${String(r1(r.p50)).padStart(7)} ms  p99 ${String(r1(r.p99)).padStart(7)} ms (per round ${r.perRoundP99.join(', ')})  last viewer ${String(r1(r.lastViewerMedian)).padStart(7)} ms (worst ${r1(r.lastViewerMax)})  (from request p99 ${r1(r.reqP99)})  RSS ${r1(r.rssPerViewer)} KB/viewer  CPU server ${r1(r.cpu)} (fan-out ${r1(r.fanoutCpu)}) + generators ${r1(r.genCpu)} µs/viewer/broadcast  missing ${r.missing}  connect errors ${r.errors}`,
    );
  }
  if (p && p.submitP99 !== null) {
    console.log(
      `  mark submission p99 ${r1(p.submitP99)} ms during broadcasts (${quiet ? r1(quiet.p99) : '—'} ms with no viewers)`,
    );
  }
  const ratio = p && s ? p.p99 / s.p99 : null;
  const ratioRaw = p && w ? p.p99 / w.p99 : null;
  console.log(
    `  ratio (ours / bare socket.io p99) ${ratio === null ? '—' : ratio.toFixed(2)} (target ≤ 1.3); ratio_raw_ws ${ratioRaw === null ? '—' : ratioRaw.toFixed(2)} (target ≤ 1.5)`,
  );
  console.log(
    JSON.stringify({
      bench: 'live',
      viewers: VIEWERS,
      instances: INSTANCES,
      p50_ms: p ? r1(p.p50) : null,
      p99_ms: p ? r1(p.p99) : null,
      ratio: ratio === null ? null : Number(ratio.toFixed(2)),
      ratio_raw_ws: ratioRaw === null ? null : Number(ratioRaw.toFixed(2)),
      rss_kb_per_viewer: p ? r1(p.rssPerViewer) : null,
      rss_kb_per_viewer_workers: p ? r1(p.fanoutRssPerViewer) : null,
      submit_p99_ms: p && p.submitP99 !== null ? r1(p.submitP99) : null,
      missing: p ? p.missing : null,
      // Server CPU per viewer per broadcast over the measured window (/proc utime+stime, generators
      // excluded). The product's is its fan-out workers' (its API process, which also answers 50
      // marks/s, is apart in cpu_api_us_per_viewer); the baselines have one process each.
      cpu_us_per_viewer: {
        product: p ? r1(p.fanoutCpu) : null,
        sio: s ? r1(s.fanoutCpu) : null,
        ws: w ? r1(w.fanoutCpu) : null,
      },
      cpu_api_us_per_viewer: p ? r1(p.apiCpu) : null,
      cpu_ratio_raw_ws: p && w ? Number((p.fanoutCpu / w.fanoutCpu).toFixed(2)) : null,
      rss_kb_per_viewer_baselines: {
        sio: s ? r1(s.rssPerViewer) : null,
        ws: w ? r1(w.rssPerViewer) : null,
      },
      p99_ms_baselines: { sio: s ? r1(s.p99) : null, ws: w ? r1(w.p99) : null },
    }),
  );
}

/** A baseline server (forked, fresh for each phase) measured with the same generators. */
async function baselinePhase(mode, payloads, eventId) {
  const label = mode === 'sio' ? 'bare socket.io' : 'raw ws';
  const execArgv = process.env.BENCH_BASELINE_NODE_ARGS
    ? process.env.BENCH_BASELINE_NODE_ARGS.split(' ')
    : [];
  const child = track(
    fork(join(__dirname, 'live-baseline.js'), [], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      execArgv,
    }),
  );
  try {
    const port = await new Promise((resolve, reject) => {
      child.once('message', (m) => resolve(m.port));
      child.once('exit', (code) => reject(new Error(`${label} server exited (${code})`)));
      child.send({ mode, payloads, eventId });
    });
    const url = `http://127.0.0.1:${port}`;
    await sleep(500);
    return await runPhase(label, {
      mode,
      url,
      eventId,
      serverPid: child.pid,
      trigger: async (i) => {
        const res = await fetch(`${url}/emit?i=${i}`, { method: 'POST' });
        const ackAt = now();
        await res.text();
        return ackAt;
      },
    });
  } finally {
    if (child.connected) {
      child.disconnect(); // lets it exit normally (a --cpu-prof is then written)
    }
    await waitExit(child, 5000);
  }
}

main()
  .then(() => {
    killAll();
    process.exit(0);
  })
  .catch((error) => {
    console.error(error);
    killAll();
    process.exit(1);
  });

/**
 * `npm run bench:import`: a 2,000-row registration sheet for 10 events (ROWS=5000, the sheet's
 * limit, for the largest case), uploaded, dry-run and committed through the public API of the
 * built server on SQLite (WAL, synchronous FULL), while a judge submits marks one after another
 * during the dry run and during the commit. The baseline, in the same run: the same kind of rows
 * (other people, another edition) submitted one by one through POST /api/entries (BASELINE_ROWS,
 * default min(ROWS, 2000); ratios are per row). The server's RSS is sampled every 20 ms.
 * Targets (issue 19): 2,000 rows committed ≤ 2 s, dry run ≤ 1 s, marks p99 ≤ 50 ms during
 * either. Last line is one JSON object.
 */
const { readFileSync } = require('node:fs');
const ExcelJS = require('exceljs');
const { randomUUID } = require('node:crypto');
const { startServer, login, api } = require('./harness');
const { prepareDay } = require('./prepare');
const { idCheckCharacter } = require('../dist/domain/id-number');
const { COLUMNS } = require('../dist/registration/import/sheet-format');

const ROWS = Number(process.env.ROWS ?? 2000);
const BASELINE_ROWS = Number(process.env.BASELINE_ROWS ?? Math.min(ROWS, 2000));
const OCCUPATIONS = ['钳工', '车工', '铣工', '磨工', '电工', '焊工', '汽车维修工', '制冷工', '化学检验员', '数控程序员'];

function rowOf(n) {
  return {
    occupation: OCCUPATIONS[n % OCCUPATIONS.length],
    group: '职工组',
    name: `选手${n}`,
    idNumber: idNumber(n),
    phone: '13900000000',
    employer: `企业${n % 97}`,
    unitName: `推荐单位${n % 41}`,
    qualificationOccupation: OCCUPATIONS[n % OCCUPATIONS.length],
    qualificationLevel: '高级工',
    certificateNo: `C${n}`,
    titlesHeld: '',
    teamNo: '',
  };
}

/** The server's resident set now and at its peak (VmHWM), in MB. */
function rssOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const mb = (key) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)[1]) / 1024;
  return { rss: mb('VmRSS'), hwm: mb('VmHWM') };
}

function idNumber(n) {
  const birth = `19${String(70 + (n % 30))}${String(1 + (n % 12)).padStart(2, '0')}${String(1 + (n % 28)).padStart(2, '0')}`;
  const body = `3202${String(11 + (n % 5)).padStart(2, '0')}${birth}${String(n % 1000).padStart(3, '0')}`;
  return body + idCheckCharacter(body);
}

async function sheet() {
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet('报名表');
  ws.addRow(COLUMNS.map((c) => c.header));
  for (let n = 0; n < ROWS; n += 1) {
    const row = rowOf(n);
    ws.addRow(COLUMNS.map((c) => row[c.key]));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function settle(url, auth, id) {
  for (;;) {
    const job = await api(url, auth, 'GET', `/api/imports/${id}`);
    if (job.status !== 'validating' && job.status !== 'committing') {
      return job;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Marks one at a time until `done()`; returns each one's latency in ms. */
async function markWhile(url, day, done, from = 0) {
  const pairs = day.aspects.flatMap((a) => day.codes.map((code) => ({ aspectId: a.id, workpieceCode: code })));
  const waits = [];
  while (!done() && from + waits.length < pairs.length) {
    const started = performance.now();
    await api(url, day.judges[0].auth, 'POST', '/api/judge/marks', { clientId: randomUUID(), ...pairs[from + waits.length], value: 1 });
    waits.push(performance.now() - started);
  }
  return waits;
}

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? null : Number(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))].toFixed(1));
};

async function makeEdition(url, auth, year) {
  const edition = await api(url, auth, 'POST', '/api/editions', { year, name: `bench ${year}`, startDate: `${year}-10-18` });
  const events = new Map();
  for (const occupation of OCCUPATIONS) {
    const event = await api(url, auth, 'POST', `/api/editions/${edition.id}/events`, {
      occupation, name: occupation, level: 'technician', group: 'worker', mode: 'individual', theoryWeight: 30, practicalWeight: 70,
    });
    events.set(occupation, event.id);
  }
  return { edition, events };
}

/** The baseline: rows submitted one at a time through the form's endpoint. */
async function oneByOne(url, auth, events) {
  const started = performance.now();
  for (let n = ROWS; n < ROWS + BASELINE_ROWS; n += 1) {
    const row = rowOf(n);
    await api(url, auth, 'POST', '/api/entries', {
      eventId: events.get(row.occupation),
      group: 'worker',
      contestant: {
        idNumber: row.idNumber, name: row.name, phone: row.phone, employer: row.employer, unitName: row.unitName,
        qualificationOccupation: row.qualificationOccupation, qualificationLevel: 'senior', certificateNo: row.certificateNo,
      },
    });
  }
  return (performance.now() - started) / 1000;
}

async function main() {
  const server = await startServer();
  const pid = server.child.pid;
  try {
    const day = await prepareDay(server.url, { contestants: 30, aspects: 20, judges: 1 });
    const auth = await login(server.url, 'organizer');
    const { edition } = await makeEdition(server.url, auth, 2027);
    const baselineEdition = await makeEdition(server.url, auth, 2028);
    const file = await sheet();
    const rssBefore = rssOf(pid).rss;
    let rssPeak = rssBefore;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, rssOf(pid).rss)), 20);
    const started = performance.now();
    const form = new FormData();
    form.append('file', new Blob([file]), 'bench.xlsx');
    const res = await fetch(`${server.url}/api/editions/${edition.id}/imports`, { method: 'POST', headers: auth, body: form });
    const job = await res.json();
    let settled = false;
    const [dry, waits] = await Promise.all([
      settle(server.url, auth, job.id).finally(() => (settled = true)),
      markWhile(server.url, day, () => settled),
    ]);
    const dryMs = performance.now() - started;
    if (dry.errors.length > 0) {
      throw new Error(`dry run found ${dry.errors.length} errors: ${JSON.stringify(dry.errors.slice(0, 3))}`);
    }
    const commitStarted = performance.now();
    await api(server.url, auth, 'POST', `/api/imports/${job.id}/commit`);
    settled = false;
    const [done, commitWaits] = await Promise.all([
      settle(server.url, auth, job.id).finally(() => (settled = true)),
      markWhile(server.url, day, () => settled, waits.length),
    ]);
    const commitMs = performance.now() - commitStarted;
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    const rssAfter = rssOf(pid);
    if (done.status !== 'committed' || done.created !== ROWS) {
      throw new Error(`commit ended ${done.status} with ${done.created} rows: ${JSON.stringify(done.errors.slice(0, 3))}`);
    }
    const entries = await api(server.url, auth, 'GET', `/api/editions/${edition.id}/entries`);
    const verify = await api(server.url, auth, 'GET', '/api/audit/verify');
    const baselineS = await oneByOne(server.url, auth, baselineEdition.events);
    const perRow = (s, rows) => (s * 1000) / rows;
    const all = [...waits, ...commitWaits];
    console.log(`sheet ${(file.length / 1024).toFixed(0)} KB, ${ROWS} rows; dry run ${(dryMs / 1000).toFixed(2)} s; commit ${(commitMs / 1000).toFixed(2)} s; entries stored ${entries.length}; audit chain ${verify.ok ? 'ok' : 'BROKEN'}; marks during the dry run ${waits.length} (p99 ${percentile(waits, 99)} ms), during the commit ${commitWaits.length} (p99 ${percentile(commitWaits, 99)} ms); RSS ${rssBefore.toFixed(0)} → peak ${rssPeak.toFixed(0)} MB; baseline ${BASELINE_ROWS} rows one by one through POST /api/entries ${baselineS.toFixed(2)} s`);
    console.log(JSON.stringify({
      bench: 'import',
      rows: ROWS,
      dry_run_s: Number((dryMs / 1000).toFixed(2)),
      commit_s: Number((commitMs / 1000).toFixed(2)),
      seconds: Number(seconds.toFixed(2)),
      marks_during_dry_run: waits.length,
      marks_during_commit: commitWaits.length,
      marks_p50_ms: percentile(all, 50),
      marks_p99_ms: percentile(all, 99),
      marks_dry_run_p99_ms: percentile(waits, 99),
      marks_commit_p99_ms: percentile(commitWaits, 99),
      marks_max_ms: percentile(all, 100),
      rss_before_mb: Number(rssBefore.toFixed(1)),
      rss_peak_mb: Number(rssPeak.toFixed(1)),
      rss_after_mb: Number(rssAfter.rss.toFixed(1)),
      rss_hwm_mb: Number(rssAfter.hwm.toFixed(1)),
      audit_ok: verify.ok,
      baseline_rows: BASELINE_ROWS,
      baseline_one_by_one_s: Number(baselineS.toFixed(2)),
      ratio_commit_per_row_vs_baseline: Number((perRow(commitMs / 1000, ROWS) / perRow(baselineS, BASELINE_ROWS)).toFixed(3)),
      ratio_dry_run_plus_commit_per_row_vs_baseline: Number((perRow(seconds, ROWS) / perRow(baselineS, BASELINE_ROWS)).toFixed(3)),
      targets: { commit_s: 2, dry_run_s: 1, marks_p99_ms: 50, rows_for_targets: 2000 },
    }));
  } finally {
    await server.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

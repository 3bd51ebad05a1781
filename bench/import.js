/**
 * `npm run bench:import`: a 2,000-row registration sheet for 10 events (ROWS=5000 for the
 * issue's case), uploaded, dry-run and committed through the public API of the built server on
 * SQLite (WAL, synchronous FULL), while a judge submits marks one after another during the dry
 * run. Targets (issues): under 10 s for dry run + commit; marks p99 ≤ 50 ms during the dry run.
 * Last line is one JSON object.
 */
const ExcelJS = require('exceljs');
const { randomUUID } = require('node:crypto');
const { startServer, login, api } = require('./harness');
const { prepareDay } = require('./prepare');
const { idCheckCharacter } = require('../dist/domain/id-number');
const { COLUMNS } = require('../dist/registration/import/sheet-format');

const ROWS = Number(process.env.ROWS ?? 2000);
const OCCUPATIONS = ['钳工', '车工', '铣工', '磨工', '电工', '焊工', '汽车维修工', '制冷工', '化学检验员', '数控程序员'];

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
    const row = {
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
async function markWhile(url, day, done) {
  const pairs = day.aspects.flatMap((a) => day.codes.map((code) => ({ aspectId: a.id, workpieceCode: code })));
  const waits = [];
  while (!done() && waits.length < pairs.length) {
    const started = performance.now();
    await api(url, day.judges[0].auth, 'POST', '/api/judge/marks', { clientId: randomUUID(), ...pairs[waits.length], value: 1 });
    waits.push(performance.now() - started);
  }
  return waits;
}

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? null : Number(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))].toFixed(1));
};

async function main() {
  const server = await startServer();
  try {
    const day = await prepareDay(server.url, { contestants: 30, aspects: 20, judges: 1 });
    const auth = await login(server.url, 'organizer');
    const edition = await api(server.url, auth, 'POST', '/api/editions', { year: 2027, name: 'bench', startDate: '2027-10-18' });
    for (const occupation of OCCUPATIONS) {
      await api(server.url, auth, 'POST', `/api/editions/${edition.id}/events`, {
        occupation, name: occupation, level: 'technician', group: 'worker', mode: 'individual', theoryWeight: 30, practicalWeight: 70,
      });
    }
    const file = await sheet();
    const started = Date.now();
    const form = new FormData();
    form.append('file', new Blob([file]), 'bench.xlsx');
    const res = await fetch(`${server.url}/api/editions/${edition.id}/imports`, { method: 'POST', headers: auth, body: form });
    const job = await res.json();
    let settled = false;
    const [dry, waits] = await Promise.all([
      settle(server.url, auth, job.id).finally(() => (settled = true)),
      markWhile(server.url, day, () => settled),
    ]);
    const dryMs = Date.now() - started;
    if (dry.errors.length > 0) {
      throw new Error(`dry run found ${dry.errors.length} errors: ${JSON.stringify(dry.errors.slice(0, 3))}`);
    }
    await api(server.url, auth, 'POST', `/api/imports/${job.id}/commit`);
    const done = await settle(server.url, auth, job.id);
    const seconds = (Date.now() - started) / 1000;
    if (done.status !== 'committed' || done.created !== ROWS) {
      throw new Error(`commit ended ${done.status} with ${done.created} rows`);
    }
    const entries = await api(server.url, auth, 'GET', `/api/editions/${edition.id}/entries`);
    console.log(`sheet ${(file.length / 1024).toFixed(0)} KB, ${ROWS} rows; dry run ${(dryMs / 1000).toFixed(2)} s; dry run + commit ${seconds.toFixed(2)} s; entries stored ${entries.length}; ${waits.length} marks during the dry run, p50 ${percentile(waits, 50)} ms, p99 ${percentile(waits, 99)} ms`);
    console.log(JSON.stringify({ bench: 'import', rows: ROWS, seconds: Number(seconds.toFixed(2)), dry_run_seconds: Number((dryMs / 1000).toFixed(2)), target_seconds: 10, marks_during_dry_run: waits.length, marks_p50_ms: percentile(waits, 50), marks_p99_ms: percentile(waits, 99), marks_target_p99_ms: 50 }));
  } finally {
    await server.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

/**
 * Prepares a marked competition day through the public API of a running server: registers
 * contestants by import, approves, draws, checks in, generates codes, puts a scheme and assigns
 * judges. Used by the benches (and by the simulator later).
 */
const ExcelJS = require('exceljs');
const { api } = require('./harness');
const { idCheckCharacter } = require('../dist/domain/id-number');
const { COLUMNS } = require('../dist/registration/import/sheet-format');

function idNumber(n) {
  const birth = `19${String(70 + (n % 30))}${String(1 + (n % 12)).padStart(2, '0')}${String(1 + (n % 28)).padStart(2, '0')}`;
  const body = `3202${String(11 + (n % 5)).padStart(2, '0')}${birth}${String(n % 1000).padStart(3, '0')}`;
  return body + idCheckCharacter(body);
}

async function importContestants(url, auth, editionId, occupation, count, offset = 0) {
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet('报名表');
  ws.addRow(COLUMNS.map((c) => c.header));
  for (let i = 0; i < count; i += 1) {
    const n = offset + i;
    const row = { occupation, group: '职工组', name: `选手${n}`, idNumber: idNumber(n), unitName: `推荐单位${n % 9}`, qualificationLevel: '高级工' };
    ws.addRow(COLUMNS.map((c) => row[c.key] ?? ''));
  }
  const form = new FormData();
  form.append('file', new Blob([await workbook.xlsx.writeBuffer()]), 'entries.xlsx');
  const started = await (await fetch(`${url}/api/editions/${editionId}/imports`, { method: 'POST', headers: auth, body: form })).json();
  const settle = async () => {
    for (;;) {
      const job = await api(url, auth, 'GET', `/api/imports/${started.id}`);
      if (job.status !== 'validating' && job.status !== 'committing') {
        return job;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const dry = await settle();
  if (dry.errors.length > 0) {
    throw new Error(`import errors: ${JSON.stringify(dry.errors.slice(0, 3))}`);
  }
  await api(url, auth, 'POST', `/api/imports/${started.id}/commit`);
  await settle();
}

/** A scheme of `aspects` judgement aspects in one module, maxima adding up to 100. */
function scheme(aspects) {
  return {
    modules: [
      {
        code: 'A',
        name: '实操',
        aspects: Array.from({ length: aspects }, (_, i) => ({
          code: `A${i + 1}`,
          description: `评分项${i + 1}`,
          kind: 'judgement',
          aggregation: 'mean',
          max: 100 / aspects,
          step: 0.5,
        })),
      },
    ],
  };
}

async function prepareDay(url, { contestants, aspects, judges, occupation = '数控车工' }) {
  const organizer = await require('./harness').login(url, 'organizer');
  const chief = await require('./harness').login(url, 'chief');
  const encryptor = await require('./harness').login(url, 'encryptor');
  const edition = (await api(url, organizer, 'GET', '/api/editions'))[0];
  const event = (await api(url, organizer, 'GET', `/api/editions/${edition.id}/events`)).find((e) => e.occupation === occupation);
  await importContestants(url, organizer, edition.id, occupation, contestants);
  const entries = await api(url, organizer, 'GET', `/api/editions/${edition.id}/entries?eventId=${event.id}`);
  await api(url, organizer, 'POST', '/api/entries/review', { entryIds: entries.map((e) => e.id), decision: 'approve' });
  await api(url, organizer, 'POST', `/api/events/${event.id}/draw`, {});
  for (const entry of entries) {
    await api(url, organizer, 'POST', `/api/events/${event.id}/check-in`, { entryNo: entry.entryNo, status: 'present' });
  }
  await api(url, encryptor, 'POST', `/api/events/${event.id}/codes`);
  const put = await api(url, chief, 'PUT', `/api/events/${event.id}/scheme`, scheme(aspects));
  const judgeAccounts = [];
  const admin = await require('./harness').login(url, 'admin');
  for (let j = 0; j < judges; j += 1) {
    const username = `benchjudge${j}`;
    const user = await api(url, admin, 'POST', '/api/users', { username, displayName: `裁判${j}`, role: 'judge', password: 'bench-password', unitName: `裁判单位${j}` });
    judgeAccounts.push({ id: user.id, auth: await require('./harness').login(url, username, 'bench-password') });
  }
  const moduleId = put.modules[0].id;
  await api(url, chief, 'PUT', `/api/events/${event.id}/assignments`, { modules: [{ moduleId, judgeIds: judgeAccounts.map((j) => j.id) }] });
  const tasks = await api(url, judgeAccounts[0].auth, 'GET', '/api/judge/tasks');
  return { eventId: event.id, moduleId, chief, organizer, judges: judgeAccounts, aspects: put.modules[0].aspects, codes: tasks[0].workpieceCodes };
}

module.exports = { prepareDay, importContestants, idNumber };

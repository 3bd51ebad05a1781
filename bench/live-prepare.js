/**
 * Preparation for bench/live.js through the public API: the broadcast event (every mark entered and
 * signed, ready to lock) and a second event whose judges submit marks while the boards update.
 */
const { api, login } = require('./harness');
const { prepareDay, importContestants } = require('./prepare');

/** A day ready for lock/unlock cycles: prepareDay plus every mark entered and the sheet signed. */
async function prepareBroadcastEvent(url, { contestants = 40, aspects = 2 } = {}) {
  const day = await prepareDay(url, { contestants, aspects, judges: 1 });
  const judge = day.judges[0];
  const marks = [];
  day.codes.forEach((code, c) => {
    day.aspects.forEach((aspect, a) => {
      const max = Number(aspect.max ?? 100 / aspects);
      const value = Math.round((((c * 7 + a * 13) % (2 * max + 1)) / 2) * 2) / 2;
      marks.push({
        clientId: `live-${c}-${a}-${aspect.id}`,
        workpieceCode: code,
        aspectId: aspect.id,
        value: Math.min(value, max),
      });
    });
  });
  for (let i = 0; i < marks.length; i += 400) {
    const answer = await api(url, judge.auth, 'POST', '/api/judge/marks/batch', {
      marks: marks.slice(i, i + 400),
    });
    const refused = answer.results.filter((r) => r.status >= 300);
    if (refused.length > 0) {
      throw new Error(`marks refused: ${JSON.stringify(refused.slice(0, 2))}`);
    }
  }
  await api(url, judge.auth, 'POST', `/api/judge/modules/${day.moduleId}/sign`);
  return day;
}

/** A second event (another occupation) with its own judges and contestants, open for marking. */
async function prepareMarkingEvent(
  url,
  { contestants = 100, aspects = 10, judges = 3, occupation = '电工', offset = 5000 } = {},
) {
  const organizer = await login(url, 'organizer');
  const chief = await login(url, 'chief');
  const encryptor = await login(url, 'encryptor');
  const admin = await login(url, 'admin');
  const edition = (await api(url, organizer, 'GET', '/api/editions'))[0];
  const event = (await api(url, organizer, 'GET', `/api/editions/${edition.id}/events`)).find(
    (e) => e.occupation === occupation,
  );
  await importContestants(url, organizer, edition.id, occupation, contestants, offset);
  const entries = await api(
    url,
    organizer,
    'GET',
    `/api/editions/${edition.id}/entries?eventId=${event.id}`,
  );
  await api(url, organizer, 'POST', '/api/entries/review', {
    entryIds: entries.map((e) => e.id),
    decision: 'approve',
  });
  await api(url, organizer, 'POST', `/api/events/${event.id}/draw`, {});
  for (const entry of entries) {
    await api(url, organizer, 'POST', `/api/events/${event.id}/check-in`, {
      entryNo: entry.entryNo,
      status: 'present',
    });
  }
  await api(url, encryptor, 'POST', `/api/events/${event.id}/codes`);
  const put = await api(url, chief, 'PUT', `/api/events/${event.id}/scheme`, {
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
  });
  const judgeAccounts = [];
  for (let j = 0; j < judges; j += 1) {
    const username = `benchlivesub${j}`;
    const user = await api(url, admin, 'POST', '/api/users', {
      username,
      displayName: `评分裁判${j}`,
      role: 'judge',
      password: 'bench-password',
      unitName: `评分单位${j}`,
    });
    judgeAccounts.push({ id: user.id, auth: await login(url, username, 'bench-password') });
  }
  const moduleId = put.modules[0].id;
  await api(url, chief, 'PUT', `/api/events/${event.id}/assignments`, {
    modules: [{ moduleId, judgeIds: judgeAccounts.map((j) => j.id) }],
  });
  const tasks = await api(url, judgeAccounts[0].auth, 'GET', '/api/judge/tasks');
  const task = tasks.find((t) => t.moduleId === moduleId) ?? tasks[0];
  return {
    eventId: event.id,
    moduleId,
    judges: judgeAccounts,
    aspects: put.modules[0].aspects,
    codes: task.workpieceCodes,
  };
}

module.exports = { prepareBroadcastEvent, prepareMarkingEvent };

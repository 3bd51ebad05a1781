#!/usr/bin/env node
/**
 * Plays a competition day against a RUNNING server, through its public API only, so that a board
 * watching /live sees the standings move:
 *
 *   1. creates a new published event in the demo edition (a fresh one on every run),
 *   2. registers, approves, draws and checks in contestants; the encryption judge generates codes,
 *   3. the chief judge puts a three-module scheme and assigns new judge accounts,
 *   4. the exam system's theory scores are imported (keyed by check-in code),
 *   5. judges mark with realistic spreads (contestant skill ± judge bias, on the aspect's step),
 *      some of them offline in bursts sent as one batch, and sign their sheets,
 *   6. the chief judge locks the modules one by one, with pauses, and finally decrypts.
 *
 * Usage: node scripts/simulate.js [--url http://localhost:3000] [--contestants 12] [--judges 3]
 *                                 [--pace 1000] [--once]
 *
 * Over 300 lines on purpose: one competition day played in the order above by a script a person
 * runs by hand; its helpers (ID numbers, the scheme, marks) serve only it.
 */
'use strict';

const DEMO_PASSWORD = 'demo2025';
const JUDGE_PASSWORD = 'sim-judge-2025';

function parseArgs(argv) {
  const options = {
    url: 'http://localhost:3000',
    contestants: 12,
    judges: 3,
    pace: 1000,
    once: false,
  };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    const [key, inline] = arg.startsWith('--') ? arg.slice(2).split('=', 2) : [null, null];
    if (key === 'once') {
      options.once = true;
    } else if (key === 'help' || key === 'h') {
      options.help = true;
    } else if (key && key in options) {
      const value = inline ?? argv[(i += 1)];
      options[key] = key === 'url' ? String(value).replace(/\/+$/, '') : Number(value);
      if (key !== 'url' && !(Number.isFinite(options[key]) && options[key] >= 0)) {
        throw new Error(`--${key} needs a number, got ${value}`);
      }
    } else {
      throw new Error(`unknown argument ${arg} (try --help)`);
    }
  }
  if (options.contestants < 2 || options.judges < 1) {
    throw new Error('need at least 2 contestants and 1 judge');
  }
  if (options.once) {
    options.pace = 0;
  }
  return options;
}

const sleep = (ms) => (ms > 0 ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve());
const log = (...parts) =>
  console.log(`[simulate ${new Date().toISOString().slice(11, 19)}]`, ...parts);

/** A JSON call; throws with the method, path, status and body on anything but 2xx. */
async function call(url, token, method, path, body) {
  const response = await fetch(`${url}/api${path}`, {
    method,
    headers: {
      Accept: 'application/json',
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) {
    throw new Error(`${method} /api${path} → ${response.status} ${text.slice(0, 500)}`);
  }
  return text ? JSON.parse(text) : undefined;
}

async function login(url, username, password = DEMO_PASSWORD) {
  const res = await call(url, null, 'POST', '/auth/login', { username, password });
  return { token: res.accessToken, id: res.user.id, username };
}

/** Small seeded pseudo-random numbers (mulberry32). */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Normal-ish noise: the mean of three uniforms, centred, scaled to about ±1. */
const noise = (rnd) => (rnd() + rnd() + rnd() - 1.5) / 0.5;

/** GB 11643 check character of the 17 leading digits. */
function idCheckCharacter(body) {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((s, w, i) => s + w * Number(body[i]), 0);
  return '10X98765432'[sum % 11];
}

function idNumber(rnd) {
  const year = 1970 + Math.floor(rnd() * 30);
  const month = String(1 + Math.floor(rnd() * 12)).padStart(2, '0');
  const day = String(1 + Math.floor(rnd() * 28)).padStart(2, '0');
  const seq = String(Math.floor(rnd() * 1000)).padStart(3, '0');
  const body = `3202${String(11 + Math.floor(rnd() * 5)).padStart(2, '0')}${year}${month}${day}${seq}`;
  return body + idCheckCharacter(body);
}

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗';
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '强',
  '磊',
  '洋',
  '艳',
  '勇',
  '军',
  '杰',
  '涛',
  '明',
  '超',
  '霞',
];
const UNITS = [
  '无锡一汽铸造有限公司',
  '无锡威孚高科技集团',
  '无锡机电高等职业技术学校',
  '无锡市职业技能鉴定中心',
];

/** Three modules, 100 points in all; the judges' allowed spread is generous (no flags). */
function scheme() {
  const aspect = (code, description, max) => ({
    code,
    description,
    kind: 'judgement',
    aggregation: 'mean',
    max,
    step: 0.5,
    maxSpread: max,
  });
  return {
    modules: [
      {
        code: 'A',
        name: '零件加工',
        aspects: [aspect('A1', '尺寸精度', 20), aspect('A2', '表面质量', 20)],
      },
      {
        code: 'B',
        name: '装配调试',
        aspects: [aspect('B1', '装配质量', 20), aspect('B2', '功能实现', 15)],
      },
      {
        code: 'C',
        name: '职业素养',
        aspects: [aspect('C1', '安全文明生产', 15), aspect('C2', '工艺文件', 10)],
      },
    ],
  };
}

/** Steps 1–4: a new event, its contestants through to codes, a scheme, judges, theory scores. */
async function prepare(url, options, rnd, stamp) {
  const organizer = await login(url, 'organizer');
  const chief = await login(url, 'chief');
  const encryptor = await login(url, 'encryptor');
  const admin = await login(url, 'admin');

  const editions = await call(url, organizer.token, 'GET', '/editions');
  const edition = editions.find((e) => e.status !== 'draft') ?? editions[0];
  if (!edition) {
    throw new Error('the server has no edition (start it with DEMO=on)');
  }
  const occupation = `模拟工种${stamp}`;
  const event = await call(url, organizer.token, 'POST', `/editions/${edition.id}/events`, {
    occupation,
    name: `模拟赛项 ${stamp}(职工组)`,
    level: 'senior',
    group: 'worker',
    mode: 'individual',
    theoryWeight: 30,
    practicalWeight: 70,
    status: 'published',
  });
  log(`edition ${edition.id} «${edition.name}»: created event ${event.id} «${event.name}»`);

  const entryNos = [];
  for (let i = 0; i < options.contestants; i += 1) {
    const name =
      SURNAMES[Math.floor(rnd() * SURNAMES.length)] + GIVEN[Math.floor(rnd() * GIVEN.length)];
    const entry = await call(url, organizer.token, 'POST', '/entries', {
      eventId: event.id,
      group: 'worker',
      contestant: {
        idNumber: idNumber(rnd),
        name,
        phone: `138${String(Math.floor(rnd() * 1e8)).padStart(8, '0')}`,
        unitName: UNITS[i % UNITS.length],
        qualificationOccupation: occupation,
        qualificationLevel: 'senior',
      },
    });
    entryNos.push(entry.entryNo);
  }
  log(`registered ${entryNos.length} contestants`);
  const entries = await call(
    url,
    organizer.token,
    'GET',
    `/editions/${edition.id}/entries?eventId=${event.id}`,
  );
  await call(url, organizer.token, 'POST', '/entries/review', {
    entryIds: entries.map((e) => e.id),
    decision: 'approve',
  });
  await call(url, organizer.token, 'POST', `/events/${event.id}/draw`, {});
  for (const entryNo of entryNos) {
    await call(url, organizer.token, 'POST', `/events/${event.id}/check-in`, {
      entryNo,
      status: 'present',
    });
  }
  await call(url, encryptor.token, 'POST', `/events/${event.id}/codes`);
  log('approved, drew workstations, checked everyone in, generated the blind codes');

  const put = await call(url, chief.token, 'PUT', `/events/${event.id}/scheme`, scheme());
  const judges = [];
  for (let k = 0; k < options.judges; k += 1) {
    const username = `sim${stamp}j${k + 1}`;
    const user = await call(url, admin.token, 'POST', '/users', {
      username,
      displayName: `模拟裁判${k + 1}`,
      role: 'judge',
      password: JUDGE_PASSWORD,
      unitName: `模拟裁判单位${k + 1}`,
    });
    const session = await login(url, username, JUDGE_PASSWORD);
    // Each judge leans a little high or low and is more or less consistent.
    judges.push({ ...session, id: user.id, bias: noise(rnd) * 0.04, sd: 0.02 + rnd() * 0.03 });
  }
  await call(url, chief.token, 'PUT', `/events/${event.id}/assignments`, {
    modules: put.modules.map((m) => ({ moduleId: m.id, judgeIds: judges.map((j) => j.id) })),
  });
  log(
    `scheme with modules ${put.modules.map((m) => m.code).join(', ')}; judges ${judges.map((j) => j.username).join(', ')}`,
  );

  // The exam system knows check-in codes only; the encryption judge's map links them.
  try {
    const map = await call(url, encryptor.token, 'GET', `/events/${event.id}/code-map`);
    const scores = map.map((row) => ({
      checkInCode: row.checkInCode,
      score: Math.round(Math.min(100, Math.max(30, 75 + noise(rnd) * 15)) * 2) / 2,
    }));
    await call(url, organizer.token, 'POST', `/events/${event.id}/theory`, { scores });
    log(`imported ${scores.length} theory scores`);
  } catch (error) {
    log(`theory scores not imported (${error.message}); totals count theory as 0`);
  }
  return { edition, event, chief, judges, modules: put.modules };
}

/** A value around the contestant's skill ± the judge's bias, on the aspect's step and scale. */
function markValue(aspect, skill, judge, rnd) {
  const share = Math.min(1, Math.max(0, skill + judge.bias + noise(rnd) * judge.sd));
  const step = aspect.step ?? 0.5;
  return Math.min(aspect.max, Math.round((share * aspect.max) / step) * step);
}

/** Step 5 for one module: every judge marks every work-piece, then signs. */
async function markModule(url, day, module, skills, rnd, options) {
  for (const [k, judge] of day.judges.entries()) {
    const tasks = await call(url, judge.token, 'GET', '/judge/tasks');
    const task = tasks.find((t) => t.moduleId === module.id);
    if (!task) {
      throw new Error(`${judge.username} has no task for module ${module.code}`);
    }
    const skillOf = (code) => {
      if (!skills.has(code)) {
        skills.set(code, 0.55 + rnd() * 0.4);
      }
      return skills.get(code);
    };
    const marks = task.workpieceCodes.flatMap((code) =>
      module.aspects.map((aspect) => ({
        clientId: `sim-${judge.id}-${module.id}-${aspect.id}-${code}`.slice(0, 64),
        workpieceCode: code,
        aspectId: aspect.id,
        value: markValue(aspect, skillOf(code), judge, rnd),
      })),
    );
    // Every other judge's tablet is offline for a while: the marks queue up and go as one batch.
    const offline = (k + module.id) % 2 === 1;
    if (offline) {
      const res = await call(url, judge.token, 'POST', '/judge/marks/batch', { marks });
      const failed = res.results.filter((r) => r.status >= 400);
      if (failed.length > 0) {
        throw new Error(`batch of ${judge.username}: ${JSON.stringify(failed.slice(0, 2))}`);
      }
      log(
        `  ${judge.username} was offline; sent ${marks.length} queued marks of module ${module.code} in one batch`,
      );
    } else {
      for (const mark of marks) {
        await call(url, judge.token, 'POST', '/judge/marks', mark);
      }
      log(`  ${judge.username} marked module ${module.code} online (${marks.length} marks)`);
    }
    await call(url, judge.token, 'POST', `/judge/modules/${module.id}/sign`);
    await sleep(options.pace / 4);
  }
  log(`  every judge signed module ${module.code}`);
}

function printTop(standings) {
  const top = standings.rows
    .slice(0, 5)
    .map((r) => `#${r.rank} 工位${r.workstationNo} ${r.total}`)
    .join(' | ');
  log(`  board seq ${standings.seq}${standings.frozen ? ' (frozen)' : ''}: ${top || '(empty)'}`);
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (options.help) {
    console.log(
      'node scripts/simulate.js [--url U] [--contestants N] [--judges N] [--pace ms] [--once]',
    );
    return;
  }
  const stamp = Date.now().toString(36).slice(-6);
  const rnd = random(Date.now());
  log(
    `server ${options.url}, ${options.contestants} contestants, ${options.judges} judges, pace ${options.pace} ms`,
  );
  const day = await prepare(options.url, options, rnd, stamp);
  log(
    `watch it live: ${options.url}/live/events/${day.event.id}  or  ${options.url}/live/screen?edition=${day.edition.id}&event=${day.event.id}`,
  );
  await sleep(options.pace * 3);

  const skills = new Map();
  for (const module of day.modules) {
    log(`module ${module.code} «${module.name}»: marking`);
    await markModule(options.url, day, module, skills, rnd, options);
    await sleep(options.pace);
    await call(options.url, day.chief.token, 'POST', `/modules/${module.id}/lock`);
    log(`  chief judge locked module ${module.code}`);
    // The server publishes at most every LIVE_INTERVAL_MS; give the board a moment.
    await sleep(Math.max(options.pace * 2, 700));
    printTop(await call(options.url, null, 'GET', `/events/${day.event.id}/standings`));
  }
  log(`all ${day.modules.length} modules locked: the results are locked`);
  await sleep(options.pace * 2);
  // 解密 under supervision: the demo supervisor confirms with their own account; from now on the
  // board shows names and units.
  await call(options.url, day.chief.token, 'POST', `/events/${day.event.id}/decrypt`, {
    supervisorUsername: 'supervisor',
    supervisorPassword: DEMO_PASSWORD,
  });
  log('chief judge decrypted the results, confirmed by the supervisor signing in');
  await sleep(Math.max(options.pace, 700));
  const final = await call(options.url, null, 'GET', `/events/${day.event.id}/standings`);
  for (const row of final.rows.slice(0, 3)) {
    log(
      `  #${row.rank} ${row.name ?? '?'}(${row.unitName ?? '?'}) 工位${row.workstationNo} ${row.total}`,
    );
  }
  log(`done: event ${day.event.id}`);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(`[simulate] failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);

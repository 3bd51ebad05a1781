/**
 * `npm run bench:awards`: ranking, prizes and grants for a whole edition of 50 events × 100
 * contestants (the domain's eventResults over the 2015 policy), timed over repeated runs; the
 * figure is the median. Target (issue): < 200 ms. Last line: one JSON object.
 */
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { validatePolicy } = require('../dist/domain/policy-validation');
const { eventResults } = require('../dist/domain/results');
const { DEFAULT_RANKING } = require('../dist/domain/ranking');
const { totalCash } = require('../dist/domain/rewards');

const EVENTS = 50;
const CONTESTANTS = 100;
const RUNS = 15;
const LEVELS = ['junior', 'intermediate', 'senior', 'technician', 'senior_technician'];

const parsed = validatePolicy(JSON.parse(readFileSync(join(__dirname, '..', 'data', 'policies', 'wuxi-2015.json'), 'utf8')));
if (!parsed.ok) {
  throw new Error(JSON.stringify(parsed.errors));
}

/** Deterministic marks on the half-point grid judges use, with ties and absences. */
function edition() {
  let seed = 20251018;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  return Array.from({ length: EVENTS }, (_, e) => ({
    rules: {
      group: e % 5 === 4 ? 'student' : 'worker',
      weights: e % 7 === 0 ? { theoryWeight: 0, practicalWeight: 100 } : { theoryWeight: 30, practicalWeight: 70 },
      ranking: DEFAULT_RANKING,
      prizes: e % 2 === 0 ? { quota: { kind: 'percent', percents: [10, 20, 30], rounding: 'round' }, floor: { practical: 60 } } : { quota: { kind: 'fixed', counts: [1, 2, 3] } },
    },
    rows: Array.from({ length: CONTESTANTS }, (_, i) => ({
      id: e * 1000 + i,
      status: random() < 0.03 ? 'absent' : 'competed',
      theory: Math.round((20 + random() * 80) * 2) / 2,
      practical: Math.round((40 + random() * 60) * 2) / 2,
      timeUsedSeconds: 3600 + Math.floor(random() * 20) * 60,
      currentLevel: LEVELS[Math.floor(random() * LEVELS.length)],
      teamSize: 1,
    })),
  }));
}

function run(data, policy) {
  const grants = [];
  for (const event of data) {
    for (const r of eventResults(event.rows, event.rules, policy)) {
      if (r.grant) {
        grants.push(r.grant);
      }
    }
  }
  return grants;
}

const data = edition();
run(data, parsed.policy); // warm-up
const times = [];
let grants = [];
for (let i = 0; i < RUNS; i += 1) {
  const start = process.hrtime.bigint();
  grants = run(data, parsed.policy);
  times.push(Number(process.hrtime.bigint() - start) / 1e6);
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
console.log(`${EVENTS} events × ${CONTESTANTS} contestants: ${grants.length} grants, edition cash ¥${totalCash(grants).toLocaleString('en')}; runs ${times.map((t) => t.toFixed(1)).join(' ')} ms`);
console.log(JSON.stringify({ bench: 'awards', events: EVENTS, contestants: EVENTS * CONTESTANTS, ms: Number(median.toFixed(1)), max_ms: Number(times[times.length - 1].toFixed(1)), target_ms: 200 }));

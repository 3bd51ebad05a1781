#!/usr/bin/env node
/**
 * `npm test`: every gate — lint, type checks, the generated API types, unit specs, e2e on SQLite,
 * the same e2e on PostgreSQL, a production build, the multi-process tests and the browser tests.
 * Each stage runs even if an earlier one failed, so one run shows everything; the exit code is
 * non-zero if any stage failed.
 *
 * Stages of one group run at the same time (CI has two cores and each of these mostly waits on
 * one core, fsync or the database): their output is kept in .tmp/<stage>.log and printed whole
 * when the stage ends. The multi-process and browser tests time what they see and run alone.
 */
const { spawn, spawnSync } = require('node:child_process');
const { mkdirSync, readFileSync, existsSync, createWriteStream } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const tmp = join(root, '.tmp');
mkdirSync(tmp, { recursive: true });

const jest = (project, extraEnv = {}) => ({
  // --forceExit: a spec that spawns servers and fails midway must not leave the stage waiting.
  cmd: ['npx', 'jest', '--selectProjects', project, '--runInBand', '--forceExit', '--json', `--outputFile=${join(tmp, `jest-${project}-${extraEnv.TEST_DB ?? 'sqlite'}.json`)}`],
  env: extraEnv,
  report: join(tmp, `jest-${project}-${extraEnv.TEST_DB ?? 'sqlite'}.json`),
});

const groups = [
  [
    { name: 'lint', cmd: ['npm', 'run', '--silent', 'lint'] },
    { name: 'typecheck', cmd: ['npm', 'run', '--silent', 'typecheck'] },
    // The client's API types are generated from the server's OpenAPI document: stale fails here.
    { name: 'contracts', cmd: ['npm', 'run', '--silent', 'contracts:check'] },
  ],
  [
    { name: 'unit', ...jest('unit') },
    {
      name: 'client unit',
      cmd: ['npx', 'vitest', 'run', '--config', 'client/vitest.config.ts', '--reporter=default', '--reporter=json', `--outputFile.json=${join(tmp, 'vitest-client.json')}`],
      report: join(tmp, 'vitest-client.json'),
    },
  ],
  [
    { name: 'e2e (sqlite)', ...jest('e2e') },
    { name: 'e2e (postgres)', ...jest('e2e', { TEST_DB: 'postgres' }) },
    { name: 'build', cmd: ['npm', 'run', '--silent', 'build'] },
  ],
  [{ name: 'multi-instance', ...jest('multi') }],
  [{ name: 'browser', ...jest('browser') }],
];

const only = process.argv.slice(2);
const wants = (name) => only.length === 0 || only.some((o) => name.startsWith(o));

/**
 * The browser tests need Debian's Chromium and a Chinese font. A fresh machine of this kind has
 * neither: as root, install them here; otherwise stop at once with the one command to run.
 */
function ensureBrowser() {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  const font = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';
  if (existsSync(chromium) && existsSync(font)) {
    return;
  }
  const command = 'apt-get update && apt-get install -y chromium fonts-wqy-microhei';
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) {
    console.error(`The browser tests need Debian's Chromium and a Chinese font. Run:\n  sudo sh -c '${command}'`);
    process.exit(2);
  }
  console.log(`━━━ installing Debian's Chromium and fonts-wqy-microhei ━━━`);
  const run = spawnSync('sh', ['-c', command], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (run.status !== 0 || !existsSync(chromium)) {
    console.error(`Installing Chromium failed; run it by hand:\n  ${command}`);
    process.exit(2);
  }
}
if (wants('browser')) {
  ensureBrowser();
}

function counts(stage) {
  if (!stage.report || !existsSync(stage.report)) {
    return { passed: 0, failed: 0 };
  }
  const report = JSON.parse(readFileSync(stage.report, 'utf8'));
  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests + (report.numRuntimeErrorTestSuites ?? 0),
  };
}

/** Runs one stage; alone its output goes to the terminal, beside others to its log, printed after. */
function run(stage, alone) {
  const started = Date.now();
  const log = join(tmp, `${stage.name.replace(/[^a-z0-9]+/gi, '-')}.log`);
  console.log(`\n━━━ ${stage.name} ━━━ ${stage.cmd.join(' ')}${alone ? '' : `  (output: ${log})`}`);
  return new Promise((resolve) => {
    const child = spawn(stage.cmd[0], stage.cmd.slice(1), {
      cwd: root,
      stdio: alone ? 'inherit' : ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, TZ: 'UTC', ...(stage.env ?? {}) },
    });
    if (!alone) {
      const out = createWriteStream(log);
      child.stdout.pipe(out);
      child.stderr.pipe(out);
    }
    child.on('close', (status) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      if (!alone) {
        console.log(`\n━━━ ${stage.name} (finished in ${seconds} s) ━━━`);
        process.stdout.write(readFileSync(log));
      }
      resolve({ name: stage.name, ok: status === 0, seconds, ...counts(stage) });
    });
  });
}

async function main() {
  const results = [];
  for (const group of groups) {
    const stages = group.filter((stage) => wants(stage.name));
    results.push(...(await Promise.all(stages.map((stage) => run(stage, stages.length === 1)))));
  }
  return results;
}

main().then((results) => {
  console.log('\n━━━ summary ━━━');
  for (const r of results) {
    const counts = r.passed + r.failed > 0 ? `  ${r.passed} passed, ${r.failed} failed` : '';
    console.log(`${r.ok ? 'ok  ' : 'FAIL'}  ${r.name.padEnd(16)} ${r.seconds.padStart(6)} s${counts}`);
  }
  const passed = results.reduce((n, r) => n + r.passed, 0);
  const failed = results.reduce((n, r) => n + r.failed, 0) + results.filter((r) => !r.ok && r.failed === 0).length;
  console.log(`tests: ${passed} passed, ${failed} failed`);
  process.exit(results.every((r) => r.ok) ? 0 : 1);
});

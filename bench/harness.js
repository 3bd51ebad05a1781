/**
 * Shared by the benches: start the built server (dist/main.js) on a fresh SQLite file and a free
 * port, sign in, and stop it. Benches measure the server as it ships, over real HTTP.
 */
const { spawn } = require('node:child_process');
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const net = require('node:net');

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function startServer(env = {}, options = {}) {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'wuxi-bench-'));
  const port = options.port ?? (await freePort());
  const child = spawn(process.execPath, [...(process.env.BENCH_NODE_ARGS ? process.env.BENCH_NODE_ARGS.split(' ') : []), join(__dirname, '..', 'dist', 'main.js')], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_PATH: join(dir, 'bench.sqlite'),
      DEMO: 'on',
      NODE_ENV: 'test',
      JWT_SECRET: 'bench-secret-0123456789abcdef',
      LOGIN_MAX_FAILURES: '1000',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) {
        break;
      }
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error('server did not become healthy in 30 s');
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    dir,
    child,
    async stop({ keep = false } = {}) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
      if (process.env.BENCH_KEEP_DB) {
        console.error(`kept ${dir}`);
      } else if (!keep) {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

async function login(url, username, password = 'demo2025') {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) {
    throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  }
  const body = await res.json();
  return { authorization: `Bearer ${body.accessToken}` };
}

async function api(url, auth, method, path, body) {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { ...auth, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  const json = text ? JSON.parse(text) : null;
  if (!res.ok) {
    throw new Error(`${method} ${path}: ${res.status} ${text}`);
  }
  return json;
}

module.exports = { startServer, login, api, freePort };

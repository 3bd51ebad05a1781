/**
 * Small pieces every browser test shares: the built server as a child process on a free port
 * with a fresh SQLite file, and a headless Chromium with a throw-away profile.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { BrowserContext, chromium, Page } from 'playwright-core';

export const REPO_ROOT = resolve(__dirname, '..', '..');
export const ARTIFACTS_DIR = join(REPO_ROOT, 'test', 'artifacts');
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const DEMO_PASSWORD = 'demo2025';

/** Fails with a clear message when the builds the browser tests run against are missing. */
export function requireBuilds(): void {
  const missing = ['dist/main.js', 'client/dist/index.html'].filter(
    (file) => !existsSync(join(REPO_ROOT, file)),
  );
  if (missing.length > 0) {
    throw new Error(
      `Browser tests need the production builds; missing ${missing.join(', ')}. ` +
        'Run `npm run build` first (`npm test` does).',
    );
  }
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH} (set CHROMIUM_PATH)`);
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolvePort(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls GET /api/health until it answers 200. */
export async function waitForHealth(
  baseUrl: string,
  timeoutMs = 30_000,
  alive: () => boolean = () => true,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (!alive()) {
      throw new Error('the server exited before it became healthy');
    }
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.status === 200) {
        return;
      }
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await sleep(250);
  }
  throw new Error(`GET ${baseUrl}/api/health not 200 within ${timeoutMs} ms (last: ${last})`);
}

export interface RunningServer {
  baseUrl: string;
  /** Everything the server printed so far, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

/** Starts `node dist/main.js` on a free port with a fresh SQLite database and demo data. */
export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const dir = mkdtempSync(join(tmpdir(), 'wuxi-browser-server-'));
  const port = await freePort();
  const childEnv: NodeJS.ProcessEnv = { ...process.env };
  delete childEnv.DATABASE_URL;
  delete childEnv.DATABASE_SCHEMA;
  const child: ChildProcess = spawn(process.execPath, ['dist/main.js'], {
    cwd: REPO_ROOT,
    env: {
      ...childEnv,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_PATH: join(dir, 'test.sqlite'),
      DEMO: 'on',
      NODE_ENV: 'test',
      JWT_SECRET: 'browser-test-secret-0123456789abcdef',
      CLIENT_DIST: join(REPO_ROOT, 'client', 'dist'),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  let running = true;
  void exited.then(() => (running = false));

  const stop = async (): Promise<void> => {
    if (running) {
      child.kill('SIGTERM');
      const forced = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(forced);
    }
    rmSync(dir, { recursive: true, force: true });
  };

  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(baseUrl, 30_000, () => running);
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n--- server output ---\n${output}`);
  }
  return { baseUrl, output: () => output, stop };
}

export interface Browser {
  context: BrowserContext;
  page: Page;
  /** Uncaught exceptions in the page, and console errors other than failed HTTP loads. */
  pageErrors: string[];
  close(): Promise<void>;
}

export interface DeviceOptions {
  viewport?: { width: number; height: number };
  /** A touch screen (taps, no hover), as on a phone or a tablet. */
  hasTouch?: boolean;
  isMobile?: boolean;
}

/** Headless Chromium with a fresh profile (removed on close). */
export async function launchBrowser(device: DeviceOptions = {}): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'wuxi-browser-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    viewport: device.viewport ?? { width: 1366, height: 820 },
    hasTouch: device.hasTouch ?? false,
    isMobile: device.isMobile ?? false,
    locale: 'zh-CN',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    // 4xx answers the client handles (401 before a refresh, 409 duplicates) log a load error.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      pageErrors.push(message.text());
    }
    if (process.env.BROWSER_CONSOLE === '1') {
      console.log(`[browser ${message.type()}] ${message.text()}`);
    }
  });
  return {
    context,
    page,
    pageErrors,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Signs in through the login page and waits to leave it. */
export async function signIn(
  page: Page,
  baseUrl: string,
  username: string,
  password = DEMO_PASSWORD,
): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => url.pathname !== '/login');
}

export function artifactPath(name: string): string {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  return join(ARTIFACTS_DIR, name);
}

import { NestExpressApplication } from '@nestjs/platform-express';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import { onPostgres, TEST_PG_URL } from './support/test-app';

/** The header as a map: directive → its sources. */
function parseCsp(header: string | undefined): Map<string, string[]> {
  expect(header).toBeDefined();
  return new Map(
    header!
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...sources]) => [name, sources]),
  );
}

/**
 * Boots the app the way main.ts does (NestFactory, not the testing module, which never mounts
 * the built client) with a client directory holding an index.html as Vite emits it.
 */
async function bootAsShipped(dir: string) {
  const schema = `e2e_csp_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const settings: Record<string, string> = {
    DEMO: 'off',
    LIVE_WORKERS: '0',
    JWT_SECRET: 'e2e-secret-0123456789abcdef',
    DATABASE_PATH: join(dir, 'test.sqlite'),
    CLIENT_DIST: join(dir, 'client'),
  };
  if (onPostgres()) {
    const admin = new Client({ connectionString: TEST_PG_URL });
    await admin.connect();
    await admin.query(`CREATE SCHEMA "${schema}"`);
    await admin.end();
    Object.assign(settings, { DATABASE_URL: TEST_PG_URL, DATABASE_SCHEMA: schema });
  }
  const previous = Object.fromEntries(Object.keys(settings).map((k) => [k, process.env[k]]));
  Object.assign(process.env, settings);
  let app: NestExpressApplication | undefined;
  try {
    // AppModule decides when it is loaded whether to serve the client, and ./support/test-app
    // has loaded it already with the default settings: load a fresh copy with these.
    await jest.isolateModulesAsync(async () => {
      const { AppModule } = await import('../src/app.module');
      const { configureApp } = await import('../src/app.setup');
      const { NestFactory: Factory } = await import('@nestjs/core');
      const created = await Factory.create<NestExpressApplication>(AppModule, {
        bodyParser: false,
        logger: ['error'],
      });
      await configureApp(created);
      await created.listen(0, '127.0.0.1');
      app = created;
    });
  } finally {
    for (const [key, value] of Object.entries(previous)) {
      if (value === undefined) {
        delete process.env[key];
      } else {
        process.env[key] = value;
      }
    }
  }
  if (!app) {
    throw new Error('the app did not start');
  }
  const started = app;
  const { port } = started.getHttpServer().address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      await started.close();
      if (onPostgres()) {
        const admin = new Client({ connectionString: TEST_PG_URL });
        await admin.connect();
        await admin.query(`DROP SCHEMA "${schema}" CASCADE`);
        await admin.end();
      }
    },
  };
}

describe('security headers: a content security policy for the client, the API and Swagger UI', () => {
  let t: Awaited<ReturnType<typeof bootAsShipped>>;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wuxi-csp-'));
    mkdirSync(join(dir, 'client'));
    writeFileSync(
      join(dir, 'client', 'index.html'),
      '<!doctype html><html lang="zh-CN"><head><script type="module" crossorigin src="/assets/index.js"></script></head><body><div id="app"></div></body></html>',
    );
    t = await bootAsShipped(dir);
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const expected: Record<string, string[]> = {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'connect-src': ["'self'", 'ws:', 'wss:'],
    'worker-src': ["'self'"],
    'frame-ancestors': ["'none'"],
    'object-src': ["'none'"],
  };

  it.each([
    ['the client at /', '/', 'text/html'],
    ['a client route (SPA fallback)', '/admin/editions', 'text/html'],
    ['an API route', '/api/health', 'application/json'],
    ['an API error', '/api/editions/999999', 'application/json'],
    ['Swagger UI', '/api/docs', 'text/html'],
  ])('sends the policy on %s', async (_label, path, type) => {
    const res = await request(t.url).get(path);
    expect(res.headers['content-type']).toContain(type);
    const csp = parseCsp(res.headers['content-security-policy']);
    for (const [directive, sources] of Object.entries(expected)) {
      expect([directive, csp.get(directive)]).toEqual([directive, sources]);
    }
    // Nothing that would let an injected script run, and no forced https on the venue network.
    const all = [...csp.values()].flat();
    expect(all).not.toContain("'unsafe-eval'");
    expect(csp.get('script-src')).not.toContain("'unsafe-inline'");
    expect(csp.has('upgrade-insecure-requests')).toBe(false);
    expect(res.headers['x-frame-options']).toBe('DENY');
  });

  it('serves the built client page itself, which runs no inline script', async () => {
    const res = await request(t.url).get('/').expect(200);
    expect(res.text).toContain('<div id="app">');
    expect(res.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });

  it('keeps Swagger UI working: its page loads external scripts only, and no third-party badge', async () => {
    const page = await request(t.url).get('/api/docs').expect(200);
    const scripts = [...page.text.matchAll(/<script([^>]*)>/g)].map((m) => m[1]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const attributes of scripts) {
      expect(attributes).toMatch(/\bsrc=/);
    }
    const init = await request(t.url).get('/api/docs/swagger-ui-init.js').expect(200);
    expect(init.text).toContain('"validatorUrl": null');
    await request(t.url).get('/api/docs/swagger-ui-bundle.js').expect(200);
  });
});

import { JwtService } from '@nestjs/jwt';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import request from 'supertest';
import { io, Socket } from 'socket.io-client';
import { createTestApp, TestApp } from './support/test-app';
import { PASSWORD, signIn } from './support/factories';

/** The development default that main used to fall back on when JWT_SECRET was unset. */
const OLD_DEV_SECRET = 'dev-only-secret-change-me-before-any-real-edition';
const REDIS = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A login sent from another loopback address (Linux routes all of 127/8 to lo). */
function loginFrom(
  t: TestApp,
  localAddress: string,
  username: string,
  password: string,
): Promise<{ status: number; body: { code?: string } }> {
  const url = new URL('/api/auth/login', t.url);
  const body = JSON.stringify({ username, password });
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        localAddress,
        headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: JSON.parse(Buffer.concat(chunks).toString() || '{}') as { code?: string },
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1];

describe('accounts and tokens (issue #13 item 4, #12 refresh race)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ LOGIN_MAX_FAILURES: '5', LOGIN_ADDRESS_MAX_FAILURES: '10' });
  });
  afterAll(() => t.close());

  const me = (token: string) =>
    request(t.url).get('/api/auth/me').set('Authorization', `Bearer ${token}`);

  it('refuses an access token without exp', async () => {
    await signIn(t, 'admin', 'noexp');
    const id = (
      (await me((await signIn(t, 'organizer', 'noexp2')).token).expect(200)).body as {
        id: number;
      }
    ).id;
    const forever = new JwtService({ secret: 'e2e-secret-0123456789abcdef' }).sign({
      sub: id,
      role: 'organizer',
    });
    const res = await me(forever).expect(401);
    expect(res.body.code).toBe('TOKEN_INVALID');
  });

  it('revokes exactly: a token from the same second as a logout stops working, a new one works', async () => {
    const outcomes: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      const s = await signIn(t, 'organizer', `same-second-${i}`);
      await request(t.url)
        .post('/api/auth/logout')
        .set(s.auth)
        .send({ refreshToken: s.refreshToken })
        .expect(204);
      outcomes.push((await me(s.token)).status);
      const again = await request(t.url)
        .post('/api/auth/login')
        .send({ username: `same-second-${i}`, password: PASSWORD })
        .expect(200);
      await me(again.body.accessToken as string).expect(200);
      await request(t.url)
        .patch('/api/auth/password')
        .set('Authorization', `Bearer ${again.body.accessToken as string}`)
        .send({ currentPassword: PASSWORD, newPassword: 'another-pass-9' })
        .expect(204);
      outcomes.push((await me(again.body.accessToken as string)).status);
    }
    console.log(`revocation: old tokens after logout/password change -> ${outcomes.join(',')}`);
    expect(outcomes).toEqual([401, 401, 401, 401, 401, 401]);
  });

  it('one refresh token sent 10 times at once: exactly one new pair', async () => {
    const s = await signIn(t, 'judge', 'racer');
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        request(t.url).post('/api/auth/refresh').send({ refreshToken: s.refreshToken }),
      ),
    );
    const winners = results.filter((r) => r.status === 200);
    const losers = results.filter((r) => r.status === 401);
    console.log(
      `refresh race (${t.dbLabel.split(' ')[0]}): 10 requests, ${winners.length} new pairs, ${losers.length} refused`,
    );
    expect(winners.length).toBe(1);
    expect(losers.map((r) => r.body.code as string)).toEqual(Array(9).fill('TOKEN_INVALID'));
    const rows = await t.dataSource.query<{ n: string | number }[]>(
      `SELECT COUNT(*) AS n FROM "refresh_tokens" WHERE "userId" = (SELECT "id" FROM "users" WHERE "username" = 'racer')`,
    );
    // the login's token and the one winner's
    expect(Number(rows[0].n)).toBe(2);
  });

  it('does the same work for unknown and known usernames', async () => {
    const timing = await createTestApp({
      LOGIN_MAX_FAILURES: '1000',
      LOGIN_ADDRESS_MAX_FAILURES: '1000',
    });
    try {
      await signIn(timing, 'chief_judge', 'known');
      const time = async (username: string) => {
        const start = process.hrtime.bigint();
        await request(timing.url)
          .post('/api/auth/login')
          .send({ username, password: 'wrong-password' })
          .expect(401);
        return Number(process.hrtime.bigint() - start) / 1e6;
      };
      const known: number[] = [];
      const unknown: number[] = [];
      for (let i = 0; i < 10; i += 1) {
        known.push(await time('known'));
        unknown.push(await time(`nobody-${i}`));
      }
      const ratio = median(unknown) / median(known);
      console.log(
        `login timing: known ${median(known).toFixed(1)} ms, unknown ${median(unknown).toFixed(1)} ms (median of 10), ratio ${ratio.toFixed(2)}`,
      );
      expect(ratio).toBeGreaterThan(0.6);
      expect(ratio).toBeLessThan(1.6);
    } finally {
      await timing.close();
    }
  });

  it('backs off per account and address: five wrong guesses elsewhere do not lock the real user out', async () => {
    await signIn(t, 'encryption_judge', 'enc1');
    for (let i = 0; i < 5; i += 1) {
      expect((await loginFrom(t, '127.0.0.2', 'enc1', 'guess-guess')).status).toBe(401);
    }
    const attacker = await loginFrom(t, '127.0.0.2', 'enc1', PASSWORD);
    expect(attacker).toMatchObject({ status: 429, body: { code: 'LOGIN_THROTTLED' } });
    const real = await loginFrom(t, '127.0.0.1', 'enc1', PASSWORD);
    console.log(
      `lock-out: 5 wrong guesses from 127.0.0.2 -> attacker ${attacker.status}, real user at 127.0.0.1 ${real.status}`,
    );
    expect(real.status).toBe(200);
  });

  it('limits failed sign-ins per address across accounts (password spraying), other addresses unaffected', async () => {
    await signIn(t, 'judge', 'spray-target');
    const statuses: number[] = [];
    for (let i = 0; i < 10; i += 1) {
      statuses.push((await loginFrom(t, '127.0.0.3', `victim-${i}`, 'Password1')).status);
    }
    const next = await loginFrom(t, '127.0.0.3', 'spray-target', 'Password1');
    expect(statuses).toEqual(Array(10).fill(401));
    expect(next).toMatchObject({ status: 429, body: { code: 'LOGIN_THROTTLED' } });
    console.log(
      `spraying: 10 accounts x 1 guess from 127.0.0.3 -> 11th ${next.status}; 127.0.0.4 -> ${(await loginFrom(t, '127.0.0.4', 'spray-target', PASSWORD)).status}`,
    );
    expect((await loginFrom(t, '127.0.0.4', 'spray-target', PASSWORD)).status).toBe(200);
  });

  describe('an /admin socket ends with the session', () => {
    const connect = (token: string) =>
      new Promise<Socket>((resolve, reject) => {
        const socket = io(`${t.url}/admin`, {
          transports: ['websocket'],
          auth: { token },
          reconnection: false,
        });
        socket.on('session', () => resolve(socket));
        socket.on('refused', (p: unknown) => reject(new Error(JSON.stringify(p))));
      });
    const ended = (socket: Socket) =>
      new Promise<{ code?: string }>((resolve) => {
        let refusal: { code?: string } = {};
        socket.on('refused', (p: { code?: string }) => (refusal = p));
        socket.on('disconnect', () => resolve(refusal));
      });
    const within = <T>(promise: Promise<T>, ms = 5000) =>
      Promise.race([
        promise,
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('still open')), ms)),
      ]);

    it('on logout', async () => {
      const s = await signIn(t, 'organizer', 'sock-logout');
      const socket = await connect(s.token);
      const end = ended(socket);
      await request(t.url)
        .post('/api/auth/logout')
        .set(s.auth)
        .send({ refreshToken: s.refreshToken })
        .expect(204);
      await expect(within(end)).resolves.toMatchObject({ code: 'TOKEN_REVOKED' });
      socket.close();
    });

    it('on password change', async () => {
      const s = await signIn(t, 'chief_judge', 'sock-pass');
      const socket = await connect(s.token);
      const end = ended(socket);
      await request(t.url)
        .patch('/api/auth/password')
        .set(s.auth)
        .send({ currentPassword: PASSWORD, newPassword: 'brand-new-pass-1' })
        .expect(204);
      await expect(within(end)).resolves.toMatchObject({ code: 'TOKEN_REVOKED' });
      socket.close();
    });

    it('on deactivation by the admin', async () => {
      const admin = await signIn(t, 'admin', 'sock-admin');
      const s = await signIn(t, 'supervisor', 'sock-deact');
      const id = ((await me(s.token).expect(200)).body as { id: number }).id;
      const socket = await connect(s.token);
      const end = ended(socket);
      await request(t.url)
        .patch(`/api/users/${id}`)
        .set(admin.auth)
        .send({ active: false })
        .expect(200);
      await expect(within(end)).resolves.toMatchObject({ code: 'TOKEN_REVOKED' });
      socket.close();
    });
  });
});

describe('no fixed JWT secret', () => {
  it('generates a random secret into the data folder (0600) when JWT_SECRET is unset; the old default signs nothing', async () => {
    const t = await createTestApp({ JWT_SECRET: '' });
    try {
      await signIn(t, 'admin', 'root');
      const id = (
        (await t.dataSource.query(`SELECT "id" FROM "users" WHERE "username" = 'root'`)) as {
          id: number;
        }[]
      )[0].id;
      const forged = new JwtService({ secret: OLD_DEV_SECRET }).sign(
        { sub: id, role: 'admin' },
        { expiresIn: 600 },
      );
      const res = await request(t.url).get('/api/users').set('Authorization', `Bearer ${forged}`);
      const file = join(t.dataDir, 'jwt-secret');
      console.log(
        `JWT_SECRET unset: token signed with the old default -> ${res.status}; ${file} exists ${existsSync(file)}`,
      );
      expect(res.status).toBe(401);
      expect(existsSync(file)).toBe(true);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(readFileSync(file, 'utf8').trim().length).toBeGreaterThanOrEqual(43);
    } finally {
      await t.close();
    }
  });
});

describe('throttle counters shared through Redis', () => {
  it('counts failures from two instances together', async () => {
    const env = {
      REDIS_URL: REDIS,
      LOGIN_MAX_FAILURES: '5',
      AUDIT_KEY: 'accounts-audit-key-0123456789abcdef',
    };
    const a = await createTestApp(env);
    const b = await createTestApp(env);
    try {
      const user = `shared-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
      const statuses: number[] = [];
      for (const target of [a, b, a, b, a, b]) {
        statuses.push(
          (
            await request(target.url)
              .post('/api/auth/login')
              .send({ username: user, password: 'wrong-wrong' })
          ).status,
        );
      }
      console.log(
        `redis throttle: 6 failures alternating over 2 instances -> ${statuses.join(',')}`,
      );
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    } finally {
      await a.close();
      await b.close();
    }
  });
});

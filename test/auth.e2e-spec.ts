import { JwtService } from '@nestjs/jwt';
import request from 'supertest';
import { io, Socket } from 'socket.io-client';
import { createTestApp, TestApp } from './support/test-app';
import { PASSWORD, signIn } from './support/factories';

describe('accounts, tokens and roles', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ LOGIN_MAX_FAILURES: '3', ACCESS_TOKEN_TTL_SECONDS: '60' });
  });
  afterAll(() => t.close());

  const login = (username: string, password: string) =>
    request(t.url).post('/api/auth/login').send({ username, password });

  it('signs in with a short-lived access token and a refresh token; wrong passwords get 401', async () => {
    await signIn(t, 'organizer', 'alice');
    const ok = await login('alice', PASSWORD).expect(200);
    expect(ok.body).toMatchObject({
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
      expiresIn: 60,
      user: { username: 'alice', role: 'organizer' },
    });
    expect(ok.body.user).not.toHaveProperty('passwordHash');
    const bad = await login('alice', 'wrong-password').expect(401);
    expect(bad.body.code).toBe('INVALID_CREDENTIALS');
    const me = await request(t.url)
      .get('/api/auth/me')
      .set('Authorization', `Bearer ${ok.body.accessToken}`)
      .expect(200);
    expect(me.body).toMatchObject({ username: 'alice', role: 'organizer' });
  });

  it('throttles failed logins per account and address, with Retry-After', async () => {
    await signIn(t, 'judge', 'tablet1');
    await signIn(t, 'judge', 'tablet2');
    for (let i = 0; i < 3; i += 1) {
      await login('tablet1', 'nope-nope').expect(401);
    }
    const throttled = await login('tablet1', PASSWORD).expect(429);
    expect(throttled.body.code).toBe('LOGIN_THROTTLED');
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
    // Another tablet from the same address signs in as usual.
    await login('tablet2', PASSWORD).expect(200);
  });

  it('rotates refresh tokens: each is spent once', async () => {
    const s = await signIn(t, 'supervisor', 'sup');
    const first = await request(t.url)
      .post('/api/auth/refresh')
      .send({ refreshToken: s.refreshToken })
      .expect(200);
    expect(first.body.refreshToken).not.toBe(s.refreshToken);
    const reused = await request(t.url)
      .post('/api/auth/refresh')
      .send({ refreshToken: s.refreshToken })
      .expect(401);
    expect(reused.body.code).toBe('TOKEN_INVALID');
  });

  it('refuses expired and forged access tokens with distinct codes', async () => {
    const s = await signIn(t, 'chief_judge', 'chief');
    const jwt = new JwtService({ secret: 'e2e-secret-0123456789abcdef' });
    const payload = JSON.parse(Buffer.from(s.token.split('.')[1], 'base64url').toString()) as {
      sub: number;
    };
    const expired = jwt.sign({
      sub: payload.sub,
      role: 'chief_judge',
      exp: Math.floor(Date.now() / 1000) - 10,
    });
    const forged = new JwtService({ secret: 'another-secret-0123456789' }).sign({
      sub: payload.sub,
      role: 'admin',
    });
    const r1 = await request(t.url)
      .get('/api/auth/me')
      .set('Authorization', `Bearer ${expired}`)
      .expect(401);
    expect(r1.body.code).toBe('TOKEN_EXPIRED');
    const r2 = await request(t.url)
      .get('/api/auth/me')
      .set('Authorization', `Bearer ${forged}`)
      .expect(401);
    expect(r2.body.code).toBe('TOKEN_INVALID');
  });

  it('revokes access tokens on logout and on password change', async () => {
    const s = await signIn(t, 'organizer', 'bob');
    await request(t.url)
      .post('/api/auth/logout')
      .set(s.auth)
      .send({ refreshToken: s.refreshToken })
      .expect(204);
    const after = await request(t.url).get('/api/auth/me').set(s.auth).expect(401);
    expect(after.body.code).toBe('TOKEN_REVOKED');
    await request(t.url)
      .post('/api/auth/refresh')
      .send({ refreshToken: s.refreshToken })
      .expect(401);

    const again = await login('bob', PASSWORD).expect(200);
    const auth = { Authorization: `Bearer ${again.body.accessToken}` };
    await request(t.url)
      .patch('/api/auth/password')
      .set(auth)
      .send({ currentPassword: PASSWORD, newPassword: 'a-new-password-1' })
      .expect(204);
    await request(t.url).get('/api/auth/me').set(auth).expect(401);
    await request(t.url)
      .post('/api/auth/refresh')
      .send({ refreshToken: again.body.refreshToken })
      .expect(401);
    await login('bob', 'a-new-password-1').expect(200);
  });

  it('lets only the admin manage accounts, and audits it', async () => {
    const admin = await signIn(t, 'admin', 'root');
    const organizer = await signIn(t, 'organizer', 'carol');
    await request(t.url)
      .post('/api/users')
      .set(organizer.auth)
      .send({ username: 'j9', displayName: 'J', role: 'judge', password: 'password9' })
      .expect(403);
    const created = await request(t.url)
      .post('/api/users')
      .set(admin.auth)
      .send({
        username: 'j9',
        displayName: '裁判九',
        role: 'judge',
        unitName: '无锡技师学院',
        password: 'password9',
      })
      .expect(201);
    expect(created.body).not.toHaveProperty('passwordHash');
    const dup = await request(t.url)
      .post('/api/users')
      .set(admin.auth)
      .send({ username: 'j9', displayName: 'J', role: 'judge', password: 'password9' })
      .expect(409);
    expect(dup.body.code).toBe('USERNAME_TAKEN');
    const audit = await request(t.url)
      .get('/api/audit')
      .query({ entityType: 'user', entityId: String(created.body.id) })
      .set(admin.auth)
      .expect(200);
    expect(audit.body).toHaveLength(1);
    expect(audit.body[0]).toMatchObject({ action: 'user.created', actorName: 'root' });
    expect(JSON.stringify(audit.body[0])).not.toContain('password9');
  });

  it('limits writes per user, not per address, with Retry-After; reads are not counted', async () => {
    const limited = await createTestApp({ WRITE_RATE_PER_MINUTE: '3' });
    try {
      const a = await signIn(limited, 'organizer', 'busy');
      const b = await signIn(limited, 'organizer', 'calm');
      const statuses = [];
      for (let i = 0; i < 4; i += 1) {
        statuses.push(
          (
            await request(limited.url)
              .post('/api/units')
              .set(a.auth)
              .send({ name: `单位${i}` })
          ).status,
        );
      }
      expect(statuses).toEqual([201, 201, 201, 429]);
      const refused = await request(limited.url)
        .post('/api/units')
        .set(a.auth)
        .send({ name: '再来' })
        .expect(429);
      expect(refused.body.code).toBe('RATE_LIMITED');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      await request(limited.url).get('/api/units').set(a.auth).expect(200);
      await request(limited.url)
        .post('/api/units')
        .set(b.auth)
        .send({ name: '别的账号' })
        .expect(201);
    } finally {
      await limited.close();
    }
  });

  describe('socket connections are authenticated and role-checked', () => {
    const connect = (token?: string) =>
      new Promise<{ event: string; payload: unknown; socket: Socket }>((resolve) => {
        const socket = io(`${t.url}/admin`, {
          transports: ['websocket'],
          auth: token ? { token } : {},
          reconnection: false,
        });
        socket.on('session', (payload: unknown) => resolve({ event: 'session', payload, socket }));
        socket.on('refused', (payload: unknown) => resolve({ event: 'refused', payload, socket }));
      });

    it.each([
      ['no token', undefined, 'refused', 'UNAUTHENTICATED'],
      ['a garbage token', 'not-a-token', 'refused', 'TOKEN_INVALID'],
    ])('refuses %s', async (_name, token, event, code) => {
      const result = await connect(token);
      expect(result.event).toBe(event);
      expect(result.payload).toMatchObject({ code });
      result.socket.close();
    });

    it('refuses a judge and admits an organizer', async () => {
      const judge = await signIn(t, 'judge', 'sockjudge');
      const organizer = await signIn(t, 'organizer', 'sockorg');
      const refused = await connect(judge.token);
      expect(refused).toMatchObject({ event: 'refused', payload: { code: 'FORBIDDEN_ROLE' } });
      refused.socket.close();
      const admitted = await connect(organizer.token);
      expect(admitted).toMatchObject({
        event: 'session',
        payload: { user: { username: 'sockorg' } },
      });
      admitted.socket.close();
    });
  });
});

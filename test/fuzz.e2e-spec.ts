import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { io } from 'socket.io-client';
import request from 'supertest';
import { ROLES, type Role } from '../src/domain/competition';
import { prepareEvent, type PreparedEvent } from './support/competition-day';
import { signIn } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

const PAYLOADS = Number(process.env.FUZZ_PAYLOADS ?? 10_000);
const TABLE = JSON.parse(
  readFileSync(join(__dirname, 'authz', 'authorization-matrix.json'), 'utf8'),
) as Record<string, string[]>;

/** Every row of every table, hashed: equal before and after means nothing was written. */
async function databaseHash(t: TestApp): Promise<string> {
  const hash = createHash('sha256');
  for (const meta of [...t.dataSource.entityMetadatas].sort((a, b) =>
    a.tableName.localeCompare(b.tableName),
  )) {
    const rows = await t.dataSource.query(`SELECT * FROM "${meta.tableName}" ORDER BY 1`);
    hash.update(meta.tableName).update(JSON.stringify(rows));
  }
  return hash.digest('hex');
}

/** Malformed by construction: wrong shapes, oversized and type-confused values, always an unknown field. */
const hostile = fc.oneof(
  fc.anything({ maxDepth: 3 }),
  fc.string({ minLength: 2000, maxLength: 20_000 }),
  fc.array(fc.oneof(fc.integer(), fc.string(), fc.constant(null)), { maxLength: 600 }),
  fc
    .dictionary(
      fc.constantFrom(
        'name',
        'year',
        'eventId',
        'value',
        'marks',
        'contestant',
        'idNumber',
        'scores',
        'document',
        'reason',
        'status',
        'modules',
        'level',
        'placing',
        'amount',
        '__proto__',
        'constructor',
      ),
      fc.oneof(
        fc.anything({ maxDepth: 2 }),
        fc.double(),
        fc.bigInt().map(String),
        fc.string({ maxLength: 5000 }),
        fc.constant(Number.MAX_SAFE_INTEGER * 10),
      ),
    )
    .map((o) => ({ ...o, ['unexpected_' + Object.keys(o).length]: true })),
);
const badIds = fc.constantFrom(
  '999999',
  'abc',
  '-1',
  '0',
  '1e9',
  '9999999999999',
  '%00',
  '1.5',
  'null',
);

/** Path segments that are names of Object.prototype's members, encodings and oversized values. */
const HOSTILE_SEGMENTS = [
  'constructor',
  '__proto__',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'prototype',
  '__defineGetter__',
  '%00',
  '%E0%A4%A',
  '%2e%2e',
  '%F0%9F%98%80',
  '1e400',
  '0x10',
  '-0',
  '%D9%A1',
  "1'%20OR%20'1'='1",
  'x'.repeat(4000),
];

/** The routes that take a file, each with a file body it could otherwise read. */
const UPLOADS = [
  'POST /api/editions/{id}/imports',
  'POST /api/events/{id}/scheme.xlsx',
  'POST /api/events/{id}/theory.xlsx',
];

/** The error's code, whatever content type the route declared (the certificate is HTML). */
function codeOf(res: request.Response): string | undefined {
  try {
    const body = JSON.parse(res.text) as { code?: unknown };
    return typeof body.code === 'string' ? body.code : undefined;
  } catch {
    return undefined;
  }
}

describe('fuzzing every write route with malformed payloads', () => {
  let t: TestApp;
  let prepared: PreparedEvent;
  let editionId: number;
  const auth: Partial<Record<Role, Record<string, string>>> = {};

  beforeAll(async () => {
    t = await createTestApp();
    prepared = await prepareEvent(t, 4);
    editionId = (
      await request(t.url).get(`/api/events/${prepared.eventId}`).set(prepared.organizer.auth)
    ).body.editionId as number;
    for (const role of ROLES) {
      auth[role] = (await signIn(t, role, `fuzz-${role.replace('_', '-')}`)).auth;
    }
  }, 60_000);
  afterAll(() => t.close());

  it(`answers ${PAYLOADS} hostile payloads with no 5xx and writes nothing`, async () => {
    const writes = Object.keys(TABLE).filter((r) => !r.startsWith('GET ') && !r.includes('/auth/'));
    const before = await databaseHash(t);
    const statuses = new Map<number, number>();
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...writes), badIds, hostile, async (route, id, body) => {
        const [method, path] = route.split(' ');
        const caller = TABLE[route].find((r): r is Role => r !== 'anonymous') ?? 'admin';
        const verb = method.toLowerCase() as 'post' | 'put' | 'patch' | 'delete';
        const target = request(t.url)[verb](path.replace(/\{[^}]+\}/g, id));
        const res = await target
          .set(auth[caller]!)
          .set('Content-Type', 'application/json')
          .send(JSON.stringify(body) ?? 'undefined');
        sent += 1;
        if (res.status < 300 && process.env.FUZZ_DEBUG) {
          console.log(route, id, res.status, JSON.stringify(res.body).slice(0, 120));
        }
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        return res.status < 500;
      }),
      { numRuns: PAYLOADS, seed: 2025 },
    );
    expect(await databaseHash(t)).toBe(before);
    console.log(
      `fuzz: ${sent} payloads over ${writes.length} write routes; statuses ${JSON.stringify(Object.fromEntries(statuses))}; 5xx: 0; tables unchanged`,
    );
  }, 600_000);

  it('answers documents named after Object.prototype members with 404 DOCUMENT_NOT_FOUND', async () => {
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']) {
      const res = await request(t.url)
        .get(`/api/editions/${editionId}/documents/${name}`)
        .set(auth.organizer!);
      expect([name, res.status, res.body.code]).toEqual([name, 404, 'DOCUMENT_NOT_FOUND']);
    }
  });

  it('refuses to delete an event that has entries with 409 EVENT_HAS_ENTRIES, changing nothing', async () => {
    const before = await databaseHash(t);
    const res = await request(t.url)
      .delete(`/api/events/${prepared.eventId}`)
      .set(prepared.organizer.auth);
    expect([res.status, res.body.code]).toEqual([409, 'EVENT_HAS_ENTRIES']);
    expect(await databaseHash(t)).toBe(before);
    await request(t.url).get(`/api/events/${prepared.eventId}`).set(auth.organizer!).expect(200);
  });

  it('answers hostile path parameters on every route with no 5xx and writes nothing', async () => {
    const before = await databaseHash(t);
    const real: Record<string, string> = {
      editions: String(editionId),
      events: String(prepared.eventId),
    };
    const statuses = new Map<number, number>();
    const failures: string[] = [];
    let sent = 0;
    for (const route of Object.keys(TABLE).filter((r) => r.includes('{'))) {
      const [method, path] = route.split(' ');
      const caller = TABLE[route].find((r): r is Role => r !== 'anonymous') ?? 'admin';
      const params = [...path.matchAll(/\{[^}]+\}/g)].map((m) => m[0]);
      for (const target of params) {
        for (const segment of HOSTILE_SEGMENTS) {
          // GETs keep the other parameters real, so the hostile one reaches the handler's lookup;
          // writes get hostile values only, so that nothing real can be touched.
          const url = path.replace(/\/(\w+)\/\{[^}]+\}/g, (whole, collection: string) =>
            whole.endsWith(target) || method !== 'GET'
              ? `/${collection}/${segment}`
              : `/${collection}/${real[collection] ?? segment}`,
          );
          const verb = method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
          const res = await request(t.url)[verb](url).set(auth[caller]!).send({});
          sent += 1;
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          if (res.status >= 500 || (res.status >= 400 && !codeOf(res))) {
            failures.push(
              `${method} ${url.slice(0, 120)} → ${res.status} ${JSON.stringify(res.body).slice(0, 80)}`,
            );
          }
        }
      }
    }
    expect(failures).toEqual([]);
    expect(await databaseHash(t)).toBe(before);
    console.log(
      `fuzz: ${sent} hostile path parameters; statuses ${JSON.stringify(Object.fromEntries(statuses))}; 5xx: 0; tables unchanged`,
    );
  }, 300_000);

  it('answers hostile files on every upload route with no 5xx and writes nothing', async () => {
    const before = await databaseHash(t);
    const statuses = new Map<number, number>();
    let sent = 0;
    const file = fc.oneof(
      fc.uint8Array({ maxLength: 4096 }).map((b) => Buffer.from(b)),
      // A zip's signature followed by noise, and a CSV of control characters and quotes.
      fc.uint8Array({ maxLength: 2048 }).map((b) => Buffer.concat([Buffer.from('PK\x03\x04'), b])),
      fc.string({ maxLength: 3000 }).map((s) => Buffer.from(`检录号,理论成绩\n"${s}`, 'utf8')),
      fc.constant(Buffer.alloc(0)),
    );
    const name = fc.constantFrom(
      'a.xlsx',
      'a.csv',
      'a.XLSX',
      'a.txt',
      '',
      '..\\..\\x.xlsx',
      'constructor',
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...UPLOADS),
        file,
        name,
        fc.constantFrom('file', 'other'),
        async (route, body, filename, field) => {
          const path = route
            .split(' ')[1]
            .replace('{id}', String(route.includes('editions') ? editionId : prepared.eventId));
          const res = await request(t.url)
            .post(path)
            .query({ dryRun: 'true' })
            .set(auth.organizer!)
            .attach(field, body, filename || 'x');
          sent += 1;
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          return res.status < 500 && (res.status < 300 || codeOf(res) !== undefined);
        },
      ),
      { numRuns: 300, seed: 2025 },
    );
    expect(await databaseHash(t)).toBe(before);
    console.log(
      `fuzz: ${sent} hostile files over ${UPLOADS.length} upload routes; statuses ${JSON.stringify(Object.fromEntries(statuses))}; 5xx: 0; tables unchanged`,
    );
  }, 300_000);

  it('shrugs off malformed socket messages and stays healthy', async () => {
    const socket = io(`${t.url}/live`, { transports: ['websocket'], reconnection: false });
    await new Promise<void>((resolve) => socket.on('connect', () => resolve()));
    const answers = await fc
      .sample(fc.anything({ maxDepth: 2 }), 50)
      .reduce<Promise<unknown[]>>(async (acc, body) => {
        const list = await acc;
        list.push(
          await socket
            .timeout(2000)
            .emitWithAck('join', body)
            .catch(() => 'no answer'),
        );
        return list;
      }, Promise.resolve([]));
    expect(answers.every((a) => a === 'no answer' || (typeof a === 'object' && a !== null))).toBe(
      true,
    );
    socket.emit('no-such-event', { x: 1 });
    socket.close();
    await request(t.url).get('/api/health').expect(200);
  });
});

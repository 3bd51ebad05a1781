import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { io } from 'socket.io-client';
import request from 'supertest';
import { ROLES, type Role } from '../src/domain/competition';
import { prepareEvent } from './support/competition-day';
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

describe('fuzzing every write route with malformed payloads', () => {
  let t: TestApp;
  const auth: Partial<Record<Role, Record<string, string>>> = {};

  beforeAll(async () => {
    t = await createTestApp();
    await prepareEvent(t, 4);
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

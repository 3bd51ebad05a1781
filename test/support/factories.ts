import { createHash } from 'node:crypto';
import request from 'supertest';
import { parseIdNumber } from '../../src/domain/id-number';
import { DataSource } from 'typeorm';
import { SYSTEM_ACTOR } from '../../src/audit/actor';
import type { Role } from '../../src/domain/competition';
import { UsersService } from '../../src/users/users.service';
import { glossaryTerm } from '../../src/common/i18n/glossary';
import type { TestApp } from './test-app';

export const PASSWORD = 'correct-horse-9';

/** Creates an account directly through the service and signs it in over HTTP. */
export async function signIn(t: TestApp, role: Role, username: string = role.replace('_', '')) {
  await t.app.get(UsersService).create(SYSTEM_ACTOR, {
    username,
    // A person's name as the documents print it (a Chinese sheet shows no English or codes).
    displayName: `测试${glossaryTerm('roles', role, 'zh-CN')}`,
    role,
    password: PASSWORD,
  });
  const res = await request(t.url).post('/api/auth/login').send({ username, password: PASSWORD });
  if (res.status !== 200) {
    throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return {
    token: res.body.accessToken as string,
    refreshToken: res.body.refreshToken as string,
    auth: { Authorization: `Bearer ${res.body.accessToken as string}` },
  };
}

export function makeEvent(overrides: Record<string, unknown> = {}) {
  return {
    occupation: '数控车工',
    name: '数控车工(职工组)',
    level: 'technician',
    group: 'worker',
    mode: 'individual',
    theoryWeight: 30,
    practicalWeight: 70,
    ...overrides,
  };
}

export function makeEdition(overrides: Record<string, unknown> = {}) {
  return { year: 2027, name: '第八届无锡技能精英大赛', ...overrides };
}

/** Row counts of every table: "nothing changed" is asserted by comparing two of these. */
export async function tableCounts(dataSource: DataSource): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const meta of dataSource.entityMetadatas) {
    counts[meta.tableName] = await dataSource.getRepository(meta.target).count();
  }
  return counts;
}

const CHECK_CHARS = '0123456789X';

/**
 * A valid resident ID number for the given region, birth date and sequence: the check character
 * is found by asking the domain's own validator, so the test does not re-implement it.
 */
export function makeIdNumber(birthDate = '1990-03-07', seq = 123, region = '320211'): string {
  const body = `${region}${birthDate.replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
  for (const check of CHECK_CHARS) {
    if (parseIdNumber(body + check).ok) {
      return body + check;
    }
  }
  throw new Error(`no valid check character for ${body}`);
}

let personCounter = 0;

export function makeContestant(overrides: Record<string, unknown> = {}) {
  personCounter += 1;
  return {
    idNumber: makeIdNumber('1990-03-07', 100 + (personCounter % 800)),
    name: `选手${personCounter}`,
    phone: '13812345678',
    employer: '无锡威孚高科技集团',
    unitName: '无锡市总工会',
    qualificationOccupation: '数控车工',
    qualificationLevel: 'senior',
    ...overrides,
  };
}

/** supertest parser that keeps a binary body (an .xlsx download) as one Buffer. */
export function binary(res: request.Response, callback: (err: Error | null, body: Buffer) => void) {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => callback(null, Buffer.concat(chunks)));
}

/** Every row of every table, hashed: equal before and after means nothing was written. */
export async function databaseHash(dataSource: DataSource): Promise<string> {
  const hash = createHash('sha256');
  for (const meta of [...dataSource.entityMetadatas].sort((a, b) =>
    a.tableName.localeCompare(b.tableName),
  )) {
    const rows: unknown = await dataSource.query(`SELECT * FROM "${meta.tableName}" ORDER BY 1`);
    hash.update(meta.tableName).update(JSON.stringify(rows));
  }
  return hash.digest('hex');
}

/**
 * The database's hash once nothing writes any more: locking, results and appeals also write the
 * live board's update log a moment later (coalesced per event, 500 ms), so wait for two equal
 * hashes taken further apart than that.
 */
export async function settledDatabaseHash(dataSource: DataSource): Promise<string> {
  let previous = await databaseHash(dataSource);
  for (;;) {
    await new Promise((r) => setTimeout(r, 1200));
    const next = await databaseHash(dataSource);
    if (next === previous) {
      return next;
    }
    previous = next;
  }
}

/** An organizer gives a contestant a login (POST /api/contestants/:id/account); it signs in. */
export async function signInContestant(
  t: TestApp,
  organizerAuth: Record<string, string>,
  contestantId: number,
) {
  const account = await request(t.url)
    .post(`/api/contestants/${contestantId}/account`)
    .set(organizerAuth)
    .send({});
  if (account.status !== 201) {
    throw new Error(`contestant account: ${account.status} ${JSON.stringify(account.body)}`);
  }
  const { username, password } = account.body as { username: string; password: string };
  const res = await request(t.url).post('/api/auth/login').send({ username, password });
  if (res.status !== 200) {
    throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return {
    contestantId,
    token: res.body.accessToken as string,
    auth: { Authorization: `Bearer ${res.body.accessToken as string}` },
  };
}

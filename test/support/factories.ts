import request from 'supertest';
import { DataSource } from 'typeorm';
import { SYSTEM_ACTOR } from '../../src/audit/actor';
import type { Role } from '../../src/domain/competition';
import { UsersService } from '../../src/users/users.service';
import type { TestApp } from './test-app';

export const PASSWORD = 'correct-horse-9';

/** Creates an account directly through the service and signs it in over HTTP. */
export async function signIn(t: TestApp, role: Role, username: string = role.replace('_', '')) {
  await t.app.get(UsersService).create(SYSTEM_ACTOR, {
    username,
    displayName: `Test ${role}`,
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

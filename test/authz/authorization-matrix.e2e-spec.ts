import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { ROLES } from '../../src/domain/competition';
import { signIn } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';
import { concrete, deniedByRole, openApiRoutes, Verb } from './openapi-routes';

/**
 * Every route of the OpenAPI document, called as every role and as no one. The expected table
 * (authorization-matrix.json, reviewed by people) says who may pass the role check; a route
 * missing from it fails the test, and so does any role let through that the table does not
 * list — whatever status the handler then gives. AUTHZ_WRITE=1 rewrites the table for review.
 */
const TABLE = join(__dirname, 'authorization-matrix.json');
const CALLERS = ['anonymous', ...ROLES] as const;

describe('authorization matrix: every route × every role', () => {
  let t: TestApp;
  const auth: Record<string, Record<string, string>> = { anonymous: {} };
  let routes: string[];

  beforeAll(async () => {
    t = await createTestApp();
    for (const role of ROLES) {
      auth[role] = (await signIn(t, role, `matrix-${role.replace('_', '-')}`)).auth;
    }
    routes = await openApiRoutes(t);
  });
  afterAll(() => t.close());

  it('lets through exactly the roles the table lists, for every route', async () => {
    const observed: Record<string, string[]> = {};
    let calls = 0;
    for (const route of routes) {
      const [method, path] = route.split(' ');
      observed[route] = [];
      for (const caller of CALLERS) {
        const verb = method.toLowerCase() as Verb;
        const res = await request(t.url)[verb](concrete(path)).set(auth[caller]).send({});
        calls += 1;
        expect({ route, caller, status: res.status < 500 ? 'ok' : res.status }).toEqual({
          route,
          caller,
          status: 'ok',
        });
        if (!deniedByRole(res)) {
          observed[route].push(caller);
        }
      }
    }
    if (process.env.AUTHZ_WRITE) {
      writeFileSync(TABLE, `${JSON.stringify(observed, null, 2)}\n`);
    }
    const expected = JSON.parse(readFileSync(TABLE, 'utf8')) as Record<string, string[]>;
    expect(Object.keys(observed)).toEqual(Object.keys(expected).sort());
    for (const route of routes) {
      expect({ route, allowed: observed[route] }).toEqual({ route, allowed: expected[route] });
    }
    console.log(
      `authorization matrix: ${routes.length} routes × ${CALLERS.length} callers = ${calls} calls, 0 unexpected`,
    );
  }, 120_000);
});

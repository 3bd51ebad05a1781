import request from 'supertest';
import type { TestApp } from '../support/test-app';

/** The codes that mean "refused before the handler ran": no token, or a role not let in. */
export const DENIED = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN_ROLE',
  'TOKEN_INVALID',
  'TOKEN_EXPIRED',
  'TOKEN_REVOKED',
]);

export type Verb = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** A path of the OpenAPI document with every parameter filled by an id that exists nowhere. */
export const concrete = (path: string) =>
  path
    .replace('{jobId}', '00000000-0000-4000-8000-000000000000')
    .replace('{name}', 'award-list.xlsx')
    .replace(/\{[^}]+\}/g, '999999');

/** "METHOD /path" for every operation of the served OpenAPI document, sorted. */
export async function openApiRoutes(t: TestApp): Promise<string[]> {
  const doc = (await request(t.url).get('/api/docs-json').expect(200)).body as {
    paths: Record<string, object>;
  };
  return Object.entries(doc.paths)
    .flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`))
    .sort();
}

/** True when the answer is the role check's refusal rather than the handler's. */
export const deniedByRole = (res: request.Response) =>
  (res.status === 401 || res.status === 403) &&
  DENIED.has((res.body as { code?: string }).code ?? '');

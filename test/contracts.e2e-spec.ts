import { NestFactory } from '@nestjs/core';
import request from 'supertest';
import { AppModule } from '../src/app.module';
import { openApiDocument } from '../src/openapi';
import { createTestApp, TestApp } from './support/test-app';

/**
 * `npm run contracts` builds the client's types from the document of an app created in preview
 * mode (no database, no listening). That document must be the one the running app serves, or
 * the client would be typed against an API that is not there.
 */
describe('the OpenAPI document the client types come from', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('is the document the running app serves', async () => {
    const served = (await request(t.url).get('/api/docs-json').expect(200)).body as object;
    const preview = await NestFactory.create(AppModule, { preview: true, logger: false });
    preview.setGlobalPrefix('api');
    const built = JSON.parse(JSON.stringify(openApiDocument(preview))) as object;
    expect(built).toEqual(served);
  });

  /**
   * Results and awards still answer what their services return (entities among them): their
   * response DTOs wait for the reshaping of recommendations and publication under way in
   * src/results. Nothing may join this list; it only shrinks.
   */
  const AWAITING_DTOS = [
    'GET /api/events/{id}/results',
    'POST /api/events/{id}/results/compute',
    'POST /api/events/{id}/results/publish',
    'POST /api/events/{id}/results/finalize',
    'GET /api/events/{id}/appeals',
    'POST /api/events/{id}/appeals',
    'POST /api/appeals/{id}/decision',
    'GET /api/editions/{id}/grants',
    'GET /api/editions/{id}/grants/totals',
    'POST /api/grants/approve',
    'POST /api/grants/{id}/pay',
    'GET /api/editions/{id}/documents/{name}',
    'GET /api/grants/{id}/certificate',
    'GET /api/events/{id}/results/sheet',
    'POST /api/external-results',
  ];

  it('gives every JSON answer a schema, and no route answers an entity', async () => {
    const doc = (await request(t.url).get('/api/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, { responses: Record<string, { content?: object }> }>>;
    };
    const untyped: string[] = [];
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        const ok = Object.entries(op.responses).filter(([status]) => status.startsWith('2'));
        // 204 answers nothing; every other success names its content (JSON schema or file type).
        const typed = ok.some(([status, r]) => status === '204' || r.content !== undefined);
        if (!typed) {
          untyped.push(`${method.toUpperCase()} ${path}`);
        }
      }
    }
    expect(untyped.filter((route) => !AWAITING_DTOS.includes(route))).toEqual([]);
    // A route typed since is taken off the list.
    expect(AWAITING_DTOS.filter((route) => !untyped.includes(route))).toEqual([]);
  });
});

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

  /** No route answers an entity: src/controllers.spec.ts reads that from the handlers. */
  it('gives every JSON answer a schema', async () => {
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
    expect(untyped).toEqual([]);
  });
});

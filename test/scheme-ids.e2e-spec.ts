import request from 'supertest';
import { prepareEvent, PreparedEvent } from './support/competition-day';
import { createTestApp, TestApp } from './support/test-app';

/** A scheme whose modules each hold their own two aspects, named after the module. */
function schemeOf(codes: string[], max = 100 / (codes.length * 2)) {
  return {
    modules: codes.map((code) => ({
      code,
      name: `模块${code}`,
      aspects: [1, 2].map((n) => ({
        code: `${code}${n}`,
        description: `${code}${n} 尺寸`,
        kind: 'measurement',
        max,
      })),
    })),
  };
}

interface SchemeBody {
  modules: { id: number; code: string; aspects: { code: string }[] }[];
}

const aspectsByModule = (body: SchemeBody) =>
  Object.fromEntries(body.modules.map((m) => [m.code, m.aspects.map((a) => a.code).sort()]));

/**
 * Regression: saving a scheme gave new modules placeholder ids 1..N and re-pointed aspects one
 * module at a time, so when a saved id equalled a later placeholder the aspects already moved
 * were moved again. An empty database never shows it: the ids must already be in use.
 */
describe('Scheme ids on a database that already holds schemes', () => {
  let t: TestApp;
  let first: PreparedEvent;
  let second: PreparedEvent;

  beforeAll(async () => {
    t = await createTestApp();
    first = await prepareEvent(t, 2, {}, 2027);
    second = await prepareEvent(t, 2, {}, 2029);
  }, 60_000);
  afterAll(() => t.close());

  it('keeps every aspect in its own module when module ids are already taken', async () => {
    await request(t.url)
      .put(`/api/events/${first.eventId}/scheme`)
      .set(first.chief.auth)
      .send(schemeOf(['A', 'B']))
      .expect(200);
    const saved = await request(t.url)
      .put(`/api/events/${second.eventId}/scheme`)
      .set(second.chief.auth)
      .send(schemeOf(['A', 'B', 'C', 'D']))
      .expect(200);
    const body = saved.body as SchemeBody;
    expect(body.modules[0].id).toBeGreaterThan(2);
    const expected = { A: ['A1', 'A2'], B: ['B1', 'B2'], C: ['C1', 'C2'], D: ['D1', 'D2'] };
    expect(aspectsByModule(body)).toEqual(expected);
    const read = await request(t.url)
      .get(`/api/events/${second.eventId}/scheme`)
      .set(second.chief.auth)
      .expect(200);
    expect(aspectsByModule(read.body as SchemeBody)).toEqual(expected);
    const firstRead = await request(t.url)
      .get(`/api/events/${first.eventId}/scheme`)
      .set(first.chief.auth)
      .expect(200);
    expect(aspectsByModule(firstRead.body as SchemeBody)).toEqual({
      A: ['A1', 'A2'],
      B: ['B1', 'B2'],
    });
  });

  it('replacing a scheme again (ids now far past 1..N) still keeps aspects with their module', async () => {
    for (const codes of [
      ['C', 'A', 'B', 'D'],
      ['E', 'D', 'C', 'B', 'A'],
      ['B', 'A'],
    ]) {
      const res = await request(t.url)
        .put(`/api/events/${second.eventId}/scheme`)
        .set(second.chief.auth)
        .send(schemeOf(codes))
        .expect(200);
      const body = res.body as SchemeBody;
      expect(body.modules.map((m) => m.code)).toEqual(codes);
      expect(aspectsByModule(body)).toEqual(
        Object.fromEntries(codes.map((c) => [c, [`${c}1`, `${c}2`]])),
      );
    }
  });
});

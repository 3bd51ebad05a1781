import request from 'supertest';
import { AuditEntry } from '../src/audit/entities/audit-entry.entity';
import { Contestant } from '../src/registration/entities/contestant.entity';
import { Entry } from '../src/registration/entities/entry.entity';
import { Unit } from '../src/registration/entities/unit.entity';
import { makeEdition, makeEvent, makeIdNumber, signIn } from './support/factories';
import { SheetRow, sheetRow, xlsxOf } from './support/sheets';
import { createTestApp, TestApp } from './support/test-app';

/**
 * The import checks and writes a sheet in bulk (facts read once, multi-row INSERTs, one audit
 * append). Two identical apps: one imports the sheet, the other submits the same rows one by
 * one through POST /api/entries. Every row must fail or pass alike, with the same codes, and
 * the rows written — units, contestants, entries and audit rows, ids included — must match.
 */
describe('import in bulk = the same rows submitted one by one', () => {
  const idOf = (n: number, birth = '1990-03-07') => makeIdNumber(birth, 100 + n);
  const person = (n: number, extra: SheetRow = {}): SheetRow => ({
    ...sheetRow(n, '数控车工'),
    idNumber: idOf(n),
    ...extra,
  });
  // An earlier edition's contestant (refreshed, under a unit not seen before), one already
  // entered in this edition, a full pair, a new pair, too old, a second event in the edition.
  const rows: SheetRow[] = [
    person(1),
    person(2, { unitName: '新推荐单位' }),
    person(3),
    person(10, { occupation: '电工' }),
    person(4, { occupation: '焊工', teamNo: '5' }),
    person(5, { occupation: '焊工', teamNo: '5' }),
    person(6, { idNumber: idOf(6, '1950-01-01') }),
    person(7, { occupation: '焊工', teamNo: '6' }),
    person(8, { occupation: '电工', unitName: '推荐单位1' }),
    person(9, { occupation: '焊工', teamNo: '6' }),
  ];

  interface World {
    t: TestApp;
    auth: Record<string, string>;
    editionId: number;
    events: Map<string, number>;
    seqBefore: number;
  }

  async function world(): Promise<World> {
    const t = await createTestApp();
    const { auth } = await signIn(t, 'organizer');
    const post = async (path: string, body: object) =>
      (await request(t.url).post(path).set(auth).send(body).expect(201)).body;
    const earlier = await post('/api/editions', makeEdition({ year: 2026, name: '第七届' }));
    const old = await post(`/api/editions/${earlier.id}/events`, makeEvent());
    const edition = await post('/api/editions', makeEdition({ startDate: '2027-10-18' }));
    const events = new Map<string, number>();
    for (const [occupation, mode] of [
      ['数控车工', 'individual'],
      ['电工', 'individual'],
      ['焊工', 'pair'],
    ]) {
      const made = await post(
        `/api/editions/${edition.id}/events`,
        makeEvent({ occupation, name: occupation, mode, eligibility: { minAge: 18, maxAge: 60 } }),
      );
      events.set(occupation, made.id);
    }
    const entry = (event: number, n: number, teamNo?: number) => ({
      eventId: event,
      group: 'worker',
      ...(teamNo ? { teamNo } : {}),
      contestant: {
        idNumber: idOf(n),
        name: `先前${n}`,
        unitName: '推荐单位0',
        qualificationLevel: 'senior',
      },
    });
    await post('/api/entries', entry(old.id, 2));
    await post('/api/entries', entry(events.get('数控车工')!, 3));
    await post('/api/entries', entry(events.get('数控车工')!, 10));
    await post('/api/entries', entry(events.get('焊工')!, 40, 5));
    const [last] = await t.dataSource
      .getRepository(AuditEntry)
      .find({ order: { seq: 'DESC' }, take: 1 });
    return { t, auth, editionId: edition.id, events, seqBefore: last.seq };
  }

  let bulk: World;
  let single: World;
  beforeAll(async () => {
    bulk = await world();
    single = await world();
  });
  afterAll(async () => {
    await bulk?.t.close();
    await single?.t.close();
  });

  async function settle(w: World, id: string) {
    for (let i = 0; i < 200; i += 1) {
      const job = (await request(w.t.url).get(`/api/imports/${id}`).set(w.auth).expect(200)).body;
      if (job.status !== 'validating' && job.status !== 'committing') {
        return job;
      }
      await new Promise((r) => setTimeout(r, 30));
    }
    throw new Error('import did not finish');
  }

  async function dryRun(w: World, sheet: SheetRow[]) {
    const res = await request(w.t.url)
      .post(`/api/editions/${w.editionId}/imports`)
      .set(w.auth)
      .attach('file', await xlsxOf(sheet), 'entries.xlsx')
      .expect(202);
    return settle(w, res.body.id);
  }

  /** Codes per data row (sheet row 2 is rows[0]); [] for a row that passes. */
  const codesByRow = (errors: { row: number; code: string }[]) =>
    rows.map((_, i) => errors.filter((e) => e.row === i + 2).map((e) => e.code));

  /** What the database holds after the preparation, ids and all, minus times and hashes. */
  async function written(w: World) {
    const repo = <T extends object>(c: new () => T) => w.t.dataSource.getRepository(c);
    const drop = (value: string | null) => {
      if (value === null) {
        return null;
      }
      const {
        createdAt: _c,
        updatedAt: _u,
        ...rest
      } = JSON.parse(value) as Record<string, unknown>;
      return rest;
    };
    const audit = (await repo(AuditEntry).find({ order: { seq: 'ASC' } }))
      .filter((a) => a.seq > w.seqBefore)
      .map((a) => ({
        seq: a.seq,
        action: a.action,
        entityType: a.entityType,
        entityId: a.entityId,
        actorId: a.actorId,
        before: drop(a.before),
        after: drop(a.after),
      }));
    const timeless = <T extends { createdAt: string; updatedAt: string }>(list: T[]) =>
      list.map(({ createdAt: _c, updatedAt: _u, ...rest }) => rest);
    return {
      units: timeless(await repo(Unit).find({ order: { id: 'ASC' } })),
      contestants: timeless(await repo(Contestant).find({ order: { id: 'ASC' } })),
      entries: timeless(await repo(Entry).find({ order: { id: 'ASC' } })),
      audit,
    };
  }

  it('answers every row as submitting it alone does, and writes the same rows', async () => {
    // One by one, in sheet order.
    const oneByOne: string[][] = [];
    for (const row of rows) {
      const level = row.qualificationLevel === '高级工' ? 'senior' : undefined;
      const res = await request(single.t.url)
        .post('/api/entries')
        .set(single.auth)
        .send({
          eventId: single.events.get(String(row.occupation)),
          group: 'worker',
          ...(row.teamNo ? { teamNo: Number(row.teamNo) } : {}),
          contestant: {
            idNumber: row.idNumber,
            name: row.name,
            phone: row.phone,
            employer: row.employer,
            unitName: row.unitName,
            qualificationOccupation: row.qualificationOccupation,
            qualificationLevel: level,
            certificateNo: row.certificateNo,
          },
        });
      if (res.status === 201) {
        oneByOne.push([]);
      } else {
        const body = res.body as { code: string; details?: { code: string }[] };
        oneByOne.push(
          body.code === 'ENTRY_INELIGIBLE' ? body.details!.map((d) => d.code) : [body.code],
        );
      }
    }
    // Each kind of answer is met: passes, a duplicate, a refreshed person, full team, too old.
    expect(oneByOne.flat()).toEqual(
      expect.arrayContaining([
        'ENTRY_DUPLICATE',
        'ELIGIBILITY_ONE_PER_EDITION',
        'ELIGIBILITY_TEAM_FULL',
        'ELIGIBILITY_AGE',
      ]),
    );

    const dry = await dryRun(bulk, rows);
    expect(dry.status).toBe('validated');
    expect(codesByRow(dry.errors)).toEqual(oneByOne);

    // The rows that pass, committed in bulk, write what the one-by-one submissions wrote.
    const passing = rows.filter((_, i) => oneByOne[i].length === 0);
    const failing = rows.filter((_, i) => oneByOne[i].length > 0);
    expect(passing.length).toBeGreaterThan(4);
    const good = await dryRun(bulk, [...passing]);
    expect(good.errors).toEqual([]);
    await request(bulk.t.url).post(`/api/imports/${good.id}/commit`).set(bulk.auth).expect(202);
    const done = await settle(bulk, good.id);
    expect(done).toMatchObject({ status: 'committed', created: passing.length });
    // The failing rows, submitted alone after, still fail (nothing they need was written).
    expect(failing.length).toBeGreaterThan(0);

    const [a, b] = [await written(bulk), await written(single)];
    expect(a.units).toEqual(b.units);
    expect(a.contestants).toEqual(b.contestants);
    expect(a.entries).toEqual(b.entries);
    expect(a.audit).toEqual(b.audit);

    const verify = await request(bulk.t.url).get('/api/audit/verify').set(bulk.auth).expect(200);
    expect(verify.body).toMatchObject({ ok: true });
  });
});

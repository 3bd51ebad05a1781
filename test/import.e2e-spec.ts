import request from 'supertest';
import { createTestApp, TestApp } from './support/test-app';
import { binary, makeEdition, makeEvent, signIn, tableCounts } from './support/factories';
import { csvOf, sheetRow, SheetRow, xlsxOf } from './support/sheets';

type Session = Awaited<ReturnType<typeof signIn>>;
const OCCUPATIONS = ['数控车工', '电工', '焊工'];

describe('bulk registration: dry run, row errors, all-or-nothing commit, then the day', () => {
  let t: TestApp;
  let organizer: Session;
  let encryptor: Session;
  let judge: Session;
  let editionId: number;
  let eventIds: number[];

  beforeAll(async () => {
    t = await createTestApp();
    organizer = await signIn(t, 'organizer');
    encryptor = await signIn(t, 'encryption_judge', 'enc');
    judge = await signIn(t, 'judge');
    editionId = (
      await request(t.url)
        .post('/api/editions')
        .set(organizer.auth)
        .send(makeEdition({ startDate: '2027-10-18' }))
        .expect(201)
    ).body.id;
    eventIds = [];
    for (const occupation of OCCUPATIONS) {
      const event = await request(t.url)
        .post(`/api/editions/${editionId}/events`)
        .set(organizer.auth)
        .send(
          makeEvent({
            occupation,
            name: `${occupation}(职工组)`,
            eligibility: { minAge: 18, maxAge: 60 },
          }),
        )
        .expect(201);
      eventIds.push(event.body.id);
    }
  });
  afterAll(() => t.close());

  function upload(file: Buffer, name = 'entries.xlsx') {
    return request(t.url)
      .post(`/api/editions/${editionId}/imports`)
      .set(organizer.auth)
      .attach('file', file, name);
  }

  async function settle(jobId: string) {
    for (let i = 0; i < 200; i += 1) {
      const job = (
        await request(t.url).get(`/api/imports/${jobId}`).set(organizer.auth).expect(200)
      ).body;
      if (job.status !== 'validating' && job.status !== 'committing') {
        return job;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('import did not finish');
  }

  const good = Array.from({ length: 200 }, (_, i) => sheetRow(i + 1, OCCUPATIONS[i % 3]));
  const faults: [number, SheetRow, string][] = [
    [
      3,
      {
        idNumber:
          good[2].idNumber.toString().slice(0, 17) +
          (good[2].idNumber.toString().endsWith('0') ? '1' : '0'),
      },
      'ID_CHECK_DIGIT',
    ],
    [20, { idNumber: '32021119990230123X' }, 'ID_BIRTH_DATE'],
    [41, { idNumber: good[0].idNumber }, 'ID_DUPLICATE_IN_SHEET'],
    [77, { group: '社会组' }, 'GROUP_UNKNOWN'],
    [98, { occupation: '烹饪' }, 'EVENT_NOT_FOUND'],
    [130, { phone: { formula: '1+1' } }, 'FORMULA_NOT_ALLOWED'],
    [160, { idNumber: '' }, 'REQUIRED'],
  ];

  it('dry run lists exactly the 7 faulty rows with their reasons, and writes nothing', async () => {
    const before = await tableCounts(t.dataSource);
    const rows = good.map((row, i) => {
      const fault = faults.find(([n]) => n === i + 1);
      return fault ? { ...row, ...fault[1] } : row;
    });
    const started = await upload(await xlsxOf(rows)).expect(202);
    expect(started.body).toMatchObject({ status: 'validating', total: 200 });
    const job = await settle(started.body.id);
    expect(job.status).toBe('validated');
    expect(job.processed).toBe(200);
    // Sheet rows are numbered as Excel shows them: the header is row 1.
    expect(job.errors.map((e: { row: number; code: string }) => [e.row - 1, e.code])).toEqual(
      faults.map(([n, , code]) => [n, code]),
    );
    for (const e of job.errors) {
      expect(e).toMatchObject({ column: expect.any(String), message: expect.any(String) });
    }
    await request(t.url).post(`/api/imports/${job.id}/commit`).set(organizer.auth).expect(409);
    expect(await tableCounts(t.dataSource)).toEqual(before);
  });

  it('commits the fixed sheet all at once', async () => {
    const job = await settle((await upload(await xlsxOf(good)).expect(202)).body.id);
    expect(job).toMatchObject({ status: 'validated', errors: [] });
    const entriesBefore = (await tableCounts(t.dataSource)).entries;
    await request(t.url).post(`/api/imports/${job.id}/commit`).set(organizer.auth).expect(202);
    const done = await settle(job.id);
    expect(done).toMatchObject({ status: 'committed', created: 200 });
    expect((await tableCounts(t.dataSource)).entries).toBe(entriesBefore + 200);
  });

  it('refuses the same people again (against the database) and changes nothing', async () => {
    const before = await tableCounts(t.dataSource);
    const job = await settle(
      (await upload(csvOf(good.slice(0, 3)), 'again.csv').expect(202)).body.id,
    );
    expect(job.errors.map((e: { code: string }) => e.code)).toEqual([
      'ENTRY_DUPLICATE',
      'ENTRY_DUPLICATE',
      'ENTRY_DUPLICATE',
    ]);
    expect(await tableCounts(t.dataSource)).toEqual(before);
  });

  it.each<[string, () => Promise<Buffer>, string, number, string]>([
    [
      'wrong headers',
      () => xlsxOf(good.slice(0, 2), ['名字', '号码']),
      'x.xlsx',
      400,
      'IMPORT_BAD_HEADERS',
    ],
    ['an empty sheet', () => xlsxOf([]), 'x.xlsx', 400, 'IMPORT_EMPTY'],
    [
      'a file that is not a workbook',
      () => Promise.resolve(Buffer.from('not a zip')),
      'x.xlsx',
      400,
      'IMPORT_UNREADABLE',
    ],
    [
      'a file type other than xlsx or csv',
      () => Promise.resolve(Buffer.from('x')),
      'x.pdf',
      415,
      'IMPORT_FILE_TYPE',
    ],
    [
      'a 20 MB file',
      () => Promise.resolve(Buffer.alloc(20 * 1024 * 1024, 65)),
      'big.csv',
      413,
      'PAYLOAD_TOO_LARGE',
    ],
  ])('refuses %s with its code', async (_name, make, fileName, status, code) => {
    const before = await tableCounts(t.dataSource);
    const res = await upload(await make(), fileName);
    expect(res.status).toBe(status);
    expect(res.body.code).toBe(code);
    expect(await tableCounts(t.dataSource)).toEqual(before);
  });

  it('exports entry lists and serves the template', async () => {
    const template = await request(t.url)
      .get('/api/imports/template.xlsx')
      .set(organizer.auth)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(template.headers['content-type']).toContain('spreadsheetml');
    const exported = await request(t.url)
      .get(`/api/editions/${editionId}/entries.xlsx`)
      .query({ eventId: eventIds[0] })
      .set(organizer.auth)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const ExcelJS = (await import('exceljs')).default;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(exported.body as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.getRow(1).getCell(1).value).toBe('报名号');
    expect(sheet.rowCount).toBe(1 + good.filter((r) => r.occupation === OCCUPATIONS[0]).length);
  });

  it('carries the imported entries through review, draw, check-in and codes; the judge sees codes only', async () => {
    const entries = (
      await request(t.url).get(`/api/editions/${editionId}/entries`).set(organizer.auth).expect(200)
    ).body;
    await request(t.url)
      .post('/api/entries/review')
      .set(organizer.auth)
      .send({ entryIds: entries.map((e: { id: number }) => e.id), decision: 'approve' })
      .expect(200);
    const eventId = eventIds[1];
    await request(t.url)
      .post(`/api/events/${eventId}/draw`)
      .set(organizer.auth)
      .send({})
      .expect(201);
    const roster = (
      await request(t.url).get(`/api/events/${eventId}/roster`).set(organizer.auth).expect(200)
    ).body;
    for (const entry of roster) {
      await request(t.url)
        .post(`/api/events/${eventId}/check-in`)
        .set(organizer.auth)
        .send({ entryNo: entry.entryNo, status: 'present' })
        .expect(200);
    }
    await request(t.url).post(`/api/events/${eventId}/codes`).set(encryptor.auth).expect(201);
    // A judge gets the codes of an event he marks in only (test/authz/ownership.e2e-spec.ts);
    // the chief judge gets all of them, in the same shape.
    await request(t.url).get(`/api/events/${eventId}/workpieces`).set(judge.auth).expect(404);
    const chief = await signIn(t, 'chief_judge', 'chief');
    const pieces = await request(t.url)
      .get(`/api/events/${eventId}/workpieces`)
      .set(chief.auth)
      .expect(200);
    expect(pieces.body).toHaveLength(roster.length);
    const text = JSON.stringify(pieces.body);
    for (const entry of roster) {
      expect(text).not.toContain(entry.contestant.name);
      expect(text).not.toContain(entry.contestant.idNumber);
      expect(text).not.toContain(entry.contestant.unitName);
    }
    await request(t.url).get(`/api/events/${eventId}/code-map`).set(organizer.auth).expect(403);
    await request(t.url).get(`/api/events/${eventId}/code-map`).set(judge.auth).expect(403);
  });
});

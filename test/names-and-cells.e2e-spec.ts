import ExcelJS from 'exceljs';
import request from 'supertest';
import {
  binary,
  databaseHash,
  makeContestant,
  makeEdition,
  makeEvent,
  signIn,
} from './support/factories';
import { csvOf, sheetRow } from './support/sheets';
import { createTestApp, TestApp } from './support/test-app';

/** Names the form and the import must both refuse. */
const BAD_NAMES: [string, string][] = [
  ['blank', '   '],
  ['zero-width only', '\u200B\u200C\uFEFF'],
  ['NUL', '王\u0000三'],
  ['control', '王\u0007三'],
  ['bidi override', '王\u202E三'],
  ['lone surrogate', '王\uD800'],
  ['formula =', '=HYPERLINK("http://x","y")'],
  ['formula -', '-2+3'],
  ['formula @', '@SUM(1)'],
];

describe('names and cells', () => {
  let t: TestApp;
  let organizer: Record<string, string>;
  let editionId: number;
  let eventId: number;

  beforeAll(async () => {
    t = await createTestApp();
    organizer = (await signIn(t, 'organizer', 'names-org')).auth;
    editionId = (
      await request(t.url).post('/api/editions').set(organizer).send(makeEdition()).expect(201)
    ).body.id as number;
    eventId = (
      await request(t.url)
        .post(`/api/editions/${editionId}/events`)
        .set(organizer)
        .send(makeEvent({ occupation: '电工', name: '电工(职工组)' }))
        .expect(201)
    ).body.id as number;
  });
  afterAll(() => t.close());

  it('the form refuses each bad name with NAME_INVALID and writes nothing', async () => {
    const before = await databaseHash(t.dataSource);
    const answers = [];
    for (const [label, name] of BAD_NAMES) {
      const res = await request(t.url)
        .post('/api/entries')
        .set(organizer)
        .send({ eventId, group: 'worker', contestant: makeContestant({ name }) });
      answers.push([label, res.status, res.body.code, res.body.details?.[0]?.field]);
    }
    expect(answers).toEqual(
      BAD_NAMES.map(([label]) => [label, 422, 'NAME_INVALID', 'contestant.name']),
    );
    expect(await databaseHash(t.dataSource)).toBe(before);
  });

  it('the sheet import refuses the same names on the 姓名 column', async () => {
    const rows = BAD_NAMES.map(([, name], i) =>
      sheetRow(i + 1, '电工', '职工组', { name, qualificationOccupation: '电工' }),
    );
    const job = (
      await request(t.url)
        .post(`/api/editions/${editionId}/imports`)
        .set(organizer)
        .attach('file', csvOf(rows), 'names.csv')
        .expect(202)
    ).body as { id: string };
    let done: { status: string; errors: { row: number; column: string; code: string }[] };
    for (;;) {
      done = (await request(t.url).get(`/api/imports/${job.id}`).set(organizer).expect(200)).body;
      if (done.status !== 'validating') {
        break;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    const byRow = new Map<number, string[]>();
    for (const e of done.errors) {
      byRow.set(e.row, [...(byRow.get(e.row) ?? []), `${e.column} ${e.code}`]);
    }
    // A blank cell is a missing name (REQUIRED); a CSV cell starting = + @ is refused as a
    // formula before the name rule sees it; every other one is NAME_INVALID.
    expect(BAD_NAMES.map(([label], i) => [label, byRow.get(i + 2)])).toEqual(
      BAD_NAMES.map(([label]) => [
        label,
        expect.arrayContaining([
          label === 'blank'
            ? '姓名 REQUIRED'
            : expect.stringMatching(/^姓名 (NAME_INVALID|FORMULA_NOT_ALLOWED)$/),
        ]),
      ]),
    );
    expect(byRow.get(BAD_NAMES.findIndex(([l]) => l === 'formula -') + 2)).toEqual([
      '姓名 NAME_INVALID',
    ]);
  });

  it('the entry list export writes text that starts with = + - @ with the quote prefix', async () => {
    await request(t.url)
      .post('/api/entries')
      .set(organizer)
      .send({
        eventId,
        group: 'worker',
        contestant: makeContestant({
          name: '赵六',
          employer: '=HYPERLINK("http://evil","点我")',
          unitName: '+SUM(1,2)',
        }),
      })
      .expect(201);
    const res = await request(t.url)
      .get(`/api/editions/${editionId}/entries.xlsx`)
      .set(organizer)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as ArrayBuffer);
    const texts: string[] = [];
    wb.worksheets.forEach((ws) =>
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          if (typeof cell.value === 'string') {
            texts.push(cell.value);
          }
          expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
        }),
      ),
    );
    expect(texts).toEqual(
      expect.arrayContaining(['\'=HYPERLINK("http://evil","点我")', "'+SUM(1,2)"]),
    );
    expect(texts.filter((s) => /^[=+\-@]/.test(s))).toEqual([]);
  });
});

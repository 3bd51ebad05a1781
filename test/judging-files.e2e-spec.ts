import ExcelJS from 'exceljs';
import request from 'supertest';
import { judgeToLock, makeJudges, prepareEvent, PreparedEvent } from './support/competition-day';
import { binary, makeEvent, tableCounts } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

const SCHEME = {
  modules: [
    {
      code: 'A',
      name: '零件加工',
      aspects: [
        { code: 'A1', description: '外圆尺寸', kind: 'measurement', max: 40, step: 0.5 },
        {
          code: 'A2',
          description: '表面质量',
          kind: 'judgement',
          aggregation: 'trimmed-mean',
          max: 30,
          step: 0.5,
          maxSpread: 3,
        },
        {
          code: 'A3',
          description: '职业素养',
          kind: 'judgement',
          aggregation: 'worldskills',
          max: 30,
        },
        { code: 'A4', description: '安全扣分', kind: 'deduction', max: 5, step: 1 },
      ],
    },
  ],
};

async function sheet(rows: (string | number)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('理论成绩');
  rows.forEach((r) => ws.addRow(r));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('marking schemes and theory scores as spreadsheets', () => {
  let t: TestApp;
  let day: PreparedEvent;

  beforeAll(async () => {
    t = await createTestApp();
    day = await prepareEvent(t, 5);
    await request(t.url)
      .put(`/api/events/${day.eventId}/scheme`)
      .set(day.chief.auth)
      .send(SCHEME)
      .expect(200);
  }, 60_000);
  afterAll(() => t.close());

  it('exports a scheme to .xlsx (one row per aspect) and imports it into another event unchanged', async () => {
    const file = await request(t.url)
      .get(`/api/events/${day.eventId}/scheme.xlsx`)
      .set(day.chief.auth)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const other = (
      await request(t.url)
        .post('/api/editions/1/events')
        .set(day.organizer.auth)
        .send(makeEvent({ occupation: '钳工', name: '钳工' }))
        .expect(201)
    ).body;
    const imported = await request(t.url)
      .post(`/api/events/${other.id}/scheme.xlsx`)
      .set(day.chief.auth)
      .attach('file', file.body as Buffer, 'scheme.xlsx')
      .expect(200);
    const strip = (s: { modules: { code: string; name: string; aspects: { id?: number }[] }[] }) =>
      s.modules.map((m) => ({
        code: m.code,
        name: m.name,
        aspects: m.aspects.map(({ id: _id, ...a }) => a),
      }));
    const original = (
      await request(t.url).get(`/api/events/${day.eventId}/scheme`).set(day.chief.auth).expect(200)
    ).body;
    expect(strip(imported.body)).toEqual(strip(original));
  });

  it('refuses a scheme sheet whose maxima do not add up to 100, and writes nothing', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('评分标准');
    ws.addRow([
      '模块代码',
      '模块名称',
      '评分项代码',
      '评分项描述',
      '类型',
      '评价方式',
      '分值',
      '步长',
      '允许分差',
    ]);
    ws.addRow(['A', '实操', 'A1', '尺寸', '测量', '', 60, 0.5, '']);
    const other = (
      await request(t.url)
        .post('/api/editions/1/events')
        .set(day.organizer.auth)
        .send(makeEvent({ occupation: '电工', name: '电工' }))
        .expect(201)
    ).body;
    const before = await tableCounts(t.dataSource);
    const res = await request(t.url)
      .post(`/api/events/${other.id}/scheme.xlsx`)
      .set(day.chief.auth)
      .attach('file', Buffer.from(await wb.xlsx.writeBuffer()), 'scheme.xlsx')
      .expect(422);
    expect(res.body.code).toBe('SCHEME_INVALID');
    expect(await tableCounts(t.dataSource)).toEqual(before);
  });

  it('imports theory scores keyed by check-in code: a dry run names bad rows, then all rows at once', async () => {
    const bad = await sheet([
      ['检录号', '理论成绩'],
      [day.checkInCodeOf[0], 88],
      ['CNOPE', 70],
      [day.checkInCodeOf[1], 120],
    ]);
    const dry = await request(t.url)
      .post(`/api/events/${day.eventId}/theory.xlsx?dryRun=true`)
      .set(day.chief.auth)
      .attach('file', bad, 'theory.xlsx')
      .expect(200);
    expect(dry.body.errors).toEqual([
      expect.objectContaining({ row: 4, column: '理论成绩', code: 'SCORE_INVALID' }),
    ]);
    const unknown = await sheet([
      ['检录号', '理论成绩'],
      [day.checkInCodeOf[0], 88],
      ['CNOPE', 70],
    ]);
    const dry2 = await request(t.url)
      .post(`/api/events/${day.eventId}/theory.xlsx?dryRun=true`)
      .set(day.chief.auth)
      .attach('file', unknown, 'theory.xlsx')
      .expect(200);
    expect(dry2.body.errors).toEqual([
      expect.objectContaining({ row: 3, column: '检录号', code: 'CHECK_IN_CODE_UNKNOWN' }),
    ]);
    const good = await sheet([
      ['检录号', '理论成绩'],
      ...day.checkInCodeOf.map((c, i) => [c, 80 + i]),
    ]);
    const done = await request(t.url)
      .post(`/api/events/${day.eventId}/theory.xlsx`)
      .set(day.chief.auth)
      .attach('file', good, 'theory.xlsx')
      .expect(200);
    expect(done.body).toMatchObject({ imported: 5, errors: [] });
    const wrong = await request(t.url)
      .post(`/api/events/${day.eventId}/theory.xlsx`)
      .set(day.chief.auth)
      .attach('file', await sheet([['姓名', '分数']]), 'theory.xlsx')
      .expect(400);
    expect(wrong.body.code).toBe('IMPORT_BAD_HEADERS');
  });

  it('takes a theory sheet after the lock only with the chief judge’s reason, sent with the file', async () => {
    const locked = await prepareEvent(t, 2, {}, 2029);
    const [judge] = await makeJudges(t, [null]);
    await judgeToLock(t, locked, judge, { practical: () => 80, theory: () => 60 });
    const file = await sheet([['检录号', '理论成绩'], ...locked.checkInCodeOf.map((c) => [c, 75])]);
    const refused = await request(t.url)
      .post(`/api/events/${locked.eventId}/theory.xlsx?dryRun=true`)
      .set(locked.chief.auth)
      .attach('file', file, 'theory.xlsx')
      .expect(422);
    expect(refused.body.code).toBe('REASON_REQUIRED');
    for (const dryRun of [true, false]) {
      const res = await request(t.url)
        .post(`/api/events/${locked.eventId}/theory.xlsx?dryRun=${dryRun}`)
        .set(locked.chief.auth)
        .field('reason', '考试系统导出有误，重新导入')
        .attach('file', file, 'theory.xlsx')
        .expect(200);
      expect(res.body).toMatchObject({ dryRun, imported: dryRun ? 0 : 2, errors: [] });
    }
    const scores = await request(t.url)
      .get(`/api/events/${locked.eventId}/scores`)
      .set(locked.chief.auth)
      .expect(200);
    expect((scores.body as { theory: number }[]).map((r) => r.theory)).toEqual([75, 75]);
  });
});

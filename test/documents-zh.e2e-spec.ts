import ExcelJS from 'exceljs';
import request from 'supertest';
import { Contestant } from '../src/registration/entities/contestant.entity';
import { judgeToResults, makeJudges, prepareEvent, PreparedEvent } from './support/competition-day';
import { binary } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

/** What a document must never show a reader of a zh-CN sheet. */
const LATIN_RUN = /[A-Za-z]+(?:[\s,.;:'’-]+[A-Za-z]+){2}/;
const INTERNAL = [
  /\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/, // error or state codes
  /\b\d+\.(?:worker|student|matching)\b|\bpractice\.[a-z-]+/, // policy clause ids
  /\b(?:worker|student|pending|approved|paid|senior_technician|technician|senior|junior|intermediate|organizer|chief_judge)\b/,
  /DOMAIN\.md/,
];

function problems(text: string): string[] {
  const found: string[] = [];
  if (LATIN_RUN.test(text)) {
    found.push(`English: ${text}`);
  }
  for (const re of INTERNAL) {
    if (re.test(text)) {
      found.push(`internal: ${text}`);
    }
  }
  return found;
}

const textOf = (html: string) =>
  html
    .replace(/<style>[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#(\d+);/g, (_m, n: string) => String.fromCharCode(Number(n)));

describe('documents speak Chinese: lists, certificate and the results sheet', () => {
  let t: TestApp;
  let day: PreparedEvent;
  // 30/70 weights: contestants 0 and 1 both total 86.00; 1 has the higher practical, so ranks first.
  const practical = [80, 92, 85, 75, 70, 65, 60, 55];
  const theory = [100, 72, 80, 70, 65, 60, 55, 50];

  beforeAll(async () => {
    t = await createTestApp();
    day = await prepareEvent(t, 8);
    // 参赛者2 already holds the top level: no promotion, and the lists must say so in words.
    await t.dataSource
      .getRepository(Contestant)
      .update({ name: '参赛者2' }, { qualificationLevel: 'senior_technician' });
    const [judge] = await makeJudges(t, ['JU']);
    await judgeToResults(t, day, judge, {
      practical: (i) => practical[i],
      theory: (i) => theory[i],
    });
    await request(t.url)
      .post(`/api/events/${day.eventId}/results/publish`)
      .set(day.chief.auth)
      .send({
        reason: '测试：缩短公示期',
        start: new Date(Date.now() - 60_000).toISOString(),
        end: new Date(Date.now() + 1_000).toISOString(),
      })
      .expect(200);
    await new Promise((r) => setTimeout(r, 1_500));
    await request(t.url)
      .post(`/api/events/${day.eventId}/results/finalize`)
      .set(day.organizer.auth)
      .expect(200);
    await request(t.url).post('/api/editions/1/grants/compute').set(day.organizer.auth).expect(200);
  });
  afterAll(() => t.close());

  async function cells(name: string): Promise<string[][]> {
    const res = await request(t.url)
      .get(`/api/editions/1/documents/${name}`)
      .set(day.organizer.auth)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as ArrayBuffer);
    return wb.worksheets.flatMap((ws) =>
      (ws.getSheetValues().slice(1) as unknown[][]).map((row) =>
        (row ?? []).slice(1).map((c) => (c === null || c === undefined ? '' : String(c))),
      ),
    );
  }

  it.each(['award-list.xlsx', 'payout-list.xlsx', 'upgrade-list.xlsx'])(
    '%s: every cell in Chinese, no internal code',
    async (name) => {
      const rows = await cells(name);
      expect(rows.length).toBeGreaterThan(1);
      expect(rows.flat().flatMap(problems)).toEqual([]);
    },
  );

  it('the award list cites the clause in words and says why there is no promotion', async () => {
    const rows = await cells('award-list.xlsx');
    const header = rows[0];
    const basis = header.indexOf('依据');
    const upgrade = header.indexOf('职业资格晋升');
    const status = header.indexOf('状态');
    const champion = rows.find((r) => r.includes('一等奖'))!;
    expect(champion[basis]).toContain('锡政发〔2015〕339号 第十七条');
    const top = rows.find((r) => r.includes('参赛者2'))!;
    expect(top[upgrade]).toBe('已是最高等级，不再晋升');
    expect(champion[status]).toBe('待审批');
    const upgrades = await cells('upgrade-list.xlsx');
    expect(upgrades.find((r) => r.includes('参赛者2'))).toContain('已是最高等级，不再晋升');
  });

  it('the entries list words statuses and check-in as the console does', async () => {
    const res = await request(t.url)
      .get('/api/editions/1/entries.xlsx')
      .set(day.organizer.auth)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as ArrayBuffer);
    const all = (wb.worksheets[0].getSheetValues().slice(1) as unknown[][]).flatMap((r) =>
      (r ?? []).slice(1).map((c) => String(c ?? '')),
    );
    expect(all.flatMap(problems)).toEqual([]);
    expect(all).toEqual(expect.arrayContaining(['已通过', '已检录', '职工组']));
  });

  it('the results sheet: marks with 2 decimals and the tie-break columns explain equal totals', async () => {
    const res = await request(t.url)
      .get(`/api/events/${day.eventId}/results/sheet`)
      .set(day.organizer.auth)
      .expect(200);
    const text = textOf(res.text);
    expect(problems(text)).toEqual([]);
    for (const head of ['实操成绩', '用时', '理论成绩', '总成绩']) {
      expect(text).toContain(head);
    }
    const rows = [...res.text.matchAll(/<tr>((?:<td>.*?<\/td>)+)<\/tr>/g)].map((m) =>
      [...m[1].matchAll(/<td>(.*?)<\/td>/g)].map((c) => c[1]),
    );
    expect(rows).toHaveLength(8);
    // Name, practical, theory, total of the first two: equal totals, told apart by practical.
    expect(rows.slice(0, 2).map((r) => [r[0], r[2], r[4], r[6], r[7]])).toEqual([
      ['1', '参赛者1', '92.00', '72.00', '86.00'],
      ['2', '参赛者0', '80.00', '100.00', '86.00'],
    ]);
    for (const r of rows) {
      expect(r[7]).toMatch(/^\d+\.\d{2}$/);
    }
  });

  it('the certificate addresses a worker as 同志 and names the group', async () => {
    const grants = (
      await request(t.url).get('/api/editions/1/grants').set(day.organizer.auth).expect(200)
    ).body as { id: number; prize: number | null }[];
    const first = grants.find((g) => g.prize === 1)!;
    const res = await request(t.url)
      .get(`/api/grants/${first.id}/certificate`)
      .set(day.organizer.auth)
      .expect(200);
    const text = textOf(res.text);
    expect(problems(text)).toEqual([]);
    expect(text).toMatch(/参赛者1\s+同志：/);
    expect(text).toContain('（职工组）');
  });

  it('the draw log names the person by display name, not username', async () => {
    const draws = (
      await request(t.url)
        .get(`/api/events/${day.eventId}/draws`)
        .set(day.organizer.auth)
        .expect(200)
    ).body as { drawnBy: string }[];
    expect(draws[0].drawnBy).toBe('测试组委会');
  });
});

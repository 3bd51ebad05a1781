/**
 * The chief judge's day in a real browser, each step through the pages and checked against the
 * API: build the scheme in the editor (validation as typed, reorder, .xlsx out and back in),
 * assign judges by name with their recusal shown, the encryption judge prints the sealed map,
 * then decryption with the supervisor signing in on the chief judge's screen.
 */
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { encryptedEvent, EncryptedEvent, JUDGE2_UNIT } from './day-prepare';
import {
  artifactPath,
  Browser,
  DEMO_PASSWORD,
  launchBrowser,
  requireBuilds,
  RunningServer,
  signIn,
  startServer,
} from './harness';
import { choose, fillAspect, pickJudge } from './page-steps';
import { api, login } from './prepare-event';

jest.setTimeout(120_000);

const EVENT = '电工(职工组)';

interface SchemeRead {
  modules: {
    id: number;
    code: string;
    name: string;
    aspects: { code: string; description: string; kind: string; max: number; step?: number }[];
  }[];
}

describe("chief judge's day (browser)", () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let day: EncryptedEvent;

  beforeAll(async () => {
    requireBuilds();
    server = await startServer();
    day = await encryptedEvent(server.baseUrl, EVENT);
    browser = await launchBrowser();
    page = browser.page;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const scheme = () =>
    api<SchemeRead>(server.baseUrl, 'GET', `/events/${day.eventId}/scheme`, day.chief.token);

  async function openChiefTab(tab: string): Promise<void> {
    await page.goto(`${server.baseUrl}/chief`);
    await page.getByTestId('chief-event').click();
    await page.getByRole('option', { name: EVENT }).click();
    await page.getByTestId('chief-tabs').getByText(tab, { exact: true }).click();
  }

  it('builds the scheme in the editor, checked as typed, and saves what the API then holds', async () => {
    await signIn(page, server.baseUrl, 'chief');
    await openChiefTab('评分标准');
    const editor = page.getByTestId('chief-scheme');
    await editor.getByTestId('scheme-empty').waitFor();
    await expect(editor.getByTestId('scheme-save').isDisabled()).resolves.toBe(true);

    await editor.getByTestId('add-module').click();
    const moduleA = editor.getByTestId('scheme-module-0');
    await moduleA.getByTestId('module-name').fill('线路安装');
    const a1 = moduleA.getByTestId('aspect-0-0');
    await fillAspect(a1, { description: '接线工艺', max: '60' });
    // Typed so far: no step, and the maxima add up to 60: both said beside their fields.
    await a1.getByText('步长须大于 0').waitFor();
    await editor.getByTestId('scheme-error').getByText('合计为 60，应为 100').waitFor();
    await expect(editor.getByTestId('scheme-save').isDisabled()).resolves.toBe(true);
    await a1.getByTestId('aspect-step').fill('0.7');
    await a1.getByText('满分须是步长的整数倍').waitFor();
    await a1.getByTestId('aspect-step').fill('0.5');
    await expect(a1.innerText()).resolves.not.toContain('步长须');

    await moduleA.getByTestId('add-aspect').click();
    const a2 = moduleA.getByTestId('aspect-0-1');
    await fillAspect(a2, { code: 'A1', description: '安全文明', max: '30', step: '1' });
    await a2.getByText('代码 A1 重复').waitFor();
    await a2.getByTestId('aspect-code').fill('A2');
    await choose(page, a2.getByTestId('aspect-kind'), '评价');
    await a2.getByTestId('aspect-spread').fill('2');

    await editor.getByTestId('add-module').click();
    const moduleB = editor.getByTestId('scheme-module-1');
    await moduleB.getByTestId('module-name').fill('故障排除');
    await fillAspect(moduleB.getByTestId('aspect-1-0'), {
      description: '故障定位',
      max: '10',
      step: '1',
    });
    await editor.getByTestId('scheme-total').getByText('100 / 100').waitFor();
    // Reorder: module B first.
    await moduleB.getByRole('button', { name: '↑' }).first().click();
    await expect(
      editor.getByTestId('scheme-module-0').getByTestId('module-name').inputValue(),
    ).resolves.toBe('故障排除');
    await expect(editor.getByTestId('scheme-save').isDisabled()).resolves.toBe(false);
    await page.screenshot({ path: artifactPath('day-01-scheme-editor.png'), fullPage: true });
    await editor.getByTestId('scheme-save').click();
    await page.getByText('评分标准已保存').waitFor();

    const saved = await scheme();
    expect(saved.modules.map((m) => [m.code, m.name])).toEqual([
      ['B', '故障排除'],
      ['A', '线路安装'],
    ]);
    expect(saved.modules.map((m) => m.aspects.map((a) => [a.code, a.kind, a.max, a.step]))).toEqual(
      [
        [['B1', 'measurement', 10, 1]],
        [
          ['A1', 'measurement', 60, 0.5],
          ['A2', 'judgement', 30, 1],
        ],
      ],
    );
    expect(browser.pageErrors).toEqual([]);
  });

  it('exports the scheme as .xlsx and reads an edited copy back in', async () => {
    const editor = page.getByTestId('chief-scheme');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      editor.getByTestId('scheme-export').click(),
    ]);
    const file = artifactPath(`day-scheme-${randomUUID().slice(0, 6)}.xlsx`);
    await download.saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.worksheets[0];
    expect(ws.rowCount).toBe(4);
    const descriptionColumn = (ws.getRow(1).values as unknown[]).indexOf('评分项描述');
    ws.getRow(2).getCell(descriptionColumn).value = '故障定位与排除';
    await wb.xlsx.writeFile(file);
    await editor.getByTestId('scheme-file').setInputFiles(file);
    await page.getByText('已从表格导入评分标准').waitFor();
    await expect(
      editor.getByTestId('scheme-module-0').getByTestId('aspect-description').first().inputValue(),
    ).resolves.toBe('故障定位与排除');
    const saved = await scheme();
    expect(saved.modules[0].aspects[0].description).toBe('故障定位与排除');
    expect(saved.modules.flatMap((m) => m.aspects)).toHaveLength(3);
  });

  it('assigns judges by name; the own-unit conflict is shown before saving', async () => {
    await openChiefTab('裁判分配');
    const panel = page.getByTestId('chief-assignments');
    for (const code of ['B', 'A']) {
      const select = panel.getByTestId(`assign-select-${code}`);
      await pickJudge(page, select, '王强', '评分裁判 王强');
      const chen = await pickJudge(page, select, JUDGE2_UNIT.slice(0, 4), '评分裁判 陈刚');
      expect(chen).toContain('回避 2 名本单位选手');
    }
    await panel.getByTestId('assign-conflicts').first().getByText('与 2 名选手同单位').waitFor();
    await page.screenshot({ path: artifactPath('day-02-assign-by-name.png'), fullPage: true });
    await panel.getByTestId('assign-save').click();
    await page.getByText('分配已保存').waitFor();

    const judge1 = await login(server.baseUrl, 'judge1');
    const judge2 = await login(server.baseUrl, 'judge2');
    const overview = await api<
      { code: string; judges: { judgeId: number; recusedPieces: number }[] }[]
    >(server.baseUrl, 'GET', `/events/${day.eventId}/assignments`, day.chief.token);
    for (const m of overview) {
      expect(m.judges.map((j) => [j.judgeId, j.recusedPieces]).sort()).toEqual(
        [
          [judge1.userId, 0],
          [judge2.userId, 2],
        ].sort(),
      );
    }
    expect(browser.pageErrors).toEqual([]);
  });

  it('lets the encryption judge, and only them, print the sealed code map', async () => {
    await page.goto(`${server.baseUrl}/print/code-map/${day.eventId}`);
    await page.waitForURL('**/403**');
    await page.getByTestId('logout').click();
    await page.waitForURL('**/login');
    await signIn(page, server.baseUrl, 'encryptor');
    await page.goto(`${server.baseUrl}/print/code-map/${day.eventId}`);
    const table = page.getByTestId('code-map-print-table');
    await table.waitFor();
    await expect(table.locator('tbody tr').count()).resolves.toBe(day.contestants);
    const map = await api<{ workpieceCode: string }[]>(
      server.baseUrl,
      'GET',
      `/events/${day.eventId}/code-map`,
      day.encryptor.token,
    );
    for (const row of map) {
      await table.getByText(row.workpieceCode).waitFor();
    }
    await expect(page.locator('body').innerText()).resolves.not.toContain('电工选手');
    await page.screenshot({ path: artifactPath('day-03-code-map-print.png'), fullPage: true });
  });

  it('imports theory scores after a dry run that lists row errors, and takes times in a grid', async () => {
    await page.getByTestId('logout').click();
    await page.waitForURL('**/login');
    await signIn(page, server.baseUrl, 'chief');
    await openChiefTab('理论与用时');
    const panel = page.getByTestId('chief-theory');
    const map = await api<{ checkInCode: string; workpieceCode: string }[]>(
      server.baseUrl,
      'GET',
      `/events/${day.eventId}/code-map`,
      day.encryptor.token,
    );
    const bad = artifactPath('day-theory-bad.csv');
    writeFileSync(
      bad,
      ['检录号,理论成绩', 'NOPE9,80', `${map[1].checkInCode},75`, 'NOPE8,70'].join('\n'),
    );
    await panel.getByTestId('theory-file').setInputFiles(bad);
    await panel.getByTestId('theory-row-errors').getByText('校验发现 2 处错误').waitFor();
    const errors = panel.getByTestId('import-errors');
    await expect(errors.getByText('本赛项没有该检录号').count()).resolves.toBe(2);
    await expect(panel.getByTestId('theory-import-run').isDisabled()).resolves.toBe(true);
    await page.screenshot({ path: artifactPath('day-04-theory-dry-run.png'), fullPage: true });

    const theoryOf = (i: number) => 60 + i * 5;
    const good = artifactPath('day-theory.csv');
    writeFileSync(
      good,
      ['检录号,理论成绩', ...map.map((r, i) => `${r.checkInCode},${theoryOf(i)}`)].join('\n'),
    );
    await panel.getByTestId('theory-file').setInputFiles(good);
    await panel.getByTestId('theory-checked').waitFor();
    let scores = await api<{ workpieceCode: string; theory: number | null }[]>(
      server.baseUrl,
      'GET',
      `/events/${day.eventId}/scores`,
      day.chief.token,
    );
    expect(scores.every((r) => r.theory === null)).toBe(true);
    await panel.getByTestId('theory-import-run').click();
    await page.getByText(`已导入 ${map.length} 条理论成绩`).waitFor();
    scores = await api(server.baseUrl, 'GET', `/events/${day.eventId}/scores`, day.chief.token);
    expect(Object.fromEntries(scores.map((r) => [r.workpieceCode, r.theory]))).toEqual(
      Object.fromEntries(map.map((r, i) => [r.workpieceCode, theoryOf(i)])),
    );

    const grid = panel.getByTestId('times-grid');
    await grid.getByTestId(`time-${map[1].workpieceCode}`).fill('abc');
    await grid.getByText('格式为 分:秒').waitFor();
    await grid.getByTestId(`time-${map[1].workpieceCode}`).fill('');
    await grid.getByTestId(`time-${map[0].workpieceCode}`).fill('95:30');
    await grid.getByTestId('times-save').click();
    await page.getByText('已保存 1 条用时').waitFor();
    const timed = await api<{ workpieceCode: string; timeUsedSeconds: number | null }[]>(
      server.baseUrl,
      'GET',
      `/events/${day.eventId}/scores`,
      day.chief.token,
    );
    expect(timed.find((r) => r.workpieceCode === map[0].workpieceCode)?.timeUsedSeconds).toBe(
      95 * 60 + 30,
    );
    expect(timed.filter((r) => r.timeUsedSeconds !== null)).toHaveLength(1);
    expect(browser.pageErrors).toEqual([]);
  });

  it('decrypts once the supervisor signs in on the same screen; wrong people are refused beside the field', async () => {
    // Marking and the lock are other pages' tests: here they go over the API.
    for (const username of ['judge1', 'judge2']) {
      const judge = await login(server.baseUrl, username);
      const tasks = await api<
        {
          moduleId: number;
          eventId: number;
          workpieceCodes: string[];
          aspects: { id: number; max: number }[];
        }[]
      >(server.baseUrl, 'GET', '/judge/tasks', judge.token);
      for (const task of tasks.filter((x) => x.eventId === day.eventId)) {
        const marks = task.workpieceCodes.flatMap((workpieceCode) =>
          task.aspects.map((a) => ({
            clientId: randomUUID(),
            workpieceCode,
            aspectId: a.id,
            value: a.max,
          })),
        );
        await api(server.baseUrl, 'POST', '/judge/marks/batch', judge.token, { marks });
        await api(server.baseUrl, 'POST', `/judge/modules/${task.moduleId}/sign`, judge.token);
      }
    }
    for (const m of (await scheme()).modules) {
      await api(server.baseUrl, 'POST', `/modules/${m.id}/lock`, day.chief.token);
    }

    await openChiefTab('解密');
    const panel = page.getByTestId('chief-decrypt');
    await panel.getByTestId('decrypt-open').click();
    const form = panel.getByTestId('decrypt-form');
    await form.getByTestId('decrypt-username').fill('supervisor');
    await form.getByTestId('decrypt-password').fill('not-the-password');
    await form.getByTestId('decrypt-confirm').click();
    await form.getByText('监督仲裁的用户名或密码错误').waitFor();
    await form.getByTestId('decrypt-username').fill('organizer');
    await form.getByTestId('decrypt-password').fill(DEMO_PASSWORD);
    await form.getByTestId('decrypt-confirm').click();
    await form.getByText('该账号不是监督仲裁').waitFor();
    let event = await api<{ decryptedAt: string | null }>(
      server.baseUrl,
      'GET',
      `/events/${day.eventId}`,
      day.chief.token,
    );
    expect(event.decryptedAt).toBeNull();

    await form.getByTestId('decrypt-username').fill('supervisor');
    await form.getByTestId('decrypt-password').fill(DEMO_PASSWORD);
    await page.screenshot({ path: artifactPath('day-05-decrypt-sign-in.png'), fullPage: true });
    await form.getByTestId('decrypt-confirm').click();
    const done = panel.getByTestId('decrypt-done');
    await done.waitFor();
    await expect(done.innerText()).resolves.toContain('监督仲裁 刘洋');
    await expect(done.innerText()).resolves.toContain('裁判长 张华');
    event = await api<{ decryptedAt: string | null; decryptedBy: string }>(
      server.baseUrl,
      'GET',
      `/events/${day.eventId}`,
      day.chief.token,
    );
    expect(event.decryptedAt).not.toBeNull();
    await page.screenshot({ path: artifactPath('day-06-decrypted.png'), fullPage: true });
    expect(browser.pageErrors).toEqual([]);
  });

  it("shows organizers the marking progress per module and each judge's signature, read-only", async () => {
    await page.getByTestId('logout').click();
    await page.waitForURL('**/login');
    await signIn(page, server.baseUrl, 'organizer');
    const [edition] = await api<{ id: number }[]>(
      server.baseUrl,
      'GET',
      '/editions',
      day.organizer.token,
    );
    await page.goto(`${server.baseUrl}/admin/editions/${edition.id}/progress?event=${day.eventId}`);
    const view = page.getByTestId('organizer-progress');
    const progress = await api<{ code: string; entered: number; expected: number }[]>(
      server.baseUrl,
      'GET',
      `/events/${day.eventId}/progress`,
      day.organizer.token,
    );
    for (const m of progress) {
      await view
        .getByTestId(`progress-${m.code}`)
        .getByText(`已评 ${m.entered} / ${m.expected}`)
        .waitFor();
      await view.getByTestId(`progress-judges-${m.code}`).getByText('评分裁判 陈刚').waitFor();
    }
    await expect(view.getByTestId('lock').count()).resolves.toBe(0);
    await expect(view.getByTestId('unlock').count()).resolves.toBe(0);
    await page.screenshot({ path: artifactPath('day-07-organizer-progress.png'), fullPage: true });
    expect(browser.pageErrors).toEqual([]);
  });
});

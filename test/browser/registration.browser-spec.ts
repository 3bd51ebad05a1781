/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * Registration day in a real browser against the built server: the organizer imports a sheet
 * (dry run with row errors, then a clean sheet committed), approves the entries, draws the
 * workstations and checks one contestant in.
 */
import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { idCheckCharacter } from '../../src/domain/id-number';
import {
  artifactPath,
  Browser,
  launchBrowser,
  requireBuilds,
  RunningServer,
  signIn,
  startServer,
} from './harness';
import { pageProblems } from './zh-check';

jest.setTimeout(60_000);

const DEMO_EDITION = '第七届无锡技能精英大赛';
const HEADERS = [
  '赛项(职业/工种)',
  '组别',
  '姓名',
  '身份证号',
  '手机号',
  '工作单位/学校',
  '推荐单位',
  '现职业资格(职业)',
  '现职业资格等级',
  '证书编号',
  '已获称号',
  '团队号',
];
const ROWS = 30;
/** Data rows (0-based) made faulty in the first sheet; the sheet shows them as index + 2. */
const FAULTY = [3, 10, 19];
const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧';

/** A valid ID number of a Wuxi (320211) man born in 1990. */
function idNumber(i: number): string {
  const body = `3202111990${String((i % 12) + 1).padStart(2, '0')}${String((i % 27) + 1).padStart(2, '0')}${String(100 + i * 2 + 1).padStart(3, '0')}`;
  return body + idCheckCharacter(body);
}

function wrongCheck(id: string): string {
  const last = id.slice(-1);
  return id.slice(0, 17) + (last === '0' ? '1' : '0');
}

async function writeSheet(path: string, faulty: boolean): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('报名表');
  sheet.addRow(HEADERS);
  for (let i = 0; i < ROWS; i += 1) {
    const row = [
      '数控车工',
      '职工组',
      `${SURNAMES[i]}师傅`,
      idNumber(i),
      `1390000${String(1000 + i)}`,
      '无锡机床厂',
      i % 2 === 0 ? '无锡市总工会' : '无锡市锡山区人社局',
      '数控车工',
      '高级工',
      `17320000${String(10000 + i)}`,
      '',
      '',
    ];
    if (faulty && i === FAULTY[0]) {
      row[3] = wrongCheck(String(row[3]));
    }
    if (faulty && i === FAULTY[1]) {
      row[2] = '';
    }
    if (faulty && i === FAULTY[2]) {
      row[1] = '工人组';
    }
    sheet.addRow(row);
  }
  await workbook.xlsx.writeFile(path);
}

describe('registration day (browser)', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let dir: string;

  beforeAll(async () => {
    requireBuilds();
    dir = mkdtempSync(join(tmpdir(), 'wuxi-import-'));
    await Promise.all([
      writeSheet(join(dir, 'faulty.xlsx'), true),
      writeSheet(join(dir, 'fixed.xlsx'), false),
    ]);
    // TEST_CLIENT_DIST: a private client build, when others rebuild client/dist meanwhile.
    const clientDist = process.env.TEST_CLIENT_DIST;
    server = await startServer(clientDist ? { CLIENT_DIST: clientDist } : {});
    browser = await launchBrowser();
    page = browser.page;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (dir) {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  /** Records every status the import progress bar shows from now on. */
  async function watchProgress(): Promise<void> {
    await page.evaluate(`(() => {
      window.__seen = [];
      const record = () => {
        const bar = document.querySelector('[data-testid="import-progress"]');
        const status = bar && bar.getAttribute('data-status');
        if (status && window.__seen[window.__seen.length - 1] !== status) {
          window.__seen.push(status);
        }
      };
      window.__observer?.disconnect();
      window.__observer = new MutationObserver(record);
      window.__observer.observe(document.body, { subtree: true, childList: true, attributes: true });
    })()`);
  }

  const seenStatuses = () => page.evaluate('window.__seen') as Promise<string[]>;

  it('lists exactly the faulty rows of a dry run, with the progress bar shown', async () => {
    await signIn(page, server.baseUrl, 'organizer');
    await page.waitForURL('**/admin/editions');
    await page.getByTestId('editions-table').getByText(DEMO_EDITION).click();
    await page.waitForURL(/\/admin\/editions\/\d+$/);
    await page.getByTestId('menu-import').click();
    await page.waitForURL(/\/import$/);

    await watchProgress();
    await page.getByTestId('import-file').setInputFiles(join(dir, 'faulty.xlsx'));
    await page.getByTestId('import-progress').waitFor();
    const errors = page.getByTestId('import-errors');
    await errors.waitFor();
    // The bar was on screen while the job was still running.
    expect(await seenStatuses()).toContain('validating');
    const rows = await errors.locator('tbody tr td:first-child').allInnerTexts();
    expect([...new Set(rows.map((r) => Number(r.trim())))].sort((a, b) => a - b)).toEqual(
      FAULTY.map((i) => i + 2),
    );
    // 说明 words code + params in Chinese; no 代码 column, no English sentence.
    const text = await errors.innerText();
    expect(text).toContain('身份证号校验位不正确');
    expect(text).toContain('必填项为空：姓名');
    expect(text).toContain('组别无法识别');
    expect(await pageProblems(page)).toEqual({ seen: expect.any(Number), foreign: [] });
    expect(await page.getByTestId('import-commit').isDisabled()).toBe(true);
    await page.waitForTimeout(700); // the bar's width transition
    await page.screenshot({ path: artifactPath('import-errors.png'), fullPage: true });
  });

  it('commits a clean sheet and shows its entries', async () => {
    await page.getByTestId('import-file').setInputFiles(join(dir, 'fixed.xlsx'));
    await page.getByTestId('import-progress').waitFor();
    await page.getByTestId('import-clean').waitFor();
    await watchProgress();
    await page.getByTestId('import-commit').click();
    const summary = page.getByTestId('import-summary');
    await summary.waitFor();
    expect(await seenStatuses()).toContain('committing');
    expect(await summary.innerText()).toContain(`新增 ${ROWS} 条报名`);

    await page.getByTestId('menu-entries').click();
    await page.waitForURL(/\/entries$/);
    const table = page.getByTestId('entries-table');
    await table.getByText(`${SURNAMES[0]}师傅`).waitFor();
    expect(await table.locator('tbody tr').count()).toBe(ROWS);
    expect(await page.getByTestId('entries-count').innerText()).toContain(`共 ${ROWS} 条`);
  });

  it('approves every entry in one bulk review', async () => {
    const table = page.getByTestId('entries-table');
    await table.locator('thead .el-checkbox').click();
    await page.getByText(`已选 ${ROWS} 项`).waitFor();
    await page.getByTestId('review-approve').click();
    await page.locator('.el-message--success').waitFor();
    await page.waitForFunction(
      (n) =>
        [...document.querySelectorAll('[data-testid="entry-status"]')].filter(
          (e) => e.textContent?.trim() === '已通过',
        ).length === n,
      ROWS,
    );
    expect(await pageProblems(page)).toEqual({ seen: expect.any(Number), foreign: [] });
  });

  it('draws the workstations and shows the big grid', async () => {
    await page.getByTestId('menu-draw').click();
    await page.waitForURL(/\/draw/);
    // The first event of the edition is chosen when the URL names none.
    await page.getByTestId('event-picker').getByText('数控车工(职工组)').waitFor();
    // The draw fixes the workstations: it asks first, and a cancel draws nothing.
    await page.getByTestId('draw-button').click();
    const box = page.locator('.el-message-box');
    expect(await box.innerText()).toContain('为「数控车工(职工组)」抽签？');
    await box.getByRole('button', { name: '取消' }).click();
    await box.waitFor({ state: 'hidden' });
    await page.getByTestId('draw-empty').waitFor();
    await page.getByTestId('draw-button').click();
    await box.getByRole('button', { name: '确认' }).click();
    await page.getByTestId('draw-grid').waitFor();
    expect(await page.getByTestId('draw-cell').count()).toBe(ROWS);
    const numbers = (await page.getByTestId('draw-cell').locator('.ws').allInnerTexts()).map(
      Number,
    );
    expect(numbers).toEqual(Array.from({ length: ROWS }, (_, i) => i + 1));
    await page.getByTestId('draw-verified').first().waitFor();
    expect(await page.getByTestId('draw-verified').allInnerTexts()).toEqual(['✓']);
    await page.screenshot({ path: artifactPath('draw.png'), fullPage: true });
  });

  it('checks one contestant in by entry number', async () => {
    await page.getByTestId('menu-check-in').click();
    await page.waitForURL(/\/check-in/);
    const roster = page.getByTestId('roster');
    await roster.locator('tbody tr').first().waitFor();
    expect(await roster.locator('tbody tr').count()).toBe(ROWS);
    const first = roster.locator('tbody tr').first();
    const entryNo = (await first.locator('td').nth(1).innerText()).trim();
    expect(entryNo).toMatch(/^2025-\d+-\d+$/);

    await page.getByTestId('check-in-input').fill(entryNo);
    await page.getByTestId('check-in-present').click();
    await first.getByText('已检录').waitFor();
    const counts = await page.getByTestId('check-in-counts').innerText();
    expect(counts.replace(/\s+/g, ' ')).toContain('已检录 1');
    expect(counts.replace(/\s+/g, ' ')).toContain(`待检录 ${ROWS - 1}`);
    await page.screenshot({ path: artifactPath('check-in.png'), fullPage: true });
  });

  it('shows every failed eligibility rule of a single entry', async () => {
    await page.getByTestId('menu-entries').click();
    await page.waitForURL(/\/entries$/);
    await page.getByTestId('new-entry').click();
    const form = page.getByTestId('entry-form');
    await form.waitFor();
    await page.getByTestId('entry-event').click();
    await page
      .locator('.el-select-dropdown__item:visible', { hasText: '汽车维修工(学生组)' })
      .click();
    // The group follows the event (学生组); declaring 职工组 breaks the group rule.
    await form.getByText('职工组').click();
    // The person already entered 数控车工: one event per edition.
    await page.getByTestId('entry-name').fill(`${SURNAMES[0]}师傅`);
    await page.getByTestId('entry-unit').click();
    await page.locator('.el-select-dropdown__item:visible', { hasText: '无锡市总工会' }).click();
    // A mistyped ID number first: the dialog says so in Chinese.
    await page.getByTestId('entry-id-number').fill(wrongCheck(idNumber(0)));
    await page.getByTestId('entry-save').click();
    await page.locator('[data-testid="entry-error"], .el-form-item__error').first().waitFor();
    const badId = await pageProblems(page);
    expect(badId.foreign).toEqual([]);
    expect(
      await page.locator('[data-testid="entry-error"], .el-form-item__error').first().innerText(),
    ).toMatch(/身份证号/);
    await page.getByTestId('entry-id-number').fill(idNumber(0));
    await page.getByTestId('entry-save').click();
    const failures = page.getByTestId('entry-failures');
    await failures.waitFor();
    expect(await page.getByTestId('entry-error').innerText()).toContain('不符合参赛资格');
    const rules = await failures
      .locator('li')
      .evaluateAll((items) => items.map((i) => i.getAttribute('data-rule')));
    expect(rules.sort()).toEqual(['group', 'one-per-edition']);
    expect(await failures.innerText()).toContain('每届只能报名一个赛项');
    const problems = await pageProblems(page);
    expect(problems.seen).toBeGreaterThan(3);
    expect(problems.foreign).toEqual([]);
    await page.getByTestId('entry-error').scrollIntoViewIfNeeded();
    await page.screenshot({ path: artifactPath('entry-ineligible.png') });
    await form.press('Escape');
    await form.waitFor({ state: 'hidden' });
  });

  it("saves an event's eligibility rules from the events table", async () => {
    await page.getByTestId('menu-events').click();
    const row = page.getByTestId('events-table').locator('tr', { hasText: '焊工(职工组)' });
    await row.getByText('资格条件').click();
    const form = page.getByTestId('eligibility-form');
    await form.waitFor();
    const minAge = form.locator('.el-input-number').first().locator('input');
    await minAge.fill('18');
    await minAge.blur();
    await page.getByTestId('eligibility-save').click();
    await form.waitFor({ state: 'hidden' });
    const eligibility = await page.evaluate(`(async () => {
      const token = JSON.parse(localStorage.getItem('wuxi-skills.session')).accessToken;
      const events = await (
        await fetch('/api/editions/1/events', { headers: { Authorization: 'Bearer ' + token } })
      ).json();
      return events.find((e) => e.name === '焊工(职工组)').eligibility;
    })()`);
    expect(eligibility).toMatchObject({ minAge: 18, onePerEdition: true });
  });

  it('lets the encryption judge generate the sealed codes, and keeps them sealed for others', async () => {
    // Everyone else is marked absent through the API, as the check-in desk would.
    const editionEvents = (await page.evaluate(`(async () => {
      const token = JSON.parse(localStorage.getItem('wuxi-skills.session')).accessToken;
      const headers = { Authorization: 'Bearer ' + token, 'Content-Type': 'application/json' };
      const events = await (await fetch('/api/editions/1/events', { headers })).json();
      const event = events.find((e) => e.name === '数控车工(职工组)');
      const roster = await (await fetch('/api/events/' + event.id + '/roster', { headers })).json();
      for (const entry of roster.filter((e) => !e.checkInStatus)) {
        await fetch('/api/events/' + event.id + '/check-in', {
          method: 'POST', headers, body: JSON.stringify({ entryNo: entry.entryNo, status: 'absent' }),
        });
      }
      return event.id;
    })()`)) as number;

    // No codes yet: the page says so, not 已封存 (there is nothing sealed).
    await page.getByTestId('menu-codes').click();
    await page.getByTestId('codes-not-generated').waitFor();
    expect(await page.getByTestId('codes-sealed').count()).toBe(0);

    await page.getByTestId('logout').click();
    await page.waitForURL('**/login');
    await signIn(page, server.baseUrl, 'encryptor');
    await page.waitForURL('**/desk');
    await page.getByTestId('desk-home').getByText('数控车工(职工组)').waitFor();
    await page.goto(`${server.baseUrl}/desk/editions/1/codes?event=${editionEvents}`);
    await page.getByTestId('codes-generate').click();
    await page.locator('.el-message-box').getByRole('button', { name: '确认' }).click();
    const map = page.getByTestId('code-map');
    await map.locator('tbody tr').first().waitFor();
    expect(await map.locator('tbody tr').count()).toBeGreaterThan(0);
    await page.locator('.el-message-box').waitFor({ state: 'hidden' });
    await page.screenshot({ path: artifactPath('codes.png'), fullPage: true });

    // Now there are codes, the organizer sees them sealed.
    await signIn(page, server.baseUrl, 'organizer');
    await page.goto(`${server.baseUrl}/admin/editions/1/codes?event=${editionEvents}`);
    await page.getByTestId('codes-sealed').waitFor();
    expect(await page.getByTestId('codes-not-generated').count()).toBe(0);
  });

  it('raised no uncaught errors in the page along the way', () => {
    expect(browser.pageErrors).toEqual([]);
  });
});

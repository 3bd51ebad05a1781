/**
 * The judge's tablet offline: open /judge once online (the service worker installs, the tasks
 * load), go offline, enter 10 marks on the numeric pad, reload while still offline (the app and
 * the queue come back from the service worker cache and IndexedDB), go online and watch the
 * queue drain; the server then holds exactly those 10 marks.
 */
import type { Page } from 'playwright-core';
import {
  artifactPath,
  Browser,
  launchBrowser,
  requireBuilds,
  RunningServer,
  signIn,
  startServer,
} from './harness';
import { api, prepareEvent, PreparedEvent } from './prepare-event';

jest.setTimeout(120_000);

interface TaskMarks {
  moduleId: number;
  marks: { aspectId: number; workpieceCode: string; value: number; version: number }[];
}

describe('judge tablet offline (browser)', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let prepared: PreparedEvent;

  beforeAll(async () => {
    requireBuilds();
    server = await startServer();
    prepared = await prepareEvent(server.baseUrl, 5);
    browser = await launchBrowser();
    page = browser.page;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const pending = () => page.getByTestId('sync-pending');

  /** Every asset the page loaded is in the service worker's cache. */
  async function shellCached(): Promise<boolean> {
    // A string, since this file is type-checked without the DOM library.
    return page.evaluate<boolean>(`(async () => {
      if (!navigator.serviceWorker.controller) {
        return false;
      }
      const cache = await caches.open('wuxi-shell-v1');
      const cached = new Set((await cache.keys()).map((r) => new URL(r.url).pathname));
      const loaded = performance
        .getEntriesByType('resource')
        .map((e) => new URL(e.name).pathname)
        .filter((p) => p.startsWith('/assets/'));
      return cached.has('/index.html') && loaded.every((p) => cached.has(p));
    })()`);
  }

  /** Selects the cell, types on the docked pad and confirms: the pad moves on to another cell. */
  async function enter(code: string, aspect: string, value: string, shot?: string): Promise<void> {
    await page.getByTestId(`cell-${code}-${aspect}`).click();
    const target = page.locator(`[data-testid="pad-target"][data-cell="${code}:${aspect}"]`);
    await target.waitFor();
    for (const key of value) {
      await page.getByTestId(`numpad-key-${key === '.' ? 'dot' : key}`).click();
    }
    if (shot) {
      await page.screenshot({ path: artifactPath(shot) });
    }
    await page.getByTestId('numpad-ok').click();
    await target.waitFor({ state: 'detached' });
  }

  it('keeps 10 marks entered offline across a reload and sends them when back online', async () => {
    await signIn(page, server.baseUrl, 'judge1');
    await page.waitForURL('**/judge');
    const { workpieceCodes, aspectCodes } = prepared;
    await page.getByTestId(`cell-${workpieceCodes[0]}-${aspectCodes[0]}`).waitFor();
    // No way from the judge's pages to the public board (issue #13 item 3).
    expect(await page.locator('a[href^="/live"]').count()).toBe(0);
    await page.getByTestId('sync-online').waitFor();

    // The service worker controls the page and has cached the shell and every loaded asset.
    const deadline = Date.now() + 20_000;
    while (!(await shellCached())) {
      if (Date.now() > deadline) {
        throw new Error('the service worker did not cache the app shell');
      }
      await page.waitForTimeout(250);
    }

    await browser.context.setOffline(true);
    await page.getByTestId('sync-offline').waitFor();

    const values: Record<string, number> = {};
    let n = 0;
    for (const code of workpieceCodes) {
      for (const aspect of aspectCodes) {
        const value = String(30 + (n % 7) * 2.5);
        await enter(code, aspect, value, n === 9 ? 'judge-numpad.png' : undefined);
        values[`${code}:${aspect}`] = Number(value);
        n += 1;
      }
    }
    expect(n).toBe(10);
    await expect(pending().innerText()).resolves.toBe('10 条待发送');

    // Reload without network: the service worker serves the shell, IndexedDB the sheet. The
    // worker's own network attempt fails (offline emulation covers it too), so the page really
    // comes from its cache.
    const failedInWorker: string[] = [];
    browser.context.on('requestfailed', (r) => {
      if (r.serviceWorker()) {
        failedInWorker.push(new URL(r.url()).pathname);
      }
    });
    const navigation = await page.reload();
    expect(navigation?.status()).toBe(200);
    expect(navigation?.fromServiceWorker()).toBe(true);
    expect(failedInWorker).toContain('/judge');
    await page.getByTestId(`cell-${workpieceCodes[4]}-${aspectCodes[1]}`).waitFor();
    await expect(pending().innerText()).resolves.toBe('10 条待发送');
    await expect(
      page
        .getByTestId(`cell-${workpieceCodes[0]}-${aspectCodes[0]}`)
        .locator('.cell-value')
        .innerText(),
    ).resolves.toBe(String(values[`${workpieceCodes[0]}:${aspectCodes[0]}`]));

    await browser.context.setOffline(false);
    await page
      .getByTestId('sync-pending')
      .filter({ hasText: /^\s*0 条待发送\s*$/ })
      .waitFor({ timeout: 45_000 });
    await page.getByTestId('sync-online').waitFor();
    await page.waitForTimeout(500); // let the tag and button colour transitions finish
    await page.screenshot({ path: artifactPath('judge-tablet.png'), fullPage: true });

    // The tablet's own store (IndexedDB) holds the 10 marks as synced, none still queued.
    const stored = await page.evaluate<Record<string, number>>(`new Promise((resolve, reject) => {
      const open = indexedDB.open('wuxi-judge');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const all = open.result.transaction('marks').objectStore('marks').getAll();
        all.onsuccess = () => {
          const counts = {};
          for (const m of all.result) counts[m.state] = (counts[m.state] || 0) + 1;
          resolve(counts);
        };
      };
    })`);
    expect(stored).toEqual({ synced: 10 });

    const tasks = await api<TaskMarks[]>(
      server.baseUrl,
      'GET',
      '/judge/tasks',
      prepared.judge1.token,
    );
    const marks = tasks.find((t) => t.moduleId === prepared.moduleId)?.marks ?? [];
    expect(marks).toHaveLength(10);
    for (const mark of marks) {
      expect(mark.version).toBe(1);
    }
    const scheme = await api<{ modules: { aspects: { id: number; code: string }[] }[] }>(
      server.baseUrl,
      'GET',
      `/events/${prepared.eventId}/scheme`,
      prepared.chief.token,
    );
    const codeOf = new Map(scheme.modules[0].aspects.map((a) => [a.id, a.code]));
    const onServer = Object.fromEntries(
      marks.map((m) => [`${m.workpieceCode}:${codeOf.get(m.aspectId)}`, m.value]),
    );
    expect(onServer).toEqual(values);
    expect(browser.pageErrors).toEqual([]);
  });
  it('shows the chief judge the progress, refuses a lock before sign-off, then locks and unlocks', async () => {
    await page.getByTestId('logout').click();
    await page.waitForURL('**/login');
    await signIn(page, server.baseUrl, 'chief');
    await page.waitForURL('**/chief');
    await page.getByTestId('chief-event').click();
    await page.getByRole('option', { name: '数控车工(职工组)' }).click();
    const card = page.getByTestId('progress-A');
    await card.getByText('已评 10 / 10').waitFor();

    // judge1 has not signed: MODULE_NOT_READY with its details.
    await card.getByTestId('lock').click();
    await page.locator('.el-message-box__btns .el-button--primary').click();
    const notReady = page.getByTestId('not-ready');
    await notReady.waitFor();
    await expect(notReady.innerText()).resolves.toContain('未签字: 1');

    await api(
      server.baseUrl,
      'POST',
      `/judge/modules/${prepared.moduleId}/sign`,
      prepared.judge1.token,
    );
    // The banner follows the progress under it: signed now, nothing stands in the way, it goes.
    await card.getByText('已签字 1 / 1').waitFor({ timeout: 15_000 });
    await notReady.waitFor({ state: 'detached', timeout: 1_000 });
    await card.getByTestId('lock').click();
    await page.locator('.el-message-box__btns .el-button--primary').click();
    await card.getByTestId('unlock').waitFor();
    await expect(card.innerText()).resolves.toContain('已锁定');
    await page.waitForTimeout(300);
    await page.screenshot({ path: artifactPath('chief-progress.png'), fullPage: true });

    await card.getByTestId('unlock').click();
    await page.locator('.el-message-box input').fill('复核发现录入错误');
    await page.locator('.el-message-box__btns .el-button--primary').click();
    await card.getByTestId('lock').waitFor();

    // The other tabs: scheme, assignment (recusal overview), flags, recheck list.
    const tabs = page.getByTestId('chief-tabs');
    await tabs.getByText('评分标准').click();
    // The scheme loads after the tab opens: wait for the text rather than read it at once.
    await page.getByTestId('chief-scheme').getByText('工艺合理性').first().waitFor();
    await tabs.getByText('裁判分配').click();
    const assignments = page.getByTestId('chief-assignments');
    await assignments.getByText('评分裁判 王强').first().waitFor();
    await tabs.getByText('分差预警').click();
    await page.getByTestId('chief-flags').getByText('暂无分差预警').waitFor();
    await tabs.getByText('复核').click();
    await page.getByTestId('recheck-run').click();
    await page.getByTestId('chief-recheck').locator('.el-card').first().waitFor();
    await page.waitForTimeout(400); // the tags zoom in
    await page.screenshot({ path: artifactPath('chief-recheck.png'), fullPage: true });
    expect(browser.pageErrors).toEqual([]);
  });
  it('shows a version conflict on the cell and lets the judge keep their own value', async () => {
    // The chief unlocked the module above, which reopens judge1's sheet.
    await page.getByTestId('logout').click();
    await page.waitForURL('**/login');
    await signIn(page, server.baseUrl, 'judge1');
    await page.waitForURL('**/judge');
    const [code] = prepared.workpieceCodes;
    const aspect = prepared.aspectCodes[0];
    const cell = page.getByTestId(`cell-${code}-${aspect}`);
    await cell.waitFor();
    const before = await api<TaskMarks[]>(
      server.baseUrl,
      'GET',
      '/judge/tasks',
      prepared.judge1.token,
    );
    const mark = before[0].marks.find((m) => m.workpieceCode === code && m.value === 30)!;

    // Offline, the judge edits the mark (queued with baseVersion 1) ...
    await browser.context.setOffline(true);
    await page.getByTestId('sync-offline').waitFor();
    await enter(code, aspect, '20');
    await expect(pending().innerText()).resolves.toBe('1 条待发送');
    // ... while the same mark changes on the server (another tablet of the same judge).
    await api(server.baseUrl, 'POST', '/judge/marks', prepared.judge1.token, {
      clientId: 'other-tablet-0001',
      workpieceCode: code,
      aspectId: mark.aspectId,
      value: 25,
      baseVersion: mark.version,
    });
    await browser.context.setOffline(false);
    await page.locator(`[data-testid="cell-${code}-${aspect}"].conflict`).waitFor();
    await cell.click();
    const conflict = page.getByTestId('numpad-conflict');
    await conflict.waitFor();
    await expect(conflict.innerText()).resolves.toContain('25');
    await page.getByTestId('conflict-keep-mine').click();
    await page.locator(`[data-testid="cell-${code}-${aspect}"].synced`).waitFor();
    await expect(pending().innerText()).resolves.toBe('0 条待发送');

    const after = await api<TaskMarks[]>(
      server.baseUrl,
      'GET',
      '/judge/tasks',
      prepared.judge1.token,
    );
    const edited = after[0].marks.find(
      (m) => m.aspectId === mark.aspectId && m.workpieceCode === code,
    )!;
    expect(edited.value).toBe(20);
    expect(edited.version).toBe(mark.version + 2);
    expect(after[0].marks).toHaveLength(10);
    expect(browser.pageErrors).toEqual([]);
  });
});

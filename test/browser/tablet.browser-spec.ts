/// <reference lib="dom" />
/**
 * The judge's pad on a touch tablet, landscape (1024×768) and portrait (768×1024): on each, 10
 * marks typed on a hardware keyboard alone (digits, '.', Enter) and 10 by taps, counted: a whole
 * number and moving on takes ≤ 3 taps, a half step ≤ 4, because confirming moves to the next
 * empty cell. Then what the chief judge asks reaches the sheet: a re-mark request with its
 * reason and a badge until answered, the cleared signature said in words, signing again in one
 * tap. Offline, 立即同步 answers in words. axe finds no serious or critical violation.
 */
import type { Page } from 'playwright-core';
import { seriousViolations } from './axe';
import {
  artifactPath,
  Browser,
  launchBrowser,
  requireBuilds,
  RunningServer,
  signIn,
  startServer,
} from './harness';
import { prepareMarkingEvent } from './prepare-board';
import { api, prepareEvent, PreparedEvent } from './prepare-event';

jest.setTimeout(180_000);

const CONTESTANTS = 20;

interface TaskMarks {
  moduleId: number;
  signedAt: string | null;
  marks: { aspectId: number; workpieceCode: string; value: number; version: number }[];
}

describe('judge pad on a touch tablet (browser)', () => {
  let server: RunningServer;
  let prepared: PreparedEvent;
  let aspectIds: Record<string, number>;
  /** What the test entered, "code:aspect" → value. */
  const entered: Record<string, number> = {};

  beforeAll(async () => {
    requireBuilds();
    const clientDist = process.env.TEST_CLIENT_DIST;
    server = await startServer(clientDist ? { CLIENT_DIST: clientDist } : {});
    prepared = await prepareEvent(server.baseUrl, CONTESTANTS);
    const scheme = await api<{ modules: { aspects: { id: number; code: string }[] }[] }>(
      server.baseUrl,
      'GET',
      `/events/${prepared.eventId}/scheme`,
      prepared.chief.token,
    );
    aspectIds = Object.fromEntries(scheme.modules[0].aspects.map((a) => [a.code, a.id]));
  });

  afterAll(async () => {
    await server?.stop();
  });

  /** The cell the pad writes to now, as "code:aspect". */
  const target = async (page: Page) =>
    (await page.getByTestId('pad-target').getAttribute('data-cell')) ?? '';

  async function waitForTarget(page: Page, not: string): Promise<string> {
    await page.waitForFunction(
      (old) =>
        document.querySelector('[data-testid="pad-target"]')?.getAttribute('data-cell') !== old,
      not,
    );
    return target(page);
  }

  for (const viewport of [
    { width: 1024, height: 768 },
    { width: 768, height: 1024 },
  ]) {
    const name = `${viewport.width}x${viewport.height}`;
    it(`${name}: 10 marks by keyboard alone and 10 by taps, within the tap targets`, async () => {
      const browser: Browser = await launchBrowser({ viewport, hasTouch: true });
      const page = browser.page;
      try {
        await signIn(page, server.baseUrl, 'judge1');
        await page.waitForURL('**/judge');
        await page.getByTestId('pad-target').waitFor();
        // Aspect descriptions are on the sheet; the legend explains each cell state.
        const sheet = await page.getByTestId('module-sheet').innerText();
        expect(sheet).toContain('表面质量');
        expect(sheet).toContain('工艺合理性');
        const legend = await page.getByTestId('cell-legend').innerText();
        for (const word of ['未评', '待发送', '已同步', '冲突', '重评']) {
          expect(legend).toContain(word);
        }

        // Keyboard alone: digits, '.', Enter; the pad moves on by itself.
        for (let i = 0; i < 10; i += 1) {
          const cell = await target(page);
          const value = i % 2 === 0 ? String(10 + i) : `${10 + i}.5`;
          await page.keyboard.type(value);
          await page.keyboard.press('Enter');
          entered[cell] = Number(value);
          await waitForTarget(page, cell);
        }
        // Arrows move the selection and back.
        const before = await target(page);
        await page.keyboard.press('ArrowDown');
        expect(await waitForTarget(page, before)).not.toBe(before);
        await page.keyboard.press('ArrowUp');
        await page.locator(`[data-testid="pad-target"][data-cell="${before}"]`).waitFor();

        // Taps, counted: whole numbers ≤ 3, half steps ≤ 4 (".5" key, confirm moves on).
        let taps = 0;
        let limit = 0;
        const tap = async (testId: string) => {
          taps += 1;
          await page.getByTestId(testId).tap();
        };
        for (let i = 0; i < 10; i += 1) {
          const cell = await target(page);
          const whole = 20 + i;
          const half = i % 2 === 1;
          for (const digit of String(whole)) {
            await tap(`numpad-key-${digit}`);
          }
          if (half) {
            await tap('numpad-key-half');
          }
          await tap('numpad-ok');
          limit += half ? 4 : 3;
          entered[cell] = whole + (half ? 0.5 : 0);
          await waitForTarget(page, cell);
        }
        console.log(`${name}: 10 marks in ${taps} taps (targets allow ${limit})`);
        expect(taps).toBeLessThanOrEqual(limit);
        await page
          .getByTestId('sync-pending')
          .filter({ hasText: /^\s*0 条待发送\s*$/ })
          .waitFor({ timeout: 30_000 });
        await page.waitForTimeout(400);
        await page.screenshot({ path: artifactPath(`tablet-${name}.png`) });
        // Each state has an icon as well as a colour.
        const icons = await page.locator('.cell.synced .cell-icon').count();
        expect(icons).toBeGreaterThanOrEqual(20);
        expect(await seriousViolations(page)).toEqual([]);
        expect(browser.pageErrors).toEqual([]);
      } finally {
        await browser.close();
      }
    });
  }

  it('holds exactly the 40 marks on the server', async () => {
    const tasks = await api<TaskMarks[]>(
      server.baseUrl,
      'GET',
      '/judge/tasks',
      prepared.judge1.token,
    );
    const codeOf = new Map(Object.entries(aspectIds).map(([code, id]) => [id, code]));
    const onServer = Object.fromEntries(
      tasks[0].marks.map((m) => [`${m.workpieceCode}:${codeOf.get(m.aspectId)}`, m.value]),
    );
    expect(Object.keys(entered)).toHaveLength(40);
    expect(onServer).toEqual(entered);
  });

  it('marks WorldSkills 0–3 judgements in one tap each, moving on by itself', async () => {
    const day = await prepareMarkingEvent(server.baseUrl, {
      count: 3,
      occupation: '焊工',
      scheme: {
        modules: [
          {
            code: 'W',
            name: '焊接',
            aspects: ['W1', 'W2'].map((code) => ({
              code,
              description: `外观${code}`,
              kind: 'judgement',
              aggregation: 'worldskills',
              max: 50,
            })),
          },
        ],
      },
    });
    const browser = await launchBrowser({ viewport: { width: 1024, height: 768 }, hasTouch: true });
    const page = browser.page;
    try {
      await signIn(page, server.baseUrl, 'judge2');
      await page.waitForURL('**/judge');
      await page.getByTestId('pad-target').waitFor();
      let taps = 0;
      const given: Record<string, number> = {};
      for (let i = 0; i < day.codes.length * 2; i += 1) {
        const cell = await target(page);
        const score = i % 4;
        taps += 1;
        await page.getByTestId(`numpad-quick-${score}`).tap();
        given[cell] = score;
        await waitForTarget(page, cell);
      }
      console.log(`WorldSkills: ${Object.keys(given).length} judgements in ${taps} taps`);
      expect(taps).toBe(6);
      await page
        .getByTestId('sync-pending')
        .filter({ hasText: /^\s*0 条待发送\s*$/ })
        .waitFor({ timeout: 30_000 });
      const tasks = await api<(TaskMarks & { eventId: number })[]>(
        server.baseUrl,
        'GET',
        '/judge/tasks',
        day.judge.token,
      );
      const codeOf = new Map(day.modules[0].aspects.map((a) => [a.id, a.code]));
      const marks = tasks.find((x) => x.eventId === day.eventId)?.marks ?? [];
      expect(
        Object.fromEntries(
          marks.map((m) => [`${m.workpieceCode}:${codeOf.get(m.aspectId)}`, m.value]),
        ),
      ).toEqual(given);
      expect(browser.pageErrors).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it("shows the chief judge's re-mark request and the cleared signature; signing again is one tap", async () => {
    const browser = await launchBrowser({ viewport: { width: 1024, height: 768 }, hasTouch: true });
    const page = browser.page;
    try {
      await signIn(page, server.baseUrl, 'judge1');
      await page.waitForURL('**/judge');
      await page.getByTestId('sign-module').tap();
      await page.locator('.el-message-box__btns .el-button--primary').tap();
      await page.getByTestId('signed-tag').waitFor();

      const [code] = prepared.workpieceCodes;
      await api(
        server.baseUrl,
        'POST',
        `/events/${prepared.eventId}/remarks`,
        prepared.chief.token,
        {
          aspectId: aspectIds.A1,
          workpieceCode: code,
          judgeIds: [prepared.judge1.userId],
          reason: '表面质量分差超限，请复评',
        },
      );
      // The tablet hears of it without a reload.
      const cleared = page.getByTestId('signature-cleared');
      await cleared.waitFor({ timeout: 40_000 });
      await expect(cleared.innerText()).resolves.toContain('表面质量分差超限，请复评');
      const request = page.getByTestId(`request-${code}-A1`);
      await expect(request.innerText()).resolves.toContain('表面质量分差超限，请复评');
      await page.locator(`[data-testid="cell-${code}-A1"] .badge`).waitFor();
      await page.screenshot({ path: artifactPath('tablet-remark.png') });

      // Re-mark: tap the cell, type, confirm: the badge goes.
      await page.getByTestId(`cell-${code}-A1`).tap();
      await page.getByTestId('numpad-key-3').tap();
      await page.getByTestId('numpad-key-3').tap();
      await page.getByTestId('numpad-ok').tap();
      await page.locator(`[data-testid="cell-${code}-A1"] .badge`).waitFor({ state: 'detached' });
      await page
        .getByTestId('sync-pending')
        .filter({ hasText: /^\s*0 条待发送\s*$/ })
        .waitFor({ timeout: 30_000 });
      // Signing again: one tap.
      await page.getByTestId('resign').tap();
      await page.getByTestId('signed-tag').waitFor();
      await cleared.waitFor({ state: 'detached' });
      const tasks = await api<TaskMarks[]>(
        server.baseUrl,
        'GET',
        '/judge/tasks',
        prepared.judge1.token,
      );
      expect(tasks[0].signedAt).not.toBeNull();
      expect(
        tasks[0].marks.find((m) => m.workpieceCode === code && m.aspectId === aspectIds.A1)?.value,
      ).toBe(33);

      // Offline, 立即同步 says so rather than nothing.
      await browser.context.setOffline(true);
      await page.getByTestId('sync-offline').waitFor();
      await page.getByTestId('sync-now').tap();
      const feedback = page.getByTestId('sync-feedback');
      await feedback.waitFor();
      await expect(feedback.innerText()).resolves.toContain('离线');
      await browser.context.setOffline(false);
      expect(browser.pageErrors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});

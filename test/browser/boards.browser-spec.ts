/// <reference lib="dom" />
/**
 * The boards on the real screens, with a 30-contestant decrypted event: the hall's 1920×1080
 * big screen shows every name within one rotation, page by page, skips events without scores and
 * hides its operator controls after 10 s; a 390×844 touch phone keeps every total in view, opens
 * a row's detail on a tap and marks the signed-in contestant's own row; /me shows the same
 * provisional standing. axe finds no serious or critical violation on these pages, the login
 * page and the console's entries page.
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
import { BoardEvent, prepareBoard } from './prepare-board';

jest.setTimeout(180_000);

const INTERVAL_S = 4;

describe('boards on the real screens (browser)', () => {
  let server: RunningServer;
  let board: BoardEvent;
  let screen: Browser;
  let phone: Browser;

  beforeAll(async () => {
    requireBuilds();
    const clientDist = process.env.TEST_CLIENT_DIST;
    server = await startServer({
      LIVE_INTERVAL_MS: '100',
      ...(clientDist ? { CLIENT_DIST: clientDist } : {}),
    });
    board = await prepareBoard(server.baseUrl, 30, 24);
    screen = await launchBrowser({ viewport: { width: 1920, height: 1080 } });
    phone = await launchBrowser({
      viewport: { width: 390, height: 844 },
      hasTouch: true,
      isMobile: true,
    });
  });

  afterAll(async () => {
    await screen?.close();
    await phone?.close();
    await server?.stop();
  });

  /** Names of the rows wholly inside the viewport and not hidden. */
  const visibleNames = (page: Page) =>
    page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('[data-testid="live-who"] strong')]
        .filter((el) => {
          const r = el.getBoundingClientRect();
          return (
            el.offsetParent !== null &&
            r.height > 0 &&
            r.top >= 0 &&
            r.bottom <= window.innerHeight &&
            getComputedStyle(el).visibility !== 'hidden'
          );
        })
        .map((el) => el.innerText.trim()),
    );

  it('big screen: every name within one rotation, pages, skipped empty events, 2 decimals', async () => {
    const page = screen.page;
    await page.goto(
      `${server.baseUrl}/live/screen?edition=${board.editionId}&interval=${INTERVAL_S}`,
    );
    await page.getByTestId('live-conn-connected').waitFor();
    await page.locator('[data-testid^="live-row-"]').first().waitFor();
    // Only the event with scores is shown: the others are skipped.
    await expect(page.getByTestId('live-screen-event').innerText()).resolves.toBe(board.eventName);
    const pager = page.getByTestId('live-screen-page');
    await pager.filter({ hasText: /^1 \/ \d+$/ }).waitFor();
    const pages = Number((await pager.innerText()).split('/')[1]);
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(pages).toBeLessThanOrEqual(5);

    const seen = new Set<string>();
    const events = new Set<string>();
    let shots = 0;
    let lastPage = '';
    const started = Date.now();
    const deadline = started + (pages * INTERVAL_S + 6) * 1000;
    while (Date.now() < deadline && seen.size < board.names.length) {
      const label = await pager.innerText();
      events.add(await page.getByTestId('live-screen-event').innerText());
      (await visibleNames(page)).forEach((n) => seen.add(n));
      if (label !== lastPage) {
        lastPage = label;
        await page.waitForTimeout(900); // the page's rows fade in
        (await visibleNames(page)).forEach((n) => seen.add(n));
        shots += 1;
        await page.screenshot({ path: artifactPath(`screen-page-${shots}.png`) });
      }
      await page.waitForTimeout(300);
    }
    console.log(
      `big screen 1920×1080: ${seen.size} of ${board.names.length} names seen over ${pages} pages ` +
        `(${INTERVAL_S} s a page) in ${Date.now() - started} ms; events shown: ${[...events].length}`,
    );
    expect([...events]).toEqual([board.eventName]);
    expect(board.names.filter((n) => !seen.has(n))).toEqual([]);
    expect(shots).toBe(pages);

    // Marks with exactly two decimals; module names, not codes, head the columns.
    const totals = await page.getByTestId('live-total').allInnerTexts();
    expect(totals.length).toBeGreaterThan(0);
    expect(totals.every((t) => /^\d+\.\d{2}$/.test(t.trim()))).toBe(true);
    const head = await page.getByTestId('live-head').innerText();
    expect(head).toContain('零件加工');
    expect(head).toContain('装配调试');
    // Status text ≥ 28 px at 1080p.
    for (const id of ['live-updated', 'live-seq', 'live-screen-page']) {
      const size = await page
        .getByTestId(id)
        .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
      expect({ id, big: size >= 28 }).toEqual({ id, big: true });
    }
    const badge = page.locator('[data-testid^="live-conn-"]').first();
    expect(
      await badge.evaluate((el) => parseFloat(getComputedStyle(el).fontSize)),
    ).toBeGreaterThanOrEqual(28);
  });

  it('big screen kiosk: no operator control after 10 s idle; a key brings them back for 10 s', async () => {
    const page = screen.page;
    const controls = ['live-screen-next', 'live-screen-language', 'live-fullscreen'];
    const anyVisible = async () => {
      for (const id of controls) {
        if (await page.getByTestId(id).isVisible()) {
          return true;
        }
      }
      return false;
    };
    await page.waitForTimeout(10_500);
    expect(await anyVisible()).toBe(false);
    await page.screenshot({ path: artifactPath('screen-kiosk.png') });
    await page.keyboard.press('m');
    expect(await anyVisible()).toBe(true);
    await page.waitForTimeout(10_500);
    expect(await anyVisible()).toBe(false);
    // A tap in the top-right corner works too.
    await page.mouse.click(1910, 10);
    await page.getByTestId('live-screen-next').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('phone: every total in view, no sideways scroll, own row labelled, detail on a tap', async () => {
    const page = phone.page;
    await signIn(page, server.baseUrl, board.contestant.username, board.contestant.password);
    await page.goto(`${server.baseUrl}/live/events/${board.eventId}`);
    await page.locator('[data-testid^="live-row-"]').nth(29).waitFor();
    await page.waitForTimeout(800);
    const layout = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      width: window.innerWidth,
      totals: [...document.querySelectorAll<HTMLElement>('[data-testid="live-total"]')].map(
        (el) => {
          const r = el.getBoundingClientRect();
          return { left: r.left, right: r.right, width: r.width };
        },
      ),
    }));
    console.log(
      `phone 390×844: ${layout.totals.length} totals, rightmost edge ${Math.max(...layout.totals.map((b) => b.right)).toFixed(1)} px, scroll width ${layout.scrollWidth} px`,
    );
    expect(layout.width).toBe(390);
    expect(layout.scrollWidth).toBeLessThanOrEqual(390);
    expect(layout.totals).toHaveLength(30);
    for (const box of layout.totals) {
      expect(box.width).toBeGreaterThan(0);
      expect(box.left).toBeGreaterThanOrEqual(0);
      expect(box.right).toBeLessThanOrEqual(390);
    }
    const own = page.getByTestId(`live-row-${board.contestant.workstationNo}`);
    await expect(own.getAttribute('aria-current')).resolves.toBe('true');
    await expect(own.innerText()).resolves.toContain('我');
    await expect(page.locator('[aria-current="true"]').count()).resolves.toBe(1);
    await page.screenshot({ path: artifactPath('phone-board.png') });

    await page.getByTestId('live-jump-mine').tap();
    await page.waitForTimeout(800);
    const inView = await own.evaluate((el) => {
      const r = el.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= window.innerHeight;
    });
    expect(inView).toBe(true);
    await own.tap();
    const detail = page.getByTestId(`live-detail-${board.contestant.workstationNo}`);
    await detail.waitFor();
    await expect(detail.innerText()).resolves.toContain('零件加工');
    await page.waitForTimeout(1000); // the rows below slide down to make room
    await page.screenshot({ path: artifactPath('phone-board-mine.png') });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      390,
    );
    expect(await seriousViolations(page)).toEqual([]);

    // The header fits: its links sit behind a menu button.
    await expect(page.getByTestId('header-menu').isVisible()).resolves.toBe(true);
  });

  it('/me shows the provisional standing the board shows, labelled 暂定', async () => {
    const page = phone.page;
    const row = page.getByTestId(`live-row-${board.contestant.workstationNo}`);
    const rank = (await row.getByTestId('live-rank').innerText()).trim();
    const total = (await row.getByTestId('live-total').innerText()).trim();
    await page.goto(`${server.baseUrl}/me`);
    const standing = page.getByTestId('me-provisional');
    await standing.waitFor();
    const text = await standing.innerText();
    expect(text).toContain('暂定');
    await expect(standing.getByTestId('me-provisional-rank').innerText()).resolves.toBe(rank);
    await expect(standing.getByTestId('me-provisional-total').innerText()).resolves.toBe(total);
    await page.screenshot({ path: artifactPath('phone-me.png'), fullPage: true });
    expect(screen.pageErrors).toEqual([]);
    expect(phone.pageErrors).toEqual([]);
  });

  it('login page: the first field is focused, lang follows the language, no serious axe violation', async () => {
    const page = screen.page;
    await page.goto(`${server.baseUrl}/login`);
    await page.getByTestId('login-username').waitFor();
    await page.waitForTimeout(300);
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('autocomplete'));
    expect(focused).toBe('username');
    await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('zh-CN');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByTestId('login-language').click();
    await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('en');
    await page.getByTestId('login-language').click();
    await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('zh-CN');
  });

  it('console entries page: no serious axe violation', async () => {
    const page = screen.page;
    await signIn(page, server.baseUrl, 'organizer');
    await page.goto(`${server.baseUrl}/admin/editions/${board.editionId}/entries`);
    await page.locator('.el-table__row').first().waitFor();
    await page.waitForTimeout(500);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: artifactPath('console-entries.png') });
  });
});

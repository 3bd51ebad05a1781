/// <reference lib="dom" />
/**
 * The public live boards in a real browser against the built server: a marked and signed event
 * is open on the big screen and on a phone; the chief judge locks the module over the API and
 * both boards show the new standings without a reload, with workstation numbers but no names.
 */
import type { Page } from 'playwright-core';
import {
  artifactPath,
  Browser,
  DEMO_PASSWORD,
  launchBrowser,
  requireBuilds,
  RunningServer,
  startServer,
} from './harness';

jest.setTimeout(60_000);

interface PreparedDay {
  eventId: number;
  moduleId: number;
  chief: Record<string, string>;
  judges: { id: number; auth: Record<string, string> }[];
  aspects: { id: number }[];
  codes: string[];
}
// The bench's helper prepares a marked event through the public API of a running server.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { prepareDay } = require('../../bench/prepare') as {
  prepareDay: (
    url: string,
    o: { contestants: number; aspects: number; judges: number },
  ) => Promise<PreparedDay>;
};

const CONTESTANTS = 6;

describe('public live boards (browser)', () => {
  let server: RunningServer;
  let browser: Browser;
  let screen: Page;
  let phone: Page;
  let day: PreparedDay;
  let editionId: number;

  beforeAll(async () => {
    requireBuilds();
    server = await startServer({ LIVE_INTERVAL_MS: '100' });
    day = await prepareDay(server.baseUrl, { contestants: CONTESTANTS, aspects: 2, judges: 1 });
    const [judge] = day.judges;
    const marks = day.codes.flatMap((workpieceCode, i) =>
      day.aspects.map((aspect, k) => ({
        clientId: `live-${i}-${k}-${Date.now()}`,
        workpieceCode,
        aspectId: aspect.id,
        value: 20 + i * 2 + k,
      })),
    );
    const post = (path: string, headers: Record<string, string>, body?: unknown) =>
      fetch(`${server.baseUrl}/api${path}`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    for (const [path, body] of [
      ['/judge/marks/batch', { marks }],
      [`/judge/modules/${day.moduleId}/sign`, undefined],
    ] as const) {
      const response = await post(path, judge.auth, body);
      if (response.status !== 200) {
        throw new Error(`POST ${path} → ${response.status} ${await response.text()}`);
      }
    }
    const event = (await (await fetch(`${server.baseUrl}/api/events/${day.eventId}`)).json()) as {
      editionId: number;
    };
    editionId = event.editionId;
    browser = await launchBrowser();
    screen = browser.page;
    phone = await browser.context.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows a module lock on the big screen and the phone board without a reload', async () => {
    await screen.goto(
      `${server.baseUrl}/live/screen?edition=${editionId}&event=${day.eventId}&interval=600`,
    );
    await phone.goto(`${server.baseUrl}/live/events/${day.eventId}`);
    for (const page of [screen, phone]) {
      await page.getByTestId('live-conn-connected').waitFor();
      await page.getByTestId('live-empty').waitFor();
      await expect(page.getByTestId('live-seq').innerText()).resolves.toBe('第 0 次更新');
      await page.evaluate(() => {
        (window as unknown as { notReloaded: boolean }).notReloaded = true;
      });
    }
    await expect(screen.getByTestId('live-screen-event').innerText()).resolves.toBe(
      '数控车工(职工组)',
    );

    const lock = await fetch(`${server.baseUrl}/api/modules/${day.moduleId}/lock`, {
      method: 'POST',
      headers: day.chief,
    });
    expect(lock.status).toBe(200);

    for (const page of [screen, phone]) {
      await page.getByTestId('live-seq').filter({ hasText: '第 1 次更新' }).waitFor();
      const rows = page.locator('[data-testid^="live-row-"]');
      await rows.nth(CONTESTANTS - 1).waitFor();
      expect(await rows.count()).toBe(CONTESTANTS);
      // Before decryption: locked modules per workstation, no score, rank or total (blind codes).
      await page.getByTestId('live-sealed').waitFor();
      const locked = await page.getByTestId('live-locked').allInnerTexts();
      expect(locked).toEqual(Array(CONTESTANTS).fill('1'));
      expect(await page.getByTestId('live-total').count()).toBe(0);
      expect(await page.getByTestId('live-rank').count()).toBe(0);
      // Before decryption: workstation numbers only, never names or units.
      const who = await page.getByTestId('live-who').allInnerTexts();
      expect(who.every((w) => /^工位 \d+$/.test(w.trim()))).toBe(true);
      const text = await page.locator('body').innerText();
      expect(text).not.toMatch(/选手\d|推荐单位\d/);
      expect(await page.getByTestId('live-updated').innerText()).toMatch(/^最后更新：/);
      expect(
        await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded),
      ).toBe(true);
    }
    await phone.getByTestId('live-histogram').locator('canvas').waitFor();
    await screen.waitForTimeout(1000); // let the rows' enter transition finish
    await screen.screenshot({ path: artifactPath('live-screen.png') });
    await phone.screenshot({ path: artifactPath('live-event.png'), fullPage: true });
  });

  it('catches up after a dropped connection (re-join with since)', async () => {
    await browser.context.setOffline(true);
    await phone.getByTestId('live-conn-offline').waitFor();
    const unlock = await fetch(`${server.baseUrl}/api/modules/${day.moduleId}/unlock`, {
      method: 'POST',
      headers: { ...day.chief, 'content-type': 'application/json' },
      body: JSON.stringify({ reason: '复核' }),
    });
    expect(unlock.status).toBe(200);
    const snapshot = async () =>
      (await (await fetch(`${server.baseUrl}/api/events/${day.eventId}/standings`)).json()) as {
        seq: number;
        rows: { lockedModules: number }[];
      };
    const deadline = Date.now() + 5_000;
    while ((await snapshot()).seq < 2 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
    }
    await phone.waitForTimeout(300);
    await expect(phone.getByTestId('live-seq').innerText()).resolves.toBe('第 1 次更新');
    await browser.context.setOffline(false);
    await phone.getByTestId('live-seq').filter({ hasText: '第 2 次更新' }).waitFor();
    await phone.getByTestId('live-conn-connected').waitFor();
    const expected = (await snapshot()).rows.map((r) => String(r.lockedModules));
    expect(expected).toEqual(Array(CONTESTANTS).fill('0'));
    await expect(phone.getByTestId('live-locked').allInnerTexts()).resolves.toEqual(expected);
    expect(
      await phone.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded),
    ).toBe(true);
  });

  it('lists the edition on /live, with no leaders before decryption', async () => {
    await phone.goto(`${server.baseUrl}/live/editions/${editionId}`);
    await phone.getByTestId('live-conn-connected').waitFor();
    await phone.getByTestId('live-event').first().waitFor();
    expect(await phone.getByTestId('live-leaders').count()).toBe(0);
  });

  it('shows names and units once the chief judge has decrypted', async () => {
    await phone.goto(`${server.baseUrl}/live/events/${day.eventId}`);
    await phone.getByTestId('live-seq').filter({ hasText: '第 2 次更新' }).waitFor();
    await expect(phone.locator('body').innerText()).resolves.not.toMatch(/选手\d/);
    const [judge] = day.judges;
    const steps: [string, Record<string, string>, unknown][] = [
      [`/judge/modules/${day.moduleId}/sign`, judge.auth, undefined],
      [`/modules/${day.moduleId}/lock`, day.chief, undefined],
      [
        `/events/${day.eventId}/decrypt`,
        day.chief,
        { supervisorUsername: 'supervisor', supervisorPassword: DEMO_PASSWORD },
      ],
    ];
    for (const [path, headers, body] of steps) {
      const response = await fetch(`${server.baseUrl}/api${path}`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      expect([path, response.status]).toEqual([path, 200]);
    }
    // The names arrive as pushed changes (no reload).
    await phone
      .getByTestId('live-who')
      .filter({ hasText: /选手\d/ })
      .first()
      .waitFor();
    const who = await phone.getByTestId('live-who').allInnerTexts();
    expect(who).toHaveLength(CONTESTANTS);
    expect(who.every((w) => /选手\d+\s+推荐单位\d/.test(w))).toBe(true);
    // Decrypted, not yet published (公示): provisional, as on the contestant's own page.
    await phone.reload();
    await phone.getByTestId('live-provisional').waitFor();
    await phone.waitForTimeout(1200); // rows grow to two lines and move; the chart animates
    await phone.screenshot({ path: artifactPath('live-event-decrypted.png'), fullPage: true });
    await phone.goto(`${server.baseUrl}/live/editions/${editionId}`);
    const leaders = phone.getByTestId('live-leaders');
    await leaders.waitFor();
    const items = await leaders.locator('li').allInnerTexts();
    expect(items).toHaveLength(3);
    expect(items.every((i) => /选手\d+/.test(i))).toBe(true);
    // The catch-up test takes the phone offline on purpose: a reconnect tried meanwhile is logged.
    expect(browser.pageErrors.filter((e) => !e.includes('ERR_INTERNET_DISCONNECTED'))).toEqual([]);
  });
});

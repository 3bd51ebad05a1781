/**
 * 检录 by continuous scanning: each scan (entry number + Enter) is answered at once in the desk's
 * log, the next one may come before the first is answered; a second scan of the same person is
 * flagged as a duplicate and a number not on the roster as a stranger, and neither is sent.
 */
import type { Page } from 'playwright-core';
import { encryptedEvent } from './day-prepare';
import {
  artifactPath,
  Browser,
  launchBrowser,
  requireBuilds,
  RunningServer,
  signIn,
  startServer,
} from './harness';
import { api } from './prepare-event';

jest.setTimeout(90_000);

describe('bulk check-in by scanning (browser)', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    requireBuilds();
    server = await startServer();
    browser = await launchBrowser();
    page = browser.page;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('answers every scan at once; duplicates and strangers are flagged and not sent', async () => {
    const day = await encryptedEvent(server.baseUrl, '电工(职工组)', 4, 'draw');
    await signIn(page, server.baseUrl, 'organizer');
    await page.goto(
      `${server.baseUrl}/admin/editions/${day.editionId}/check-in?event=${day.eventId}`,
    );
    await page.getByTestId('roster').locator('tbody tr').nth(3).waitFor();
    const input = page.getByTestId('check-in-input');
    const scans = [
      day.entryNos[0],
      day.entryNos[1],
      day.entryNos[0],
      '2025-99-999',
      day.entryNos[2],
    ];
    for (const text of scans) {
      await input.fill(text);
      await input.press('Enter');
    }
    const log = page.getByTestId('scan-log');
    await log.getByTestId('scan-duplicate').getByText(day.entryNos[0]).first().waitFor();
    await log.getByTestId('scan-stranger').getByText('2025-99-999').waitFor();
    for (let i = 0; i < 100 && (await log.getByTestId('scan-ok').count()) < 3; i += 1) {
      await page.waitForTimeout(100);
    }
    await expect(log.getByTestId('scan-ok').count()).resolves.toBe(3);
    await expect(log.getByTestId('scan-duplicate').count()).resolves.toBe(1);
    await expect(log.getByTestId('scan-stranger').count()).resolves.toBe(1);
    await expect(input.inputValue()).resolves.toBe('');

    const roster = await api<{ entryNo: string; checkInStatus: string | null }[]>(
      server.baseUrl,
      'GET',
      `/events/${day.eventId}/roster`,
      day.organizer.token,
    );
    const present = roster.filter((e) => e.checkInStatus === 'present').map((e) => e.entryNo);
    expect(present.sort()).toEqual(day.entryNos.slice(0, 3).sort());
    const counts = await page.getByTestId('check-in-counts').innerText();
    expect(counts.replace(/\s+/g, ' ')).toContain('已检录 3');
    await page.screenshot({ path: artifactPath('day-08-check-in-scan.png'), fullPage: true });
    expect(browser.pageErrors).toEqual([]);
  });
});

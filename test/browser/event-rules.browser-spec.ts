/**
 * 奖项与排名 in the event dialog, in a real browser against the built server: an organiser sets
 * fixed counts 1 / 4 / 3, a practical floor, 优胜奖, past winners and a strict tie-break chain,
 * saves, and reads every rule back — in the dialog and from the API.
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

jest.setTimeout(90_000);

const DEMO_EDITION = '第七届无锡技能精英大赛';
const SESSION_KEY = 'wuxi-skills.session';

describe('event rules in the console (browser)', () => {
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

  async function fillNumber(testId: string, value: number): Promise<void> {
    const input = page.getByTestId(testId).locator('input');
    await input.fill(String(value));
    await input.blur();
  }

  it('saves an event with fixed counts and reads every rule back', async () => {
    await signIn(page, server.baseUrl, 'organizer');
    await page.waitForURL('**/admin/editions');
    await page.getByTestId('editions-table').getByText(DEMO_EDITION).click();
    await page.waitForURL(/\/admin\/editions\/\d+$/);
    const events = page.getByTestId('events-table');
    await events.getByText('电工(职工组)').waitFor();

    await page.getByTestId('new-event').click();
    await page.getByTestId('event-occupation').fill('数控磨工');
    const section = page.getByTestId('event-rules');
    expect(await section.innerText()).toContain('奖项与排名');
    await section.getByTestId('quota-kind').getByText('固定名额').click();
    await fillNumber('quota-count-1', 1);
    await fillNumber('quota-count-2', 4);
    await fillNumber('quota-count-3', 3);
    await section.getByTestId('boundary-tie').getByText('严格按名额').click();
    await fillNumber('floor-practical', 60);
    await section.getByTestId('honourable-kind').getByText('按人数').click();
    await fillNumber('honourable-count', 5);
    await section.getByTestId('past-winners-on').click();
    await fillNumber('past-winners-editions', 2);
    await section.getByTestId('tie-then').getByText('严格排序').click();
    await page.getByTestId('event-save').click();
    await page.getByTestId('event-form').waitFor({ state: 'hidden' });

    const row = events.locator('tr', { hasText: '数控磨工(职工组)' });
    await row.waitFor();
    await row.getByText('编辑').click();
    await page.getByTestId('event-form').waitFor();
    const value = (testId: string) => page.getByTestId(testId).locator('input').inputValue();
    expect([
      await value('quota-count-1'),
      await value('quota-count-2'),
      await value('quota-count-3'),
      await value('floor-practical'),
      await value('honourable-count'),
      await value('past-winners-editions'),
    ]).toEqual(['1', '4', '3', '60.00', '5', '2']); // marks show 2 decimals
    await page.screenshot({ path: artifactPath('console-event-rules.png'), fullPage: true });

    const stored = await page.evaluate(
      async ([key, name]) => {
        const session = JSON.parse(localStorage.getItem(key) ?? '{}') as { accessToken?: string };
        const headers = { Authorization: `Bearer ${session.accessToken ?? ''}` };
        const editions = (await (await fetch('/api/editions', { headers })).json()) as {
          id: number;
        }[];
        for (const e of editions) {
          const list = (await (
            await fetch(`/api/editions/${e.id}/events`, { headers })
          ).json()) as {
            name: string;
            rules: unknown;
          }[];
          const found = list.find((x) => x.name === name);
          if (found) {
            return found.rules;
          }
        }
        return null;
      },
      [SESSION_KEY, '数控磨工(职工组)'] as const,
    );
    expect(stored).toEqual({
      quota: { kind: 'fixed', counts: [1, 4, 3] },
      honourable: { kind: 'count', count: 5 },
      boundaryTie: 'strict',
      floor: { practical: 60 },
      minimumField: null,
      pastWinners: { editions: 2 },
      tieBreak: { chain: ['practical', 'time', 'theory'], then: 'strict' },
    });
  });

  it('shows the section in English too', async () => {
    await page.evaluate(() => localStorage.setItem('wuxi-skills.locale', 'en'));
    await page.reload();
    await page.getByTestId('new-event').click();
    expect(await page.getByTestId('event-rules').innerText()).toContain('Prizes and ranking');
    await page.getByTestId('event-form').press('Escape');
  });
});

/**
 * The organizer console in a real browser against the built server: sign in, open the demo
 * edition, create an event (赛项) and see it in the table; plus the route guards and the
 * public live board.
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
import { api, login } from './prepare-event';

jest.setTimeout(60_000);

const DEMO_EDITION = '第七届无锡技能精英大赛';
const SESSION_KEY = 'wuxi-skills.session';

describe('organizer console (browser)', () => {
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

  async function signOut(): Promise<void> {
    await page.goto(`${server.baseUrl}/live`);
    if (await page.getByTestId('logout').isVisible()) {
      await page.getByTestId('logout').click();
      await page.waitForURL('**/login');
    }
  }

  async function setWeight(testId: string, value: number): Promise<void> {
    const input = page.getByTestId(testId).locator('input');
    await input.fill(String(value));
    await input.blur();
  }

  it('sends a visitor without a session from /admin to /login', async () => {
    await page.goto(`${server.baseUrl}/admin`);
    await page.waitForURL((url) => url.pathname === '/login');
    expect(new URL(page.url()).searchParams.get('redirect')).toBe('/admin/editions');
    await page.getByTestId('login-username').fill('organizer');
    await page.getByTestId('login-password').fill('wrong-password');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('login-error').waitFor();
    expect(await page.getByTestId('login-error').innerText()).toContain('用户名或密码错误');
  });

  it('lets an organizer create an event in the demo edition', async () => {
    await signIn(page, server.baseUrl, 'organizer');
    await page.waitForURL('**/admin/editions');
    const editions = page.getByTestId('editions-table');
    await editions.getByText(DEMO_EDITION).click();
    await page.waitForURL(/\/admin\/editions\/\d+$/);
    const events = page.getByTestId('events-table');
    await events.getByText('电工(职工组)').waitFor();
    expect(await events.getByText('数控铣工(职工组)').count()).toBe(0);

    await page.getByTestId('new-event').click();
    await page.getByTestId('event-occupation').fill('数控铣工');
    await page.getByTestId('field-group').getByText('职工组').click();
    await page.getByTestId('field-mode').getByText('个人').click();
    await setWeight('field-theory', 30);
    await setWeight('field-practical', 70);
    expect(await page.getByTestId('event-name').inputValue()).toBe('数控铣工(职工组)');
    await page.getByTestId('event-save').click();

    const row = events.locator('tr', { hasText: '数控铣工(职工组)' });
    await row.waitFor();
    await page.getByTestId('event-form').waitFor({ state: 'hidden' });
    const text = await row.innerText();
    expect(text).toContain('数控铣工');
    expect(text).toContain('职工组');
    expect(text).toContain('30 / 70');
    expect(text).toContain('草稿');
    await page.screenshot({ path: artifactPath('console-events.png'), fullPage: true });
  });

  it('checks the weights in the form and shows the server error for a duplicate event', async () => {
    await page.getByTestId('new-event').click();
    await page.getByTestId('event-occupation').fill('数控车工');
    await setWeight('field-theory', 40);
    await setWeight('field-practical', 70);
    await page.getByTestId('event-save').click();
    const weightError = page.getByTestId('field-theory').locator('.el-form-item__error');
    await weightError.waitFor();
    expect(await weightError.innerText()).toBe('理论权重与实操权重之和必须为 100');

    await setWeight('field-theory', 30);
    await page.getByTestId('event-save').click();
    await page.getByTestId('event-error').waitFor();
    expect(await page.getByTestId('event-error').innerText()).toContain(
      '本届次已有相同职业(工种)和组别的赛项',
    );
    await page.getByTestId('event-form').press('Escape');
    await page.getByTestId('event-form').waitFor({ state: 'hidden' });
  });

  it('creates an edition with a warning off the two-year cadence, and refuses a taken year', async () => {
    await page.getByTestId('menu-editions').click();
    await page.waitForURL('**/admin/editions');
    await page.getByTestId('new-edition').click();
    const year = page.getByTestId('field-year').locator('input');
    await year.fill('2026');
    await year.blur();
    await page.getByTestId('field-edition-name').locator('input').fill('2026 临时加赛');
    await page.getByTestId('edition-save').click();
    const warning = page.locator('.el-message--warning');
    await warning.waitFor();
    expect(await warning.innerText()).toContain('两年一届');
    const row = page.getByTestId('editions-table').locator('tr', { hasText: '2026 临时加赛' });
    await row.waitFor();
    expect(await row.innerText()).toContain('草稿');
    await page.getByTestId('edition-form').waitFor({ state: 'hidden' });
    await page.screenshot({ path: artifactPath('console-editions.png') });

    await page.getByTestId('new-edition').click();
    await year.fill('2025');
    await year.blur();
    await page.getByTestId('field-edition-name').locator('input').fill('重复的 2025');
    await page.getByTestId('edition-save').click();
    await page.getByTestId('edition-error').waitFor();
    expect(await page.getByTestId('edition-error').innerText()).toContain('该年份的届次已存在');
    await page.getByTestId('edition-form').press('Escape');
    await page.getByTestId('edition-form').waitFor({ state: 'hidden' });
  });

  it('turns four eyes on grants off and on again in the edition dialog, on by default', async () => {
    const row = page.getByTestId('editions-table').locator('tr', { hasText: '2026 临时加赛' });
    const fourEyes = page.getByTestId('field-edition-four-eyes');
    const stored = async () => {
      const { token } = await login(server.baseUrl, 'organizer');
      const editions = await api<{ name: string; fourEyes: boolean }[]>(
        server.baseUrl,
        'GET',
        '/editions',
        token,
      );
      return editions.find((e) => e.name === '2026 临时加赛')?.fourEyes;
    };
    expect(await stored()).toBe(true);
    for (const [expected, hint] of [
      [false, '同一账号可审批并支付'],
      [true, '审批者不能支付'],
    ] as const) {
      await row.getByRole('button', { name: '编辑' }).click();
      await fourEyes.locator('.el-switch').click();
      expect(await fourEyes.innerText()).toContain(hint);
      await page.getByTestId('edition-save').click();
      await page.getByTestId('edition-form').waitFor({ state: 'hidden' });
      expect(await stored()).toBe(expected);
    }
  });

  it('refreshes a rejected access token once, and signs out when the refresh fails', async () => {
    const spoil = (field: string) =>
      page.evaluate(`(() => {
        const s = JSON.parse(localStorage.getItem('${SESSION_KEY}'));
        s.${field} = 'spoiled.token.value';
        localStorage.setItem('${SESSION_KEY}', JSON.stringify(s));
      })()`);
    await spoil('accessToken');
    await page.reload();
    // GET /auth/me answers 401 to the spoiled token; one refresh stores a new one.
    // A function, not a string: a string predicate is eval'd in the page, which its content
    // security policy refuses whenever the first poll misses.
    await page.waitForFunction(
      (key) => !String(localStorage.getItem(key)).includes('spoiled.token.value'),
      SESSION_KEY,
    );
    const stored = await page.evaluate(`localStorage.getItem('${SESSION_KEY}')`);
    expect(JSON.parse(String(stored))).toMatchObject({ user: { username: 'organizer' } });
    expect(new URL(page.url()).pathname).toBe('/admin/editions');
    await page.reload();
    // The draft edition from the test above is listed only to an organizer's valid token.
    await page.getByTestId('editions-table').getByText('2026 临时加赛').waitFor();

    await spoil('accessToken');
    await spoil('refreshToken');
    await page.reload();
    await page.waitForURL((url) => url.pathname === '/login');
    expect(new URL(page.url()).searchParams.get('redirect')).toBe('/admin/editions');
    expect(await page.evaluate(`localStorage.getItem('${SESSION_KEY}')`)).toBeNull();
  });

  it('shows 403 to a judge opening the console, and the judge home with their name', async () => {
    await signOut();
    await signIn(page, server.baseUrl, 'judge1');
    await page.waitForURL('**/judge');
    expect(await page.getByTestId('judge-placeholder').innerText()).toContain('评分裁判 王强');
    await page.goto(`${server.baseUrl}/admin/editions`);
    await page.getByTestId('forbidden').waitFor();
    expect(await page.getByTestId('forbidden').innerText()).toContain('403');
  });

  it('shows the public live board without a session, in Chinese or English', async () => {
    await signOut();
    await page.goto(`${server.baseUrl}/live`);
    expect(await page.getByTestId('live-title').innerText()).toBe('无锡技能精英大赛 实时成绩');
    await page.getByTestId('live-edition').getByText(DEMO_EDITION).waitFor();
    const shown = await page.getByTestId('live-event').allInnerTexts();
    expect(shown.some((t) => t.includes('电工(职工组)'))).toBe(true);
    // The demo's draft event and the draft created above stay hidden from the public.
    expect(shown.some((t) => t.includes('工业机器人系统运维员'))).toBe(false);
    expect(shown.some((t) => t.includes('数控铣工'))).toBe(false);

    await page.getByTestId('language-switch').click();
    expect(await page.getByTestId('live-title').innerText()).toContain('Live results');
    await page.reload();
    expect(await page.getByTestId('live-title').innerText()).toContain('Live results');
    await page.getByTestId('language-switch').click();
  });

  it('raised no uncaught errors in the page along the way', () => {
    expect(browser.pageErrors).toEqual([]);
  });
});

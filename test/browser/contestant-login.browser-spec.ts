/// <reference lib="dom" />
/**
 * A contestant's login made from the console, in a real browser against the built server: the
 * organizer opens 创建登录账号 on an entry of the demo edition, sees the client-side username
 * check and the server's errors in words, reads the one-time password off the dialog, and the
 * contestant then signs in with it and finds their own entry on 我的成绩 (/me).
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
import { api, idNumber, login } from './prepare-event';

jest.setTimeout(60_000);

const DEMO_EDITION = '第七届无锡技能精英大赛';
const EVENT = '数控车工(职工组)';
const NAME = '钱晓峰';
const OTHER = '孙丽娟';
const USERNAME = 'qian.xf';

describe('contestant login from the console (browser)', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let entryNo: string;
  /** POST /contestants/:id/account requests the page sent. */
  const accountPosts: string[] = [];
  let password = '';

  beforeAll(async () => {
    requireBuilds();
    // TEST_CLIENT_DIST: a private client build, when others rebuild client/dist meanwhile.
    const clientDist = process.env.TEST_CLIENT_DIST;
    server = await startServer(clientDist ? { CLIENT_DIST: clientDist } : {});
    browser = await launchBrowser();
    page = browser.page;
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: server.baseUrl,
    });
    page.on('request', (request) => {
      if (request.method() === 'POST' && /\/api\/contestants\/\d+\/account$/.test(request.url())) {
        accountPosts.push(request.postData() ?? '');
      }
    });

    // The demo edition has no entries: two contestants enter over HTTP, as a desk would.
    const organizer = await login(server.baseUrl, 'organizer');
    const editions = await api<{ id: number; name: string }[]>(
      server.baseUrl,
      'GET',
      '/editions',
      organizer.token,
    );
    const edition = editions.find((e) => e.name === DEMO_EDITION);
    if (!edition) {
      throw new Error(`no demo edition ${DEMO_EDITION}`);
    }
    const events = await api<{ id: number; name: string }[]>(
      server.baseUrl,
      'GET',
      `/editions/${edition.id}/events`,
      organizer.token,
    );
    const eventId = events.find((e) => e.name === EVENT)?.id;
    const people = [
      { name: NAME, id: idNumber('1986-03-15', 411) },
      { name: OTHER, id: idNumber('1991-07-02', 422) },
    ];
    const entryNos: string[] = [];
    for (const person of people) {
      const entry = await api<{ entryNo: string }>(
        server.baseUrl,
        'POST',
        '/entries',
        organizer.token,
        {
          eventId,
          group: 'worker',
          contestant: {
            idNumber: person.id,
            name: person.name,
            unitName: '无锡一汽铸造有限公司',
            qualificationOccupation: '数控车工',
            qualificationLevel: 'senior',
          },
        },
      );
      entryNos.push(entry.entryNo);
    }
    entryNo = entryNos[0];
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const dialog = () => page.getByTestId('account-dialog');

  async function openFor(name: string): Promise<void> {
    const row = page.getByTestId('entries-table').locator('tbody tr', { hasText: name });
    await row.getByTestId('entry-create-login').click();
    await dialog().waitFor();
    await dialog().getByTestId('account-contestant').getByText(name).waitFor();
  }

  async function closeDialog(): Promise<void> {
    await dialog().getByRole('button', { name: '取消' }).click();
    await dialog().waitFor({ state: 'hidden' });
  }

  it('opens 创建登录账号 from a row of the entries page', async () => {
    await signIn(page, server.baseUrl, 'organizer');
    await page.waitForURL('**/admin/editions');
    await page.getByTestId('editions-table').getByText(DEMO_EDITION).click();
    await page.waitForURL(/\/admin\/editions\/\d+$/);
    await page.getByTestId('menu-entries').click();
    await page.waitForURL(/\/entries$/);
    await page.getByTestId('entries-table').getByText(NAME).waitFor();
    await openFor(NAME);
  });

  it('checks the username in the page before asking the server', async () => {
    await page.getByTestId('account-username-input').fill('Qian XF');
    await page.getByTestId('account-submit').click();
    const invalid = page.getByTestId('account-username-invalid');
    await invalid.waitFor();
    expect(await invalid.innerText()).toContain('只能由小写字母');
    expect(accountPosts).toEqual([]);
  });

  it("shows the server's error code in words (USERNAME_TAKEN)", async () => {
    await page.getByTestId('account-username-input').fill('organizer');
    await page.getByTestId('account-submit').click();
    const error = page.getByTestId('account-error');
    await error.waitFor();
    expect(await error.innerText()).toContain('用户名已被使用');
    expect(accountPosts).toEqual([JSON.stringify({ username: 'organizer' })]);
  });

  it('shows the new username and its one-time password, with a copy button', async () => {
    await page.getByTestId('account-username-input').fill(USERNAME);
    await page.getByTestId('account-submit').click();
    await page.getByTestId('account-created').waitFor();
    expect(await page.getByTestId('account-error').count()).toBe(0);
    expect(await page.getByTestId('account-once').innerText()).toContain('密码只显示这一次');
    expect((await page.getByTestId('account-username').innerText()).trim()).toBe(USERNAME);
    password = (await page.getByTestId('account-password').innerText()).trim();
    expect(password).toMatch(/^\S{8,}$/);

    await page.getByTestId('account-copy-password').click();
    await page.locator('.el-message--success', { hasText: '已复制' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(password);
    await page.screenshot({ path: artifactPath('contestant-login.png') });

    await page.getByTestId('account-done').click();
    await dialog().waitFor({ state: 'hidden' });
  });

  it('answers CONTESTANT_ALREADY_LINKED for a second login, naming the first', async () => {
    await openFor(NAME);
    // The dialog forgot the password and the username it was given.
    expect(await page.getByTestId('account-created').count()).toBe(0);
    expect(await page.getByTestId('account-username-input').inputValue()).toBe('');
    await page.getByTestId('account-submit').click();
    const error = page.getByTestId('account-error');
    await error.waitFor();
    expect(await error.innerText()).toContain('该选手已有登录账号');
    expect(await page.getByTestId('account-existing').innerText()).toContain(USERNAME);
    await closeDialog();
  });

  it('lets the contestant sign in with that password and see their own entry on /me', async () => {
    await page.getByTestId('logout').click();
    await page.waitForURL('**/login');
    await signIn(page, server.baseUrl, USERNAME, password);
    await page.waitForURL('**/me');
    const who = page.getByTestId('me-who');
    await who.waitFor();
    expect(await who.innerText()).toContain(NAME);
    const mePage = page.getByTestId('me-page');
    await mePage.getByText(EVENT).waitFor();
    const text = await mePage.innerText();
    expect(text).toContain(entryNo);
    expect(text).not.toContain(OTHER);
    await page.screenshot({ path: artifactPath('contestant-me.png'), fullPage: true });
  });

  it('raised no uncaught errors in the page along the way', () => {
    expect(browser.pageErrors).toEqual([]);
  });
});

/// <reference lib="dom" />
/**
 * Results to rewards in a real browser against the built server: an event is taken to final
 * results and a filled ledger over HTTP (awards-prepare.ts); then the organizer reads the results,
 * opens the awards ledger with its totals, approves and pays a grant, and prints the first
 * prize's certificate (荣誉证书) to PDF.
 */
import { writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { prepareFinalEvent, FinalEvent } from './awards-prepare';
import {
  artifactPath,
  Browser,
  launchBrowser,
  requireBuilds,
  RunningServer,
  signIn,
  startServer,
} from './harness';
import { foreignLines, htmlText, pageProblems, xlsxCells } from './zh-check';

jest.setTimeout(90_000);

describe('results and awards (browser)', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let final: FinalEvent;

  beforeAll(async () => {
    requireBuilds();
    // TEST_CLIENT_DIST: a private client build, when others rebuild client/dist meanwhile.
    const clientDist = process.env.TEST_CLIENT_DIST;
    server = await startServer(clientDist ? { CLIENT_DIST: clientDist } : {});
    final = await prepareFinalEvent(server.baseUrl);
    browser = await launchBrowser();
    page = browser.page;
    // The print dialog would block a headless run: record the call instead (popups too).
    await browser.context.addInitScript(() => {
      window.print = () => {
        (window as unknown as { __printed: boolean }).__printed = true;
      };
    });
    await signIn(page, server.baseUrl, 'organizer');
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const base = () => `${server.baseUrl}/admin/editions/${final.editionId}`;

  it('shows the final ranking with prize tags', async () => {
    await page.goto(`${base()}/results?event=${final.eventId}`);
    await expectText(page.getByTestId('results-status'), '最终成绩');
    const table = page.getByTestId('results-table');
    await expectText(table, final.ranking[0]);
    await expectText(table, '无锡技能状元');
    expect(await table.getByTestId('prize-tag').count()).toBeGreaterThanOrEqual(3);
    expect(await pageProblems(page)).toEqual({ seen: expect.any(Number), foreign: [] });
    await page.screenshot({ path: artifactPath('results.png'), fullPage: true });
    await expectText(page.getByTestId('menu-ledger'), '奖励台账');
  });

  it('lists the grants and the totals by event and by unit', async () => {
    await page.getByTestId('menu-ledger').click();
    await page.waitForURL(/\/ledger$/);
    const table = page.getByTestId('grants-table');
    await expectText(table, final.ranking[0]);
    const rows = table.locator('.el-table__body-wrapper tbody tr');
    await waitFor(async () => (await rows.count()) === final.grants.length);
    expect(final.grants.length).toBeGreaterThanOrEqual(3);
    const sum = final.grants.reduce((s, g) => s + g.cash, 0);
    await expectText(page.getByTestId('grant-total'), `¥${sum.toLocaleString('zh-CN')}`);
    await expectText(page.getByTestId('totals-by-unit'), '无锡一汽铸造');
    await expectText(page.getByTestId('totals-by-event'), '数控车工');
    expect(await pageProblems(page)).toEqual({ seen: expect.any(Number), foreign: [] });
    await page.screenshot({ path: artifactPath('ledger.png'), fullPage: true });
  });

  it('approves the first prize in bulk and records its payment', async () => {
    const table = page.getByTestId('grants-table');
    const row = table.locator('.el-table__body-wrapper tbody tr', {
      has: page.getByTestId('grant-certificate-1'),
    });
    await row.locator('.el-checkbox').click();
    await page.getByTestId('ledger-approve').click();
    await expectText(row.getByTestId('grant-status'), '已审批');
    await expectText(row.getByTestId('grant-approved-by'), '批准：组委会 李明');
    // Four eyes: who approved does not pay; the button says so.
    expect(await row.getByTestId('grant-pay').isDisabled()).toBe(true);
    await signIn(page, server.baseUrl, 'admin');
    await page.goto(`${base()}/ledger`);
    const again = page.getByTestId('grants-table').locator('.el-table__body-wrapper tbody tr', {
      has: page.getByTestId('grant-certificate-1'),
    });
    await again.getByTestId('grant-pay').click();
    const box = page.locator('.el-message-box');
    await box.locator('input').fill('ICBC-2025-0001');
    await box.locator('.el-button--primary').click();
    await expectText(again.getByTestId('grant-status'), '已发放');
    await expectText(again, 'ICBC-2025-0001');
    await expectText(again.getByTestId('grant-paid-by'), '发放：系统管理员');
    await signIn(page, server.baseUrl, 'organizer');
    await page.goto(`${base()}/ledger`);
    await page.getByTestId('grants-table').waitFor();
    expect(await pageProblems(page)).toEqual({ seen: expect.any(Number), foreign: [] });
  });

  it('generates lists, a certificate and a results sheet with no English and no codes', async () => {
    const get = async (path: string) => {
      const res = await fetch(`${server.baseUrl}/api${path}`, {
        headers: { Authorization: `Bearer ${final.organizer.token}` },
      });
      expect(res.status).toBe(200);
      return res;
    };
    const seen: string[] = [];
    for (const name of ['award-list', 'payout-list', 'upgrade-list']) {
      const cells = await xlsxCells(
        await (await get(`/editions/${final.editionId}/documents/${name}.xlsx`)).arrayBuffer(),
      );
      expect(cells.length).toBeGreaterThan(10);
      seen.push(...cells);
    }
    seen.push(
      ...(await xlsxCells(
        await (await get(`/editions/${final.editionId}/entries.xlsx`)).arrayBuffer(),
      )),
    );
    const first = final.grants.find((g) => g.prize === 1)!;
    const certificate = htmlText(await (await get(`/grants/${first.id}/certificate`)).text());
    const sheet = htmlText(await (await get(`/events/${final.eventId}/results/sheet`)).text());
    expect(sheet).toContain('实操成绩');
    expect(sheet).toMatch(/\d+\.\d{2}/);
    expect(foreignLines([...seen, certificate, sheet])).toEqual([]);
  });

  it('shows the award policy with its prize table and matching rule', async () => {
    await page.getByTestId('menu-policies').click();
    const view = page.getByTestId('policy-view');
    await expectText(view, '无锡技能状元');
    await expectText(view, '技师（二级）');
    await expectText(page.getByTestId('policy-matching'), '国家级前 5 名');

    // Clone it, and see the server's problems with a negative cash listed by path.
    await page.getByTestId('policy-clone').click();
    await page
      .locator('.el-message-box', { hasText: '新编号' })
      .locator('.el-button--primary')
      .click();
    await page
      .locator('.el-message-box', { hasText: '新名称' })
      .locator('.el-button--primary')
      .click();
    await expectText(page.getByTestId('policy-view'), '控制台');
    await page.getByTestId('policy-edit').click();
    const json = page.locator(
      'textarea[data-testid="policy-json"], [data-testid="policy-json"] textarea',
    );
    const document = JSON.parse(await json.inputValue()) as {
      prizes: { worker: Record<string, { cash: number }> };
    };
    document.prizes.worker['1'].cash = -5;
    await json.fill(JSON.stringify(document, null, 2));
    await page.getByTestId('policy-save').click();
    await expectText(page.getByTestId('policy-problems'), 'prizes.worker.1.cash');
    await expectText(page.getByTestId('policy-problems'), 'POLICY_NEGATIVE_AMOUNT');
    await page.keyboard.press('Escape');
    await page.goBack();
    await page.getByTestId('grants-table').waitFor();
  });

  it('edits the cloned policy’s rules in the form and reads them back', async () => {
    await page.getByTestId('menu-policies').click();
    await page.getByTestId('policies-table').getByText('（副本）').click();
    await expectText(page.getByTestId('policy-view'), '控制台');
    await expectText(page.getByTestId('policy-ladder-view'), '初级工（五级） < 中级工');
    await page.getByTestId('policy-edit-rules').click();
    const form = page.getByTestId('policy-rules-form');
    await form.waitFor();
    await form.getByTestId('policy-ladder').click();
    await page.locator('.el-select-dropdown__item:visible', { hasText: '2022 八级' }).click();
    await form.getByTestId('policy-once-a-year').click();
    const days = form.getByTestId('policy-min-days').locator('input');
    await days.fill('7');
    await days.blur();
    // The 2015 default gives students a title only; this clone promotes and pays them.
    await form.getByTestId('policy-target-student-1').click();
    await page.locator('.el-select-dropdown__item:visible', { hasText: '高级工（三级）' }).click();
    const cash = form.getByTestId('policy-cash-student-1').locator('input');
    await cash.fill('5000');
    await cash.blur();
    await page.screenshot({ path: artifactPath('policy-rules.png'), fullPage: true });
    await page.getByTestId('policy-rules-save').click();
    await form.waitFor({ state: 'hidden' });

    await expectText(page.getByTestId('policy-ladder-view'), '学徒工 < 初级工（五级）');
    await expectText(page.getByTestId('policy-ladder-view'), '特级技师 < 首席技师');
    await expectText(page.getByTestId('policy-cap-view'), '高级技师（一级）');
    await expectText(page.getByTestId('policy-once-a-year-view'), '是');
    await expectText(page.getByTestId('policy-min-days-view'), '不少于 7 天');
    await page.getByTestId('policy-edit-rules').click();
    await form.waitFor();
    expect([
      await form.getByTestId('policy-min-days').locator('input').inputValue(),
      await form.getByTestId('policy-cash-student-1').locator('input').inputValue(),
      await form.getByTestId('policy-target-student-1').innerText(),
    ]).toEqual(['7', '5000', '高级工（三级）']);
    await page.keyboard.press('Escape');
    const stored = await fetch(`${server.baseUrl}/api/policies/wuxi-2015-copy`, {
      headers: { Authorization: `Bearer ${final.organizer.token}` },
    }).then((r) => r.json() as Promise<{ document: Record<string, any> }>); // eslint-disable-line @typescript-eslint/no-explicit-any
    expect([
      stored.document.promotion.ladder.levels.length,
      stored.document.promotion.ladder.clause,
      stored.document.promotion.cap.level,
      stored.document.promotion.oncePerYear.enabled,
      stored.document.publication.minDays,
      stored.document.prizes.student['1'].qualification,
      stored.document.prizes.student['1'].cash,
    ]).toEqual([
      8,
      'practice.ladder-2022',
      'senior_technician',
      true,
      7,
      { target: 'senior' },
      5000,
    ]);
    expect(browser.pageErrors).toEqual([]);
  });

  it('shows the policy’s rules in English too', async () => {
    await page.evaluate(() => localStorage.setItem('wuxi-skills.locale', 'en'));
    await page.reload();
    await page.getByTestId('policies-table').getByText('（副本）').click();
    await expectText(page.getByTestId('policy-view'), 'Promotion and publication');
    await expectText(page.getByTestId('policy-ladder-view'), 'Apprentice < Junior worker');
    await expectText(page.getByTestId('policy-once-a-year-view'), 'Yes');
    await page.getByTestId('policy-edit-rules').click();
    await expectText(page.getByTestId('policy-rules-form'), 'Highest level a competition awards');
    await page.keyboard.press('Escape');
    await page.evaluate(() => localStorage.setItem('wuxi-skills.locale', 'zh-CN'));
    // Back where the next test starts: the edition's ledger.
    await page.goto(`${base()}/ledger`);
    await page.getByTestId('grants-table').waitFor();
  });

  it('prints the first prize certificate to PDF', async () => {
    const champion = final.ranking[0];
    const [popup] = await Promise.all([
      browser.context.waitForEvent('page'),
      page.getByTestId('grant-certificate-1').first().click(),
    ]);
    await popup.waitForLoadState('load');
    const text = await popup.locator('body').innerText();
    expect(text).toContain(champion);
    expect(text).toContain('无锡技能状元');
    await waitFor(() =>
      popup.evaluate(() => (window as unknown as { __printed?: boolean }).__printed === true),
    );
    await popup.screenshot({ path: artifactPath('certificate.png'), fullPage: true });
    const pdf = await popup.pdf({ format: 'A4', printBackground: true });
    writeFileSync(artifactPath('certificate.pdf'), pdf);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(10 * 1024);
    await popup.close();
  });

  it('recommends named entries to the national competition and matches their reward 1:1', async () => {
    await page.getByTestId('menu-selection').click();
    const recommend = page.getByTestId('recommend');
    await recommend.getByTestId('event-picker').click();
    await page.locator('.el-select-dropdown__item:visible', { hasText: '数控车工' }).click();
    await recommend.getByText('国家级').click();
    // Named entries, each with its reason: the 1st and the 3rd, not "the best N".
    const pick = recommend.getByTestId('recommend-pick');
    const row = (name: string) => pick.locator('.el-table__body-wrapper tr', { hasText: name });
    for (const [name, reason] of [
      [final.ranking[0], '一等奖，实操第一'],
      [final.ranking[2], '三等奖，年龄符合国赛要求'],
    ]) {
      await row(name).locator('.el-checkbox').click();
      await row(name).locator('input[type="text"], input:not([type])').fill(reason);
    }
    await page.getByTestId('recommend-submit').click();
    const list = recommend.getByTestId('recommended-list');
    await expectText(list, '一等奖，实操第一');
    await expectText(list, '三等奖，年龄符合国赛要求');
    // Read back after a reload: the list comes from the server.
    await page.reload();
    await page.getByTestId('recommend').getByTestId('event-picker').click();
    await page.locator('.el-select-dropdown__item:visible', { hasText: '数控车工' }).click();
    const again = page.getByTestId('recommended-list');
    await expectText(again, final.ranking[0]);
    await expectText(again, final.ranking[2]);
    await expectText(again, '三等奖，年龄符合国赛要求');
    await expectText(again, '组委会 李明');
    await page.screenshot({ path: artifactPath('recommend.png'), fullPage: true });

    const external = page.getByTestId('external');
    await external.getByTestId('external-contestant').click();
    await page
      .locator('.el-select-dropdown__item:visible', { hasText: final.ranking[0] })
      .first()
      .click();
    await external.getByTestId('external-competition').fill('全国技能大赛');
    await external.getByText('国家级').click();
    await external.getByTestId('external-event').fill('数控车工');
    await external.locator('.el-input-number').nth(2).locator('input').fill('30000');
    await external.getByTestId('external-evidence').fill('人社部〔2026〕1号');
    await page.getByTestId('external-submit').click();
    await expectText(page.getByTestId('external-answer'), '符合配套条件');
    await expectText(page.getByTestId('external-answer'), '¥30,000');
    expect(browser.pageErrors).toEqual([]);
  });

  it('freezes the scoring fields of a final event in the event dialog, and says why', async () => {
    await page.goto(base());
    await page.getByTestId('event-edit').first().click();
    await expectText(page.getByTestId('event-frozen'), '成绩已是最终成绩');
    expect(await page.getByTestId('field-theory').locator('input').isDisabled()).toBe(true);
    expect(await page.getByTestId('field-occupation').locator('input').isDisabled()).toBe(false);
    await page.keyboard.press('Escape');
  });
});

describe('publication, an appeal and the final results (browser)', () => {
  let server: RunningServer;
  let organizer: Browser;
  let supervisor: Browser;
  let published: FinalEvent;

  beforeAll(async () => {
    requireBuilds();
    const clientDist = process.env.TEST_CLIENT_DIST;
    server = await startServer(clientDist ? { CLIENT_DIST: clientDist } : {});
    published = await prepareFinalEvent(server.baseUrl, { publicationMs: 25_000, finish: false });
    [organizer, supervisor] = await Promise.all([launchBrowser(), launchBrowser()]);
    await signIn(organizer.page, server.baseUrl, 'organizer');
    await signIn(supervisor.page, server.baseUrl, 'supervisor');
  }, 90_000);

  afterAll(async () => {
    await organizer?.close();
    await supervisor?.close();
    await server?.stop();
  });

  it('takes an appeal from the organizer during publication', async () => {
    const page = organizer.page;
    await page.goto(
      `${server.baseUrl}/admin/editions/${published.editionId}/results?event=${published.eventId}`,
    );
    await expectText(page.getByTestId('results-status'), '公示中');
    await page.getByTestId('appeal-file').click();
    const box = page.locator('.el-message-box');
    await box.locator('textarea').fill('测试选手1 成品尺寸漏记');
    await box.locator('.el-button--primary').click();
    await expectText(page.getByTestId('appeals'), '待处理');
    // Final waits for publication and appeals: the button is disabled and says why.
    expect(await page.getByTestId('results-finalize').isDisabled()).toBe(true);
    await expectText(page.getByTestId('results-finalize-blocker'), '公示期尚未结束');
  });

  it('lets the supervisor accept it', async () => {
    const page = supervisor.page;
    await page.goto(`${server.baseUrl}/review?event=${published.eventId}`);
    await expectText(page.getByTestId('appeals'), '测试选手1 成品尺寸漏记');
    await page.getByTestId('appeal-decide').click();
    await page
      .locator('textarea[data-testid="appeal-decision"], [data-testid="appeal-decision"] textarea')
      .fill('复核属实');
    await page.getByTestId('appeal-accept').click();
    await expectText(page.getByTestId('appeals'), '已受理');
    expect(await page.getByTestId('results-finalize').count()).toBe(0);
    expect(await pageProblems(page)).toEqual({ seen: expect.any(Number), foreign: [] });
  });

  it('makes the results final after publication and fills the ledger', async () => {
    const page = organizer.page;
    await new Promise((r) =>
      setTimeout(r, Math.max(0, published.publicationEnd - Date.now() + 500)),
    );
    await page.reload();
    await expectText(page.getByTestId('appeals'), '已受理');
    await page.getByTestId('results-finalize').click();
    await page.locator('.el-message-box .el-button--primary').click();
    await expectText(page.getByTestId('results-status'), '最终成绩');
    await page.getByTestId('menu-ledger').click();
    await page.getByTestId('ledger-compute').click();
    await expectText(page.getByTestId('grants-table'), '无锡技能状元');
    expect(organizer.pageErrors).toEqual([]);
    expect(supervisor.pageErrors).toEqual([]);
  }, 60_000);
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) {
      throw new Error('timed out waiting');
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Waits until the element's text contains `text` (Playwright's expect is not used here). */
async function expectText(
  locator: ReturnType<Page['getByTestId']>,
  text: string,
  timeoutMs = 10_000,
): Promise<void> {
  let last = '';
  try {
    await waitFor(async () => {
      // A short timeout per attempt: an element a navigation detached is simply tried again.
      last = await locator
        .first()
        .innerText({ timeout: 1_000 })
        .catch(() => '');
      return last.includes(text);
    }, timeoutMs);
  } catch {
    throw new Error(`expected text ${JSON.stringify(text)}, saw ${JSON.stringify(last)}`);
  }
}

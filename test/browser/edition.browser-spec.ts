/// <reference lib="dom" />
/* eslint jest/no-standalone-expect: ["error", { "additionalTestBlockFunctions": ["walk"] }] */
/**
 * Issue #15, "Done when": a whole edition played through the pages only, on a database that
 * already holds a finished edition with its own scheme (prepared over HTTP by awards-prepare.ts).
 * The API is used only to read what to assert. Organiser: a new edition and event, entries from
 * a sheet, review, draw, check-in by scan; chief judge: the scheme and the judges by name;
 * encryption judge: the codes; two judges on 1024×768 tablets (the second finds the first's
 * measurements on the sheet, and marks part of the judgements offline); the
 * chief flags a spread, the judge re-marks; lock, theory (dry run, then commit), decryption with
 * the supervisor signing in on the chief's screen; results, 公示 (the chief judge's short-window
 * exception), final, and the ledger computed by one organiser and approved by another.
 * One screenshot per step in test/artifacts/edition-*.png.
 */
import ExcelJS from 'exceljs';
import { writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { prepareFinalEvent } from './awards-prepare';
import {
  artifactPath,
  Browser,
  DEMO_PASSWORD,
  launchBrowser,
  requireBuilds,
  RunningServer,
  signIn,
  startServer,
} from './harness';
import { choose, expectText, fillAspect, pickJudge, textBox, waitUntil } from './page-steps';
import { api, idNumber, login, Login } from './prepare-event';

jest.setTimeout(150_000);

const EDITION = '第八届无锡技能精英大赛';
const OCCUPATION = '钳工';
const EVENT = '钳工(职工组)';
const PEOPLE = ['钱师傅', '孙师傅', '李师傅', '周师傅'];
const TABLET = { viewport: { width: 1024, height: 768 }, hasTouch: true };

interface Mark {
  aspectId: number;
  workpieceCode: string;
  value: number;
}
interface Task {
  eventId: number;
  moduleId: number;
  signedAt: string | null;
  marks: Mark[];
  requests: { answered: boolean; reason: string }[];
}

describe('a whole edition through the pages, on a database that has seen one (browser)', () => {
  let server: RunningServer;
  let desk: Browser;
  /** The two judges' tablets, open from the marking step to the re-mark. */
  const tablets: Record<string, Browser> = {};
  let page: Page;
  let organizer: Login;
  let chief: Login;
  let encryptor: Login;
  let firstEdition: { editionId: number; eventId: number; moduleIds: number[] };
  let editionId: number;
  let eventId: number;
  let step = 0;
  const started = Date.now();

  beforeAll(async () => {
    requireBuilds();
    const clientDist = process.env.TEST_CLIENT_DIST;
    server = await startServer(clientDist ? { CLIENT_DIST: clientDist } : {});
    const final = await prepareFinalEvent(server.baseUrl, { contestants: 3 });
    [organizer, chief, encryptor] = await Promise.all(
      ['organizer', 'chief', 'encryptor'].map((u) => login(server.baseUrl, u)),
    );
    const scheme = await api<{ modules: { id: number }[] }>(
      server.baseUrl,
      'GET',
      `/events/${final.eventId}/scheme`,
      chief.token,
    );
    firstEdition = {
      editionId: final.editionId,
      eventId: final.eventId,
      moduleIds: scheme.modules.map((m) => m.id),
    };
    desk = await launchBrowser();
    page = desk.page;
  });

  afterAll(async () => {
    await Promise.all([desk, ...Object.values(tablets)].map((b) => b?.close()));
    await server?.stop();
    console.log(`edition walk: ${step} steps in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });

  /** One step of the day: after a failed step the rest fail at once (no 30 s waits each). */
  let broken: string | null = null;
  function walk(name: string, body: () => Promise<void>): void {
    it(name, async () => {
      if (broken) {
        throw new Error(`not run: the step "${broken}" failed`);
      }
      try {
        await body();
      } catch (error) {
        broken = name;
        await page.screenshot({ path: artifactPath('edition-failed.png'), fullPage: true });
        for (const [judge, tablet] of Object.entries(tablets)) {
          await tablet.page.screenshot({ path: artifactPath(`edition-failed-${judge}.png`) });
        }
        throw error;
      }
    });
  }

  const get = <T>(path: string, token = organizer.token) =>
    api<T>(server.baseUrl, 'GET', path, token);

  async function shot(name: string, on: Page = page): Promise<void> {
    step += 1;
    await on.screenshot({
      path: artifactPath(`edition-${String(step).padStart(2, '0')}-${name}.png`),
      fullPage: true,
    });
  }

  async function codeMap() {
    return get<{ entryNo: string; workpieceCode: string; checkInCode: string }[]>(
      `/events/${eventId}/code-map`,
      encryptor.token,
    );
  }

  async function openChiefTab(tab: string): Promise<void> {
    await page.goto(`${server.baseUrl}/chief`);
    await choose(page, page.getByTestId('chief-edition'), EDITION);
    await choose(page, page.getByTestId('chief-event'), EVENT);
    await page.getByTestId('chief-tabs').getByText(tab, { exact: true }).click();
  }

  walk(
    'organiser: a new edition and event, entries from a sheet, review, draw and check-in',
    async () => {
      await signIn(page, server.baseUrl, 'organizer');
      await page.waitForURL('**/admin/editions');
      await page.getByTestId('new-edition').click();
      await page.getByTestId('field-year').locator('input').fill('2027');
      await page.getByTestId('field-edition-name').locator('input').fill(EDITION);
      // Published at once: judges and the chief judge see published editions only.
      await page.getByTestId('field-edition-status').getByText('已发布').click();
      await page.getByTestId('edition-save').click();
      await page.getByTestId('edition-form').waitFor({ state: 'hidden' });
      await page.getByTestId('editions-table').getByText(EDITION).click();
      await page.waitForURL(/\/admin\/editions\/\d+$/);
      editionId = Number(new URL(page.url()).pathname.split('/').pop());
      expect(editionId).not.toBe(firstEdition.editionId);

      await page.getByTestId('new-event').click();
      await page.getByTestId('event-occupation').fill(OCCUPATION);
      await page.getByTestId('field-group').getByText('职工组').click();
      await page.getByTestId('field-mode').getByText('个人').click();
      await page.getByTestId('field-status').getByText('已发布').click();
      for (const [field, weight] of [
        ['field-theory', 30],
        ['field-practical', 70],
      ] as const) {
        const input = page.getByTestId(field).locator('input');
        await input.fill(String(weight));
        await input.blur();
      }
      await page.getByTestId('event-save').click();
      await page.getByTestId('events-table').locator('tr', { hasText: EVENT }).waitFor();
      const events = await get<{ id: number; name: string }[]>(`/editions/${editionId}/events`);
      expect(events.map((e) => e.name)).toEqual([EVENT]);
      eventId = events[0].id;

      const sheet = artifactPath('edition-entries.xlsx');
      const workbook = new ExcelJS.Workbook();
      const ws = workbook.addWorksheet('报名表');
      ws.addRow([
        '赛项(职业/工种)',
        '组别',
        '姓名',
        '身份证号',
        '手机号',
        '工作单位/学校',
        '推荐单位',
        '现职业资格(职业)',
        '现职业资格等级',
      ]);
      PEOPLE.forEach((name, i) =>
        ws.addRow([
          OCCUPATION,
          '职工组',
          name,
          idNumber('1991-03-08', 700 + i),
          '13900001234',
          '无锡机床厂',
          '无锡市总工会',
          OCCUPATION,
          '高级工',
        ]),
      );
      await workbook.xlsx.writeFile(sheet);
      await page.getByTestId('menu-import').click();
      await page.getByTestId('import-file').setInputFiles(sheet);
      await page.getByTestId('import-clean').waitFor();
      await page.getByTestId('import-commit').click();
      await expectText(page.getByTestId('import-summary'), `新增 ${PEOPLE.length} 条报名`);
      await shot('import');

      await page.getByTestId('menu-entries').click();
      const table = page.getByTestId('entries-table');
      await table.getByText(PEOPLE[0]).waitFor();
      await table.locator('thead .el-checkbox').click();
      await page.getByTestId('review-approve').click();
      await page.waitForFunction(
        (n) =>
          [...document.querySelectorAll('[data-testid="entry-status"]')].filter(
            (e) => e.textContent?.trim() === '已通过',
          ).length === n,
        PEOPLE.length,
      );
      const entries = await get<{ status: string; entryNo: string }[]>(
        `/editions/${editionId}/entries?eventId=${eventId}`,
      );
      expect(entries.map((e) => e.status)).toEqual(PEOPLE.map(() => 'approved'));

      await page.getByTestId('menu-draw').click();
      await page.getByTestId('draw-button').click();
      await page.locator('.el-message-box').getByRole('button', { name: '确认' }).click();
      await page.getByTestId('draw-grid').waitFor();
      expect(await page.getByTestId('draw-cell').count()).toBe(PEOPLE.length);

      await page.getByTestId('menu-check-in').click();
      const roster = page.getByTestId('roster');
      await roster
        .locator('tbody tr')
        .nth(PEOPLE.length - 1)
        .waitFor();
      const entryNos = (await roster.locator('tbody tr td:nth-child(2)').allInnerTexts()).map((s) =>
        s.trim(),
      );
      expect(entryNos.sort()).toEqual(entries.map((e) => e.entryNo).sort());
      const input = page.getByTestId('check-in-input');
      for (const entryNo of entryNos) {
        await input.fill(entryNo);
        await input.press('Enter');
      }
      await waitUntil(async () =>
        (await page.getByTestId('check-in-counts').innerText())
          .replace(/\s+/g, ' ')
          .includes(`已检录 ${PEOPLE.length} 缺考 0 待检录 0`),
      );
      await shot('check-in');
      const rosterNow = await get<{ checkInStatus: string | null }[]>(`/events/${eventId}/roster`);
      expect(rosterNow.map((r) => r.checkInStatus)).toEqual(PEOPLE.map(() => 'present'));
      expect(desk.pageErrors).toEqual([]);
    },
  );

  walk('chief judge: builds the scheme and assigns the two judges by name', async () => {
    await signIn(page, server.baseUrl, 'chief');
    await openChiefTab('评分标准');
    const editor = page.getByTestId('chief-scheme');
    await editor.getByTestId('scheme-empty').waitFor();
    await editor.getByTestId('add-module').click();
    const module = editor.getByTestId('scheme-module-0');
    await module.getByTestId('module-name').fill('錾削与锉配');
    // A1 a measurement (one agreed value per piece, whoever takes it), A2 judged by each judge.
    const a1 = module.getByTestId('aspect-0-0');
    await fillAspect(a1, { description: '配合尺寸', max: '60', step: '0.5' });
    await module.getByTestId('add-aspect').click();
    const a2 = module.getByTestId('aspect-0-1');
    await fillAspect(a2, { code: 'A2', description: '工艺规范', max: '40', step: '1' });
    await choose(page, a2.getByTestId('aspect-kind'), '评价');
    await a2.getByTestId('aspect-spread').fill('2');
    await editor.getByTestId('scheme-total').getByText('100 / 100').waitFor();
    await editor.getByTestId('scheme-save').click();
    await page.getByText('评分标准已保存').waitFor();
    const scheme = await get<{
      modules: { id: number; code: string; aspects: { code: string; kind: string }[] }[];
    }>(`/events/${eventId}/scheme`, chief.token);
    expect(scheme.modules.map((m) => [m.code, m.aspects.map((a) => [a.code, a.kind])])).toEqual([
      [
        'A',
        [
          ['A1', 'measurement'],
          ['A2', 'judgement'],
        ],
      ],
    ]);
    // The first edition's module keeps its own aspects (the scheme-id bug would move them).
    expect(firstEdition.moduleIds).not.toContain(scheme.modules[0].id);
    const old = await get<{ modules: { aspects: unknown[] }[] }>(
      `/events/${firstEdition.eventId}/scheme`,
      chief.token,
    );
    expect(old.modules.map((m) => m.aspects.length)).toEqual([2]);
    await shot('scheme');

    await page.getByTestId('chief-tabs').getByText('裁判分配', { exact: true }).click();
    const panel = page.getByTestId('chief-assignments');
    const select = panel.getByTestId('assign-select-A');
    await pickJudge(page, select, '王强', '评分裁判 王强');
    await pickJudge(page, select, '陈刚', '评分裁判 陈刚');
    await panel.getByTestId('assign-save').click();
    await page.getByText('分配已保存').waitFor();
    const [judge1, judge2] = await Promise.all(
      ['judge1', 'judge2'].map((u) => login(server.baseUrl, u)),
    );
    const overview = await get<{ code: string; judges: { judgeId: number }[] }[]>(
      `/events/${eventId}/assignments`,
      chief.token,
    );
    expect(overview.map((m) => [m.code, m.judges.map((j) => j.judgeId).sort()])).toEqual([
      ['A', [judge1.userId, judge2.userId].sort()],
    ]);
    await shot('assign');
    expect(desk.pageErrors).toEqual([]);
  });

  walk('encryption judge: makes the codes', async () => {
    await signIn(page, server.baseUrl, 'encryptor');
    await page.goto(`${server.baseUrl}/desk/editions/${editionId}/codes?event=${eventId}`);
    await page.getByTestId('codes-generate').click();
    await page.locator('.el-message-box').getByRole('button', { name: '确认' }).click();
    const map = page.getByTestId('code-map');
    await waitUntil(async () => (await map.locator('tbody tr').count()) === PEOPLE.length);
    const codes = await codeMap();
    expect(codes).toHaveLength(PEOPLE.length);
    for (const row of codes) {
      await map.getByText(row.workpieceCode).waitFor();
    }
    await page.locator('.el-message-box').waitFor({ state: 'hidden' });
    await shot('codes');
  });

  // Filled in by the marking step, read by the later ones.
  let aspectIds: Record<string, number>;
  let codes: string[];
  /** judge1 and judge2 agree except on the first piece's A2 (5 apart, 2 allowed). */
  const value = (judge: string, cell: string): number => {
    const [code, aspect] = cell.split(':');
    const k = codes.indexOf(code);
    if (aspect === 'A1') {
      return 50 + k;
    }
    return judge === 'judge2' && k === 0 ? 35 : 30 + k;
  };

  async function enterOnPad(tablet: Page, judge: string): Promise<string> {
    const cell = (await tablet.getByTestId('pad-target').getAttribute('data-cell')) ?? '';
    await tablet.keyboard.type(String(value(judge, cell)));
    await tablet.keyboard.press('Enter');
    await tablet.waitForFunction(
      (old) =>
        document.querySelector('[data-testid="pad-target"]')?.getAttribute('data-cell') !== old,
      cell,
    );
    return cell;
  }

  const pending = (tablet: Page, n: number) =>
    tablet
      .getByTestId('sync-pending')
      .filter({ hasText: new RegExp(`^\\s*${n} 条待发送\\s*$`) })
      .waitFor({ timeout: 30_000 });

  async function tasksOf(username: string): Promise<Task | undefined> {
    const judge = await login(server.baseUrl, username);
    const tasks = await get<Task[]>('/judge/tasks', judge.token);
    return tasks.find((x) => x.eventId === eventId);
  }

  walk(
    'two judges mark on tablets, one offline for part of it; nothing lost or doubled',
    async () => {
      codes = (await codeMap()).map((r) => r.workpieceCode);
      const scheme = await get<{ modules: { aspects: { id: number; code: string }[] }[] }>(
        `/events/${eventId}/scheme`,
        chief.token,
      );
      aspectIds = Object.fromEntries(scheme.modules[0].aspects.map((a) => [a.code, a.id]));
      const cells = codes.length * 2;
      for (const judge of ['judge1', 'judge2']) {
        tablets[judge] = await launchBrowser(TABLET);
      }
      async function open(judge: string): Promise<Page> {
        const tablet = tablets[judge].page;
        await signIn(tablet, server.baseUrl, judge);
        await tablet.waitForURL('**/judge');
        // Today's event only: last edition's final event is not on the tablet.
        await expectText(tablet.getByTestId('judge-tasks'), EVENT);
        expect(await tablet.getByTestId('judge-tasks').innerText()).not.toContain('数控车工');
        await tablet.getByTestId('pad-target').waitFor();
        return tablet;
      }
      const one = await open('judge1');
      for (let i = 0; i < cells; i += 1) {
        await enterOnPad(one, 'judge1');
      }
      await pending(one, 0);
      await shot('judge1-marked', one);
      // Judge 2 finds judge 1's measurements on the sheet and marks only the judgements.
      const two = await open('judge2');
      for (const code of codes) {
        await expectText(two.getByTestId(`cell-${code}-A1`), String(value('judge1', `${code}:A1`)));
      }
      const own = codes.length;
      await enterOnPad(two, 'judge2');
      await pending(two, 0);
      await waitUntil(async () => (await tasksOf('judge2'))?.marks.length === own + 1, 15_000);
      await tablets.judge2.context.setOffline(true);
      await two.getByTestId('sync-offline').waitFor();
      for (let i = 1; i < own; i += 1) {
        await enterOnPad(two, 'judge2');
      }
      await pending(two, own - 1);
      await shot('judge2-offline', two);
      expect((await tasksOf('judge2'))?.marks).toHaveLength(own + 1);
      await tablets.judge2.context.setOffline(false);
      await pending(two, 0);

      for (const judge of ['judge1', 'judge2']) {
        const marks = (await tasksOf(judge))?.marks ?? [];
        const codeOf = new Map(Object.entries(aspectIds).map(([c, id]) => [id, c]));
        const byCell = marks.map((m) => `${m.workpieceCode}:${codeOf.get(m.aspectId)}`);
        expect(new Set(byCell).size).toBe(cells);
        expect(marks).toHaveLength(cells);
        for (const m of marks) {
          expect([m.workpieceCode, m.value]).toEqual([
            m.workpieceCode,
            value(judge, `${m.workpieceCode}:${codeOf.get(m.aspectId)}`),
          ]);
        }
        const tablet = tablets[judge].page;
        await tablet.getByTestId('sign-module').tap();
        await tablet.locator('.el-message-box__btns .el-button--primary').tap();
        await tablet.getByTestId('signed-tag').waitFor();
        expect((await tasksOf(judge))?.signedAt).not.toBeNull();
      }
      expect(tablets.judge1.pageErrors).toEqual([]);
      expect(tablets.judge2.pageErrors).toEqual([]);
    },
  );

  walk(
    'chief flags the spread; the judge sees the reason on the tablet, re-marks and signs again',
    async () => {
      const reason = '工艺规范分差 5 分，超过允许的 2 分，请复评';
      await signIn(page, server.baseUrl, 'chief');
      await openChiefTab('分差预警');
      const flags = page.getByTestId('chief-flags');
      await flags.getByText(codes[0]).waitFor();
      expect(await get<unknown[]>(`/events/${eventId}/flags`, chief.token)).toHaveLength(1);
      await flags.getByTestId('request-remark').click();
      const judges = page.getByTestId('remark-judges');
      await judges.locator('.el-tag', { hasText: '王强' }).locator('.el-tag__close').click();
      await judges.locator('.el-tag', { hasText: '王强' }).waitFor({ state: 'detached' });
      await page
        .locator('textarea[data-testid="remark-reason"], [data-testid="remark-reason"] textarea')
        .fill(reason);
      await shot('remark-request');
      await page.getByTestId('remark-send').click();
      await page.getByText('已通知裁判重评').first().waitFor();
      const asked = await tasksOf('judge2');
      expect([asked?.signedAt, asked?.requests.map((r) => r.reason)]).toEqual([null, [reason]]);
      expect((await tasksOf('judge1'))?.signedAt).not.toBeNull();

      const two = tablets.judge2.page;
      const cleared = two.getByTestId('signature-cleared');
      await cleared.waitFor({ timeout: 30_000 });
      await expectText(cleared, reason);
      await expectText(two.getByTestId(`request-${codes[0]}-A2`), reason);
      await shot('judge2-request', two);
      await two.getByTestId(`cell-${codes[0]}-A2`).tap();
      await two.keyboard.type('31');
      await two.keyboard.press('Enter');
      await two
        .locator(`[data-testid="cell-${codes[0]}-A2"] .badge`)
        .waitFor({ state: 'detached' });
      await pending(two, 0);
      await two.getByTestId('resign').tap();
      await two.getByTestId('signed-tag').waitFor();
      const answered = await tasksOf('judge2');
      expect(answered?.signedAt).not.toBeNull();
      expect(
        answered?.marks.find((m) => m.workpieceCode === codes[0] && m.aspectId === aspectIds.A2)
          ?.value,
      ).toBe(31);
      expect(await get<unknown[]>(`/events/${eventId}/flags`, chief.token)).toEqual([]);
      expect(tablets.judge2.pageErrors).toEqual([]);
      await Promise.all(Object.values(tablets).map((b) => b.close()));
      for (const judge of Object.keys(tablets)) {
        delete tablets[judge];
      }
    },
  );

  walk(
    'chief locks, imports theory (dry run, then commit), and decrypts with the supervisor',
    async () => {
      await page.getByTestId('chief-tabs').getByText('评分进度', { exact: true }).click();
      const card = page.getByTestId('progress-A');
      const progress = await get<{ entered: number; expected: number }[]>(
        `/events/${eventId}/progress`,
        chief.token,
      );
      expect(progress.map((p) => p.entered === p.expected && p.expected > 0)).toEqual([true]);
      await expectText(card, `已评 ${progress[0].entered} / ${progress[0].expected}`);
      await card.getByTestId('lock').click();
      await page.locator('.el-message-box__btns .el-button--primary').click();
      await card.getByTestId('unlock').waitFor();
      const locked = await get<{ code: string; lockedAt: string | null }[]>(
        `/events/${eventId}/progress`,
        chief.token,
      );
      expect(locked.map((m) => m.lockedAt !== null)).toEqual([true]);
      await shot('locked');

      await page.getByTestId('chief-tabs').getByText('理论与用时', { exact: true }).click();
      const panel = page.getByTestId('chief-theory');
      const map = await codeMap();
      const bad = artifactPath('edition-theory-bad.csv');
      writeFileSync(bad, ['检录号,理论成绩', 'NOPE9,80', `${map[0].checkInCode},75`].join('\n'));
      await panel.getByTestId('theory-file').setInputFiles(bad);
      // The marks are locked: the sheet needs the chief judge's reason, asked beside the file.
      await expectText(panel, '评分已锁定，修改须填写理由');
      await textBox(panel, 'theory-reason').fill('考试系统补考成绩并入');
      await panel.getByTestId('theory-recheck').click();
      await panel.getByTestId('theory-row-errors').getByText('校验发现 1 处错误').waitFor();
      expect(await panel.getByTestId('theory-import-run').isDisabled()).toBe(true);
      const theoryOf = (code: string) => 70 + map.findIndex((r) => r.checkInCode === code) * 4;
      const good = artifactPath('edition-theory.csv');
      writeFileSync(
        good,
        ['检录号,理论成绩', ...map.map((r) => `${r.checkInCode},${theoryOf(r.checkInCode)}`)].join(
          '\n',
        ),
      );
      await panel.getByTestId('theory-file').setInputFiles(good);
      await panel.getByTestId('theory-checked').waitFor();
      await shot('theory-dry-run');
      await panel.getByTestId('theory-import-run').click();
      await page.getByText(`已导入 ${map.length} 条理论成绩`).waitFor();
      const scores = await get<{ workpieceCode: string; theory: number | null }[]>(
        `/events/${eventId}/scores`,
        chief.token,
      );
      expect(Object.fromEntries(scores.map((r) => [r.workpieceCode, r.theory]))).toEqual(
        Object.fromEntries(map.map((r) => [r.workpieceCode, theoryOf(r.checkInCode)])),
      );

      await page.getByTestId('chief-tabs').getByText('解密', { exact: true }).click();
      const decrypt = page.getByTestId('chief-decrypt');
      await decrypt.getByTestId('decrypt-open').click();
      const form = decrypt.getByTestId('decrypt-form');
      await form.getByTestId('decrypt-username').fill('supervisor');
      await form.getByTestId('decrypt-password').fill(DEMO_PASSWORD);
      await form.getByTestId('decrypt-confirm').click();
      await expectText(decrypt.getByTestId('decrypt-done'), '监督仲裁 刘洋');
      const event = await get<{ decryptedAt: string | null }>(`/events/${eventId}`, chief.token);
      expect(event.decryptedAt).not.toBeNull();
      await shot('decrypted');
      expect(desk.pageErrors).toEqual([]);
    },
  );

  walk(
    'organiser: results, 公示 with the chief judge’s short-window exception, final',
    async () => {
      await signIn(page, server.baseUrl, 'organizer');
      await page.goto(`${server.baseUrl}/admin/editions/${editionId}/results?event=${eventId}`);
      await page.getByTestId('results-compute').click();
      await expectText(page.getByTestId('results-status'), '待公示');
      const computed = await get<{ status: string; rows: { name: string; total: number }[] }>(
        `/events/${eventId}/results`,
      );
      expect(computed.rows.map((r) => r.name).sort()).toEqual([...PEOPLE].sort());
      for (const row of computed.rows) {
        await expectText(page.getByTestId('results-table'), row.name);
      }

      await page.getByTestId('results-publish').click();
      const form = page.getByTestId('publish-form');
      // The window ends a few seconds from now: shorter than the policy's 5 days.
      const end = Date.now() + 6_000;
      const endText = await page.evaluate((ms) => {
        const d = new Date(ms);
        const p = (n: number) => String(n).padStart(2, '0');
        return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
      }, end);
      const endInput = form.locator('.el-date-editor input').nth(1);
      await endInput.fill(endText);
      await endInput.press('Enter');
      await page.getByTestId('publish-submit').click();
      await page.getByTestId('publish-reason').waitFor();
      await textBox(page, 'publish-reason').fill('集中公示，裁判长批准缩短');
      await textBox(page, 'publish-chief').fill('chief');
      await textBox(page, 'publish-chief-password').fill(DEMO_PASSWORD);
      await shot('publish-exception');
      await page.getByTestId('publish-submit').click();
      await expectText(page.getByTestId('results-status'), '公示中');
      expect(await page.getByTestId('results-finalize').isDisabled()).toBe(true);
      await expectText(page.getByTestId('results-finalize-blocker'), '公示期尚未结束');

      await new Promise((r) => setTimeout(r, Math.max(0, end - Date.now() + 500)));
      await page.reload();
      await page.getByTestId('results-finalize').click();
      await page.locator('.el-message-box .el-button--primary').click();
      await expectText(page.getByTestId('results-status'), '最终成绩');
      const final = await get<{ status: string; rows: unknown[] }>(`/events/${eventId}/results`);
      expect([final.status, final.rows.length]).toEqual(['final', PEOPLE.length]);
      await shot('final');
      expect(desk.pageErrors).toEqual([]);
    },
  );

  walk('ledger: one organiser generates the grants, another approves them', async () => {
    await page.getByTestId('menu-ledger').click();
    await page.getByTestId('ledger-compute').click();
    const table = page.getByTestId('grants-table');
    const rows = table.locator('.el-table__body-wrapper tbody tr');
    const grants = async () =>
      get<{ status: string; cash: number; eventId: number | null }[]>(
        `/editions/${editionId}/grants`,
      );
    await waitUntil(async () => (await grants()).length > 0);
    const computed = await grants();
    expect(computed.every((g) => g.eventId === eventId && g.status === 'pending')).toBe(true);
    await waitUntil(async () => (await rows.count()) === computed.length);
    const sum = computed.reduce((s, g) => s + g.cash, 0);
    await expectText(page.getByTestId('grant-total'), `¥${sum.toLocaleString('zh-CN')}`);

    await signIn(page, server.baseUrl, 'admin');
    await page.goto(`${server.baseUrl}/admin/editions/${editionId}/ledger`);
    await waitUntil(async () => (await rows.count()) === computed.length);
    await table.locator('thead .el-checkbox').click();
    await page.getByTestId('ledger-approve').click();
    await waitUntil(async () => (await grants()).every((g) => g.status === 'approved'));
    await expectText(table.getByTestId('grant-status'), '已审批');
    await shot('ledger-approved');
    // The first edition's grants are its own: none moved into this edition.
    const before = await get<unknown[]>(`/editions/${firstEdition.editionId}/grants`);
    expect(before.length).toBeGreaterThan(0);
    expect(desk.pageErrors).toEqual([]);
  });
});

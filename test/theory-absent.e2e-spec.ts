import ExcelJS from 'exceljs';
import request from 'supertest';
import { judgeToResults, makeJudges, prepareEvent, PreparedEvent } from './support/competition-day';
import { publishAndFinalize } from './support/edition-run';
import { binary, databaseHash, settledDatabaseHash } from './support/factories';
import { createTestApp, onPostgres, TestApp } from './support/test-app';

/**
 * Issue #14 §3: a competitor absent from theory is marked so by the chief judge, with a reason;
 * theory then counts 0 and every sheet says 缺考 (the results, the results sheet, the award list,
 * the contestant's own page). Anyone missing theory who is not marked still stops the results
 * (THEORY_MISSING). Marking twice at once writes once; bad input changes nothing.
 */
describe('缺考: absent from theory, marked by the chief judge with a reason', () => {
  let t: TestApp;
  let day: PreparedEvent;
  const N = 8;
  // Contestant 1 and 2 sit no theory; 1 has the best practical.
  const practical = [60, 100, 90, 50];
  const theory = [60, null, null, 50];

  beforeAll(async () => {
    t = await createTestApp();
    day = await prepareEvent(t, 4, { rules: { quota: { kind: 'fixed', counts: [1, 1, 1] } } });
    const [judge] = await makeJudges(t, [null]);
    await judgeToResults(
      t,
      day,
      judge,
      { practical: (i) => practical[i], theory: (i) => theory[i] },
      { compute: false },
    );
  }, 60_000);
  afterAll(() => t.close());

  const absent = (checkInCode: string, reason?: string, auth = day.chief.auth) =>
    request(t.url)
      .post(`/api/events/${day.eventId}/theory/absent`)
      .set(auth)
      .send({ checkInCode, ...(reason === undefined ? {} : { reason }) });
  const compute = () =>
    request(t.url).post(`/api/events/${day.eventId}/results/compute`).set(day.chief.auth);
  const query = <T>(sql: string, params: unknown[] = []) =>
    t.dataSource.query(onPostgres() ? sql : sql.replace(/\$\d+/g, '?'), params) as Promise<T>;

  it('refuses bad input with its code and changes nothing', async () => {
    const cases: [() => request.Test, number, string][] = [
      [() => absent(day.checkInCodeOf[1]), 422, 'THEORY_ABSENT_REASON_REQUIRED'],
      [() => absent(day.checkInCodeOf[1], '   '), 422, 'THEORY_ABSENT_REASON_REQUIRED'],
      [() => absent('NO-SUCH', '因病缺考'), 404, 'CHECK_IN_CODE_UNKNOWN'],
      // A score was imported: that is corrected through the import, not marked absent.
      [() => absent(day.checkInCodeOf[0], '因病缺考'), 409, 'THEORY_ALREADY_SCORED'],
      [() => absent(day.checkInCodeOf[1], '因病缺考', day.organizer.auth), 403, 'FORBIDDEN_ROLE'],
    ];
    const before = await settledDatabaseHash(t.dataSource);
    for (const [send, status, code] of cases) {
      const res = await send();
      expect([res.status, res.body.code]).toEqual([status, code]);
    }
    expect(await databaseHash(t.dataSource)).toBe(before);
  });

  it('marks once when the chief judge’s request arrives N times at once', async () => {
    const responses = await Promise.all(
      Array.from({ length: N }, () =>
        absent(day.checkInCodeOf[1], '因病未参加理论考试（有医院证明）'),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(N).fill(200));
    expect(responses.filter((r) => r.body.changed).length).toBe(1);
    const [{ n }] = await query<{ n: string }[]>(
      'SELECT COUNT(*) AS n FROM "theory_scores" WHERE "workpieceCode" = $1 AND "absent" = $2',
      [day.codeOf[1], onPostgres() ? true : 1],
    );
    const audit = await query<{ reason: string }[]>(
      'SELECT "reason" FROM "audit_log" WHERE "action" = $1 AND "entityId" = $2',
      ['theory.absent', day.codeOf[1]],
    );
    expect([Number(n), audit.map((a) => a.reason)]).toEqual([
      1,
      ['因病未参加理论考试（有医院证明）'],
    ]);
    process.stdout.write(
      `${JSON.stringify({ theoryAbsentRace: onPostgres() ? 'postgres' : 'sqlite', requests: N, effects: Number(n), auditRows: audit.length })}\n`,
    );
  });

  it('still refuses the results for someone missing theory who is not marked absent', async () => {
    const res = await compute();
    expect([res.status, res.body.code, res.body.details]).toEqual([
      409,
      'THEORY_MISSING',
      { workpieceCodes: [day.codeOf[2]], checkInCodes: [day.checkInCodeOf[2]] },
    ]);
  });

  it('counts theory 0 and shows 缺考 on the results and the results sheet', async () => {
    await absent(day.checkInCodeOf[2], '迟到超过30分钟，取消理论考试资格').expect(200);
    const res = await compute().expect(200);
    const rows = res.body.rows as {
      name: string;
      total: number;
      prize: number | null;
      theoryAbsent: boolean;
    }[];
    // 参赛者1: 100 × 70 % = 70; 参赛者2: 90 × 70 % = 63; 参赛者0: 60; 参赛者3: 50.
    expect(rows.map((r) => [r.name, r.total, r.prize, r.theoryAbsent])).toEqual([
      ['参赛者1', 70, 1, true],
      ['参赛者2', 63, 2, true],
      ['参赛者0', 60, 3, false],
      ['参赛者3', 50, null, false],
    ]);
    const sheet = await request(t.url)
      .get(`/api/events/${day.eventId}/results/sheet`)
      .set(day.chief.auth)
      .expect(200);
    const line = (name: string) => sheet.text.split('<tr>').find((r) => r.includes(`>${name}<`))!;
    expect(line('参赛者1')).toMatch(/<td>缺考<\/td><td>70\.00<\/td>/);
    expect(line('参赛者0')).toMatch(/<td>60\.00<\/td><td>60\.00<\/td>/);
  });

  it('takes a theory score imported later instead of the mark (the chief judge, with a reason)', async () => {
    await request(t.url)
      .post(`/api/events/${day.eventId}/theory`)
      .set(day.chief.auth)
      .send({ scores: [{ checkInCode: day.checkInCodeOf[2], score: 30 }], reason: '补考成绩' })
      .expect(200);
    const scores = (
      await request(t.url).get(`/api/events/${day.eventId}/scores`).set(day.chief.auth).expect(200)
    ).body as { workpieceCode: string; theory: number; theoryAbsent: boolean }[];
    expect(scores.find((s) => s.workpieceCode === day.codeOf[2])).toMatchObject({
      theory: 30,
      theoryAbsent: false,
    });
    const audit = await query<{ before: string }[]>(
      'SELECT "before" FROM "audit_log" WHERE "action" = $1 AND "entityId" = $2',
      ['theory.recorded', day.codeOf[2]],
    );
    expect(audit.map((a) => JSON.parse(a.before) as unknown)).toEqual([{ score: 0, absent: true }]);
    const res = await compute().expect(200);
    // 参赛者2: 90 × 70 % + 30 × 30 % = 72, now ahead of 参赛者1's 70.
    expect(
      (
        res.body.rows as { name: string; total: number; prize: number; theoryAbsent: boolean }[]
      ).map((r) => [r.name, r.total, r.prize, r.theoryAbsent]),
    ).toEqual([
      ['参赛者2', 72, 1, false],
      ['参赛者1', 70, 2, true],
      ['参赛者0', 60, 3, false],
      ['参赛者3', 50, null, false],
    ]);
  });

  it('prints 缺考 on the award list and shows it on /me', async () => {
    await publishAndFinalize(t, day, [day.eventId]);
    await request(t.url).post('/api/editions/1/grants/compute').set(day.organizer.auth).expect(200);
    const list = await request(t.url)
      .get('/api/editions/1/documents/award-list.xlsx')
      .set(day.organizer.auth)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(list.body as ArrayBuffer);
    const cells = (wb.worksheets[0].getSheetValues().slice(1) as unknown[][]).map((row) =>
      (row ?? []).slice(1).map((c) => String(c ?? '')),
    );
    const note = cells[0].indexOf('备注');
    const noteOf = (name: string) => cells.find((r) => r.includes(name))![note];
    expect([noteOf('参赛者1'), noteOf('参赛者2'), noteOf('参赛者0')]).toEqual(['理论缺考', '', '']);

    const rows = (
      await request(t.url).get(`/api/events/${day.eventId}/results`).set(day.chief.auth).expect(200)
    ).body.rows as { name: string; contestantId: number }[];
    const account = await request(t.url)
      .post(`/api/contestants/${rows.find((r) => r.name === '参赛者1')!.contestantId}/account`)
      .set(day.organizer.auth)
      .send({})
      .expect(201);
    const login = await request(t.url)
      .post('/api/auth/login')
      .send({ username: account.body.username, password: account.body.password })
      .expect(200);
    const me = await request(t.url)
      .get('/api/me/contestant')
      .set({ Authorization: `Bearer ${login.body.accessToken}` })
      .expect(200);
    expect(me.body.entries[0].result).toMatchObject({ total: 70, prize: 2, theoryAbsent: true });
  });

  it('refuses a mark once the results are final', async () => {
    const before = await settledDatabaseHash(t.dataSource);
    const res = await absent(day.checkInCodeOf[3], '补记');
    expect([res.status, res.body.code]).toEqual([409, 'RESULTS_FINAL']);
    expect(await databaseHash(t.dataSource)).toBe(before);
  });
});

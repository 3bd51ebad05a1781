import request from 'supertest';
import { judgeToResults, makeJudges, PreparedEvent, Session } from './support/competition-day';
import { makeContestant, makeEdition, makeEvent, makeIdNumber, signIn } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

/**
 * Issue #14, "Done when": an edition that does not run on defaults, driven through the public
 * API as an organiser would, to final results and the awards ledger, compared with a table
 * written by hand. Worker event: fixed counts 1 / 4 / 3, a tie at the 2nd/3rd boundary, a
 * practical floor of 60, a past prize-winner (1st in 2025) who takes no prize. Student event:
 * fixed counts 1 / 1 / 1, a title and certificates only.
 */
interface Person {
  name: string;
  level: string;
  practical: number;
  theory: number;
  idSeq: number;
}

const PAST_WINNER_ID = makeIdNumber('1988-01-20', 901);

describe('an edition with its own rules, to final results and grants', () => {
  let t: TestApp;
  let organizer: Session;
  let chief: Session;
  let encryptor: Session;
  let judge: Session & { id: number };

  beforeAll(async () => {
    t = await createTestApp();
    organizer = await signIn(t, 'organizer', 'org');
    chief = await signIn(t, 'chief_judge', 'chief');
    encryptor = await signIn(t, 'encryption_judge', 'enc');
    [judge] = await makeJudges(t, [null]);
  });
  afterAll(() => t.close());

  /** Registers, approves, draws, checks in and encrypts; then judges, decrypts and computes. */
  async function runEvent(
    editionId: number,
    event: Record<string, unknown>,
    people: Person[],
    group: 'worker' | 'student',
  ): Promise<PreparedEvent> {
    const eventId = (
      await request(t.url)
        .post(`/api/editions/${editionId}/events`)
        .set(organizer.auth)
        .send(makeEvent({ ...event, group }))
        .expect(201)
    ).body.id as number;
    const entryNos: string[] = [];
    for (const p of people) {
      const idNumber = p.idSeq === 0 ? PAST_WINNER_ID : makeIdNumber('1990-05-05', p.idSeq);
      const res = await request(t.url)
        .post('/api/entries')
        .set(organizer.auth)
        .send({
          eventId,
          group,
          contestant: makeContestant({
            idNumber,
            name: p.name,
            qualificationLevel: p.level,
            unitName: '无锡市总工会',
          }),
        })
        .expect(201);
      entryNos.push(res.body.entryNo);
    }
    const entries = (
      await request(t.url)
        .get(`/api/editions/${editionId}/entries`)
        .query({ eventId })
        .set(organizer.auth)
        .expect(200)
    ).body as { id: number }[];
    await request(t.url)
      .post('/api/entries/review')
      .set(organizer.auth)
      .send({ entryIds: entries.map((e) => e.id), decision: 'approve' })
      .expect(200);
    await request(t.url)
      .post(`/api/events/${eventId}/draw`)
      .set(organizer.auth)
      .send({})
      .expect(201);
    for (const entryNo of entryNos) {
      await request(t.url)
        .post(`/api/events/${eventId}/check-in`)
        .set(organizer.auth)
        .send({ entryNo, status: 'present' })
        .expect(200);
    }
    await request(t.url).post(`/api/events/${eventId}/codes`).set(encryptor.auth).expect(201);
    const map = (
      await request(t.url).get(`/api/events/${eventId}/code-map`).set(encryptor.auth).expect(200)
    ).body as { entryNo: string; workpieceCode: string; checkInCode: string }[];
    const byEntry = new Map(map.map((r) => [r.entryNo, r]));
    const day: PreparedEvent = {
      eventId,
      editionId,
      organizer,
      chief,
      encryptor,
      codeOf: entryNos.map((no) => byEntry.get(no)!.workpieceCode),
      checkInCodeOf: entryNos.map((no) => byEntry.get(no)!.checkInCode),
    };
    await judgeToResults(t, day, judge, {
      practical: (i) => people[i].practical,
      theory: (i) => people[i].theory,
    });
    return day;
  }

  async function makeFinal(eventIds: number[]): Promise<void> {
    const now = Date.now();
    for (const id of eventIds) {
      await request(t.url)
        .post(`/api/events/${id}/results/publish`)
        .set(chief.auth)
        .send({
          reason: '测试：缩短公示期',
          start: new Date(now - 60_000).toISOString(),
          end: new Date(now + 1_500).toISOString(),
        })
        .expect(200);
    }
    await new Promise((r) => setTimeout(r, 1_700));
    for (const id of eventIds) {
      await request(t.url)
        .post(`/api/events/${id}/results/finalize`)
        .set(organizer.auth)
        .expect(200);
    }
  }

  const edition = async (year: number) =>
    (
      await request(t.url)
        .post('/api/editions')
        .set(organizer.auth)
        .send(makeEdition({ year, name: `第${year}届` }))
        .expect(201)
    ).body.id as number;

  interface Line {
    name: string;
    rank: number | null;
    prize: number | null;
    noPrizeReason: string | null;
    contestantId: number;
  }
  const results = async (eventId: number) =>
    (await request(t.url).get(`/api/events/${eventId}/results`).set(chief.auth).expect(200)).body
      .rows as Line[];

  it('matches the hand-written table for every prize, upgrade and yuan', async () => {
    // 2025: 王往届 wins the 1st prize of 数控车工 (worker group).
    const e2025 = await edition(2025);
    const past = await runEvent(
      e2025,
      {
        occupation: '数控车工',
        name: '数控车工(职工组)',
        rules: { quota: { kind: 'fixed', counts: [1, 1, 1] } },
      },
      [
        { name: '王往届', level: 'senior', practical: 95, theory: 90, idSeq: 0 },
        { name: '甲', level: 'senior', practical: 80, theory: 80, idSeq: 101 },
        { name: '乙', level: 'senior', practical: 70, theory: 70, idSeq: 102 },
      ],
      'worker',
    );
    await makeFinal([past.eventId]);
    expect((await results(past.eventId)).map((r) => [r.name, r.prize])).toEqual([
      ['王往届', 1],
      ['甲', 2],
      ['乙', 3],
    ]);

    // 2027: the same occupation with its own rules.
    const e2027 = await edition(2027);
    const workers: Person[] = [
      { name: '王往届', level: 'technician', practical: 95, theory: 95, idSeq: 0 }, //      95.0
      { name: '赵一', level: 'technician', practical: 92, theory: 90, idSeq: 201 }, //      91.4
      { name: '钱二', level: 'senior', practical: 90, theory: 88, idSeq: 202 }, //          89.4
      { name: '孙三', level: 'senior_technician', practical: 88, theory: 86, idSeq: 203 }, // 87.4
      { name: '李四', level: 'intermediate', practical: 86, theory: 84, idSeq: 204 }, //    85.4
      { name: '周五', level: 'senior', practical: 84, theory: 80, idSeq: 205 }, //          82.8
      { name: '吴六', level: 'senior', practical: 84, theory: 80, idSeq: 206 }, //          82.8 (tie)
      { name: '郑七', level: 'intermediate', practical: 82, theory: 70, idSeq: 207 }, //    78.4
      { name: '冯八', level: 'senior', practical: 58, theory: 100, idSeq: 208 }, //         70.6 < floor
      { name: '陈九', level: 'senior', practical: 70, theory: 60, idSeq: 209 }, //          67.0
      { name: '褚十', level: 'senior', practical: 65, theory: 60, idSeq: 210 }, //          63.5
    ];
    const worker = await runEvent(
      e2027,
      {
        occupation: '数控车工',
        name: '数控车工(职工组)',
        rules: {
          quota: { kind: 'fixed', counts: [1, 4, 3] },
          floor: { practical: 60 },
          pastWinners: { editions: 1 },
        },
      },
      workers,
      'worker',
    );
    const students: Person[] = [
      { name: '学生甲', level: 'intermediate', practical: 90, theory: 90, idSeq: 301 },
      { name: '学生乙', level: 'intermediate', practical: 80, theory: 80, idSeq: 302 },
      { name: '学生丙', level: 'junior', practical: 70, theory: 70, idSeq: 303 },
      { name: '学生丁', level: 'junior', practical: 60, theory: 60, idSeq: 304 },
    ];
    const student = await runEvent(
      e2027,
      {
        occupation: '数控车工',
        name: '数控车工(学生组)',
        level: 'senior',
        rules: { quota: { kind: 'fixed', counts: [1, 1, 1] } },
      },
      students,
      'student',
    );

    // The hand-written table: name → rank, prize or why none.
    expect(
      (await results(worker.eventId)).map((r) => [r.name, r.rank, r.prize ?? r.noPrizeReason]),
    ).toEqual([
      ['王往届', 1, 'past-winner'],
      ['赵一', 2, 1], // the next in line moves up to the 1st prize
      ['钱二', 3, 2],
      ['孙三', 4, 2],
      ['李四', 5, 2],
      ['周五', 6, 2], // tied across the 2nd/3rd boundary: the higher prize for both
      ['吴六', 6, 2],
      ['郑七', 8, 3],
      ['冯八', 9, 'below-floor'], // practical 58 < 60
      ['陈九', 10, 3], // moves up past the floor
      ['褚十', 11, 'beyond-quota'],
    ]);
    expect(
      (await results(student.eventId)).map((r) => [r.name, r.rank, r.prize ?? r.noPrizeReason]),
    ).toEqual([
      ['学生甲', 1, 1],
      ['学生乙', 2, 2],
      ['学生丙', 3, 3],
      ['学生丁', 4, 'beyond-quota'],
    ]);

    await makeFinal([worker.eventId, student.eventId]);
    await request(t.url)
      .post(`/api/editions/${e2027}/grants/compute`)
      .set(organizer.auth)
      .expect(200);
    const names = new Map(
      [...(await results(worker.eventId)), ...(await results(student.eventId))].map((r) => [
        r.contestantId,
        r.name,
      ]),
    );
    const grants = (
      await request(t.url).get(`/api/editions/${e2027}/grants`).set(organizer.auth).expect(200)
    ).body as {
      contestantId: number;
      prize: number;
      titles: string[];
      modelWorkerTreatment: boolean;
      upgradeFrom: string | null;
      upgradeTo: string | null;
      upgradeNote: string | null;
      upgradeCode: string | null;
      cash: number;
    }[];
    const ledger = grants
      .map((g) => [
        names.get(g.contestantId),
        g.prize,
        g.titles.join('、'),
        g.modelWorkerTreatment,
        g.upgradeTo,
        g.cash,
      ])
      .sort((a, b) => String(a[0]).localeCompare(String(b[0]), 'zh-CN'));
    const SKILL = '无锡市技术能手、无锡市五一劳动奖章';
    const expected = [
      // name, prize, titles, 市劳模待遇, promoted to, yuan
      ['赵一', 1, '无锡技能状元', true, 'senior_technician', 50000], // technician → one up
      ['钱二', 2, SKILL, false, 'technician', 20000],
      ['孙三', 2, SKILL, false, null, 20000], // already 高级技师: no promotion
      ['李四', 2, SKILL, false, 'technician', 20000],
      ['周五', 2, SKILL, false, 'technician', 20000],
      ['吴六', 2, SKILL, false, 'technician', 20000],
      ['郑七', 3, SKILL, false, 'senior', 10000],
      ['陈九', 3, SKILL, false, 'technician', 10000], // already 高级工 → one up
      ['学生甲', 1, '学生技能状元', false, null, 0], // students: title and certificate only
      ['学生乙', 2, '', false, null, 0],
      ['学生丙', 3, '', false, null, 0],
    ].sort((a, b) => String(a[0]).localeCompare(String(b[0]), 'zh-CN'));
    expect(ledger).toEqual(expected);
    // Why there is no promotion is kept in Chinese, with its code beside (printed on the lists).
    const notes = new Map(
      grants.map((g) => [names.get(g.contestantId), [g.upgradeNote, g.upgradeCode]]),
    );
    expect(notes.get('孙三')).toEqual(['已是最高等级，不再晋升', 'at-top']);
    expect(notes.get('学生甲')).toEqual(['该奖项不含职业资格晋升', 'none']);
    expect(notes.get('钱二')).toEqual([null, 'to-target']);
    const line = (await results(worker.eventId)).find((r) => r.name === '孙三') as Line & {
      upgrade: string;
    };
    expect(line.upgrade).toBe('已是最高等级，不再晋升');
    const cash = grants.reduce((sum, g) => sum + g.cash, 0);
    expect(cash).toBe(170_000);
    const totals = (
      await request(t.url)
        .get(`/api/editions/${e2027}/grants/totals`)
        .set(organizer.auth)
        .expect(200)
    ).body;
    expect(JSON.stringify(totals)).toContain('170000');
  });
});

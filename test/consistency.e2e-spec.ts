import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import request from 'supertest';
import { QueryFailedError } from 'typeorm';
import { TEAM_SIZE } from '../src/domain/competition';
import { eventOptions } from '../src/domain/event-rules';
import { eventResults } from '../src/domain/results';
import { computeStandings } from '../src/domain/standings';
import { CompetitionEvent } from '../src/editions/entities/competition-event.entity';
import { Edition } from '../src/editions/entities/edition.entity';
import { ScoringService } from '../src/judging/scoring.service';
import { diffPublic, PublicRow, toPublicRows } from '../src/live/public-standings';
import { StandingsService } from '../src/live/standings.service';
import { PoliciesService } from '../src/policies/policies.service';
import { Entry } from '../src/registration/entities/entry.entity';
import {
  makeJudges,
  prepareEvent,
  PreparedEvent,
  Session,
  supervisorCredentials,
} from './support/competition-day';
import { makeContestant, makeEdition, makeEvent, makeIdNumber, signIn } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

/**
 * Publishes the event's board as the service's timer would. On PostgreSQL that timer (armed by
 * the lock just made) may be publishing the same change at this moment, and one of the two
 * inserts of the next update number then meets the unique index; the loser is simply run again.
 */
async function publishBoard(t: TestApp, eventId: number): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await t.app.get(StandingsService).publish(eventId);
    } catch (error) {
      if (
        attempt >= 3 ||
        !(error instanceof QueryFailedError && /unique|UNIQUE/.test(error.message))
      ) {
        throw error;
      }
    }
  }
}

/**
 * The oracle for the live board: the standings computed in one go from the locked marks as they
 * are stored now, with names once the event is decrypted — what StandingsService must have
 * reached lock by lock. It does not publish: a publication with no module change pending is
 * itself a full recompute, and would hide a wrong incremental table.
 */
async function liveEqualsFullRecompute(t: TestApp, eventId: number): Promise<boolean> {
  const snapshot = await t.app.get(StandingsService).snapshot(eventId);
  const manager = t.dataSource.manager;
  const event = await manager.findOneByOrFail(CompetitionEvent, { id: eventId });
  const scores = await t.app.get(ScoringService).scoreEvent(manager, eventId, {
    lockedOnly: true,
  });
  const entries = await manager.find(Entry, {
    where: { eventId },
    relations: { contestant: { unit: true } },
  });
  const workstation = new Map(entries.map((e) => [e.id, e.workstationNo]));
  const names = event.decryptedAt
    ? new Map(
        entries.map((e) => [
          e.id,
          { name: e.contestant?.name ?? '', unitName: e.contestant?.unit?.name ?? '' },
        ]),
      )
    : null;
  const full = toPublicRows(
    computeStandings(
      scores.map((s) => ({
        entryId: s.entryId,
        workstationNo: workstation.get(s.entryId) ?? null,
        modules: Object.fromEntries(
          Object.entries(s.modules).filter(([, v]) => v !== null),
        ) as Record<string, number>,
        theory: s.theory,
        timeUsedSeconds: s.timeUsedSeconds,
      })),
      { ...eventOptions(event).weights, ranking: eventOptions(event).ranking },
    ),
    names,
  );
  const { changes, removed } = diffPublic(snapshot.rows.map(canonical), full.map(canonical));
  return changes.length === 0 && removed.length === 0;
}

/**
 * Module marks in scheme-code order: a table kept lock by lock lists modules in the order they
 * were locked, a recompute in the scheme's; the board reads them by code, so that is no difference.
 */
function canonical(row: PublicRow): PublicRow {
  if (!('modules' in row)) {
    return row;
  }
  return {
    ...row,
    modules: Object.fromEntries(Object.entries(row.modules).sort(([a], [b]) => a.localeCompare(b))),
  };
}

/**
 * After random sequences of mark edits, locks and unlocks, the standings the live service keeps
 * incrementally (lock by lock) equal a full recompute from the stored marks.
 */
describe('consistency: incremental standings equal a full recompute after random sequences', () => {
  let t: TestApp;
  let day: PreparedEvent;
  let judge: Session & { id: number };
  const modules: { id: number; aspectId: number; code: string }[] = [];
  const versions = new Map<string, number>();

  beforeAll(async () => {
    t = await createTestApp({ LIVE_INTERVAL_MS: '60000' });
    day = await prepareEvent(t, 6, { status: 'published' });
    await request(t.url)
      .patch('/api/editions/1')
      .set(day.organizer.auth)
      .send({ status: 'published' })
      .expect(200);
    [judge] = await makeJudges(t, ['JU']);
    const scheme = {
      modules: ['A', 'B', 'C'].map((code, i) => ({
        code,
        name: code,
        aspects: [
          {
            code: `${code}1`,
            description: code,
            kind: 'measurement',
            max: [40, 30, 30][i],
            step: 0.5,
          },
        ],
      })),
    };
    const put = await request(t.url)
      .put(`/api/events/${day.eventId}/scheme`)
      .set(day.chief.auth)
      .send(scheme)
      .expect(200);
    for (const m of put.body.modules) {
      modules.push({ id: m.id, aspectId: m.aspects[0].id, code: m.code });
    }
    await request(t.url)
      .put(`/api/events/${day.eventId}/assignments`)
      .set(day.chief.auth)
      .send({ modules: modules.map((m) => ({ moduleId: m.id, judgeIds: [judge.id] })) })
      .expect(200);
    for (const m of modules) {
      for (const code of day.codeOf) {
        const res = await request(t.url)
          .post('/api/judge/marks')
          .set(judge.auth)
          .send({ clientId: randomUUID(), workpieceCode: code, aspectId: m.aspectId, value: 10 })
          .expect(201);
        versions.set(`${m.aspectId}|${code}`, res.body.body.version);
      }
    }
  }, 60_000);
  afterAll(() => t.close());

  type Op =
    | { kind: 'lock' | 'unlock'; module: number }
    | { kind: 'edit'; module: number; piece: number; value: number };

  const apply = async (op: Op, locked: Set<number>) => {
    const m = modules[op.module];
    if (op.kind === 'lock' && !locked.has(m.id)) {
      await request(t.url).post(`/api/judge/modules/${m.id}/sign`).set(judge.auth).expect(200);
      await request(t.url).post(`/api/modules/${m.id}/lock`).set(day.chief.auth).expect(200);
      locked.add(m.id);
    } else if (op.kind === 'unlock' && locked.has(m.id)) {
      await request(t.url)
        .post(`/api/modules/${m.id}/unlock`)
        .set(day.chief.auth)
        .send({ reason: 'property' })
        .expect(200);
      locked.delete(m.id);
    } else if (op.kind === 'edit' && !locked.has(m.id)) {
      const key = `${m.aspectId}|${day.codeOf[op.piece]}`;
      const res = await request(t.url)
        .post('/api/judge/marks')
        .set(judge.auth)
        .send({
          clientId: randomUUID(),
          workpieceCode: day.codeOf[op.piece],
          aspectId: m.aspectId,
          value: op.value,
          baseVersion: versions.get(key),
        })
        .expect(200);
      versions.set(key, res.body.body.version);
    }
  };

  it('holds for 25 random sequences', async () => {
    const locked = new Set<number>();
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.record({
        kind: fc.constantFrom('lock' as const, 'unlock' as const),
        module: fc.integer({ min: 0, max: 2 }),
      }),
      fc.record({
        kind: fc.constant('edit' as const),
        module: fc.integer({ min: 0, max: 2 }),
        piece: fc.integer({ min: 0, max: 5 }),
        value: fc.integer({ min: 0, max: 60 }).map((v) => v / 2),
      }),
    );
    let checks = 0;
    let steps = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 6 }), async (ops) => {
        for (const o of ops) {
          await apply(o, locked);
          await publishBoard(t, day.eventId);
          steps += 1;
        }
        checks += 1;
        return liveEqualsFullRecompute(t, day.eventId);
      }),
      { numRuns: 25, seed: 339 },
    );
    console.log(`live standings: ${checks} sequences, ${steps} steps checked`);
    expect(checks).toBe(25);
  }, 120_000);
});

/**
 * Whole competition days, one event each, in one edition: random marks and theory, random edits,
 * locks and unlocks, then lock, decrypt, results, publication (公示) and random appeals — filed,
 * rejected, or accepted and carried out through the chief judge (unlock, re-mark, sign, lock,
 * recompute) — then final results and the awards ledger. After every step the live board equals
 * a full recompute; every computation of results equals the domain's from the stored marks; and
 * the ledger, filled event by event and computed again (idempotent), equals the one computed
 * from scratch from every final event's stored marks.
 *
 * Publication lasts days and the appeal deadline is hours away, as in docs/domain.md: only Date is
 * faked (timers, I/O and the database run for real) so a day's publication can end at once.
 */
describe('consistency: appeals, final results and the awards ledger after random competition days', () => {
  const HOUR = 3_600_000;
  /** Half a second to a second a day on SQLite, on a busy machine: the file stays under 40 s. */
  const DAYS = 25;
  const MODULES = [
    { code: 'A', max: 60 },
    { code: 'B', max: 40 },
  ];
  let t: TestApp;
  let editionId: number;
  let organizer: Session;
  /** Four eyes: the grants one organizer computes, another approves. */
  let approver: Session;
  let chief: Session;
  let encryptor: Session;
  let supervisor: Session;
  let judge: Session & { id: number };

  beforeAll(async () => {
    // Tokens signed now must outlive the days the fake clock moves on.
    t = await createTestApp({ LIVE_INTERVAL_MS: '60000', ACCESS_TOKEN_TTL_SECONDS: '31536000' });
    organizer = await signIn(t, 'organizer', 'org');
    approver = await signIn(t, 'organizer', 'approver');
    chief = await signIn(t, 'chief_judge', 'chief');
    encryptor = await signIn(t, 'encryption_judge', 'enc');
    supervisor = await signIn(t, 'supervisor', 'arbiter');
    [judge] = await makeJudges(t, ['JU']);
    editionId = (
      await request(t.url)
        .post('/api/editions')
        .set(organizer.auth)
        .send(makeEdition({ status: 'published' }))
        .expect(201)
    ).body.id;
  }, 60_000);
  afterAll(async () => {
    jest.useRealTimers();
    await t.close();
  });

  type MarkOp =
    | { kind: 'lock' | 'unlock'; module: number }
    | { kind: 'edit'; module: number; piece: number; step: number };
  type AppealOp =
    | { kind: 'file' | 'reject' | 'compute' | 'ledger' }
    | { kind: 'accept'; module: number; piece: number; step: number };
  interface Day {
    /** Per contestant: [A, B] practical marks in 5-point steps, theory in 10-point steps. */
    contestants: { marks: [number, number]; theory: number }[];
    marking: MarkOp[];
    publication: AppealOp[];
    approve: boolean;
  }

  const markValue = (module: number, step: number) => Math.min(MODULES[module].max, 5 * step);
  const day: fc.Arbitrary<Day> = fc.record({
    // Coarse marks make ties, shared ranks and ties across a prize boundary common.
    contestants: fc.array(
      fc.record({
        marks: fc.tuple(fc.integer({ min: 6, max: 12 }), fc.integer({ min: 4, max: 8 })),
        theory: fc.integer({ min: 6, max: 10 }),
      }),
      { minLength: 3, maxLength: 8 },
    ),
    marking: fc.array(
      fc.oneof(
        fc.record({
          kind: fc.constantFrom('lock' as const, 'unlock' as const),
          module: fc.integer({ min: 0, max: 1 }),
        }),
        fc.record({
          kind: fc.constant('edit' as const),
          module: fc.integer({ min: 0, max: 1 }),
          piece: fc.nat(5),
          step: fc.integer({ min: 4, max: 12 }),
        }),
      ),
      { maxLength: 3 },
    ),
    publication: fc.array(
      fc.oneof(
        { arbitrary: fc.record({ kind: fc.constant('file' as const) }), weight: 2 },
        {
          arbitrary: fc.record({
            kind: fc.constant('accept' as const),
            module: fc.integer({ min: 0, max: 1 }),
            piece: fc.nat(5),
            step: fc.integer({ min: 0, max: 12 }),
          }),
          weight: 3,
        },
        { arbitrary: fc.record({ kind: fc.constant('reject' as const) }), weight: 1 },
        {
          arbitrary: fc.record({ kind: fc.constantFrom('compute' as const, 'ledger' as const) }),
          weight: 1,
        },
      ),
      { maxLength: 5 },
    ),
    approve: fc.boolean(),
  });

  /** The domain's results from the stored marks, as if computed for the first time. */
  async function resultsFromScratch(eventId: number) {
    const manager = t.dataSource.manager;
    const event = await manager.findOneByOrFail(CompetitionEvent, { id: eventId });
    const edition = await manager.findOneByOrFail(Edition, { id: event.editionId });
    const policy = await t.app.get(PoliciesService).forEdition(manager, edition);
    const scores = new Map(
      (await t.app.get(ScoringService).scoreEvent(manager, eventId)).map((s) => [s.entryId, s]),
    );
    const entries = await manager.find(Entry, {
      where: { eventId, status: 'approved' },
      relations: { contestant: true },
    });
    const contestantOf = new Map(entries.map((e) => [e.id, e.contestantId]));
    const rows = eventResults(
      entries.map((e) => {
        const score = scores.get(e.id);
        return {
          id: e.id,
          status:
            e.checkInStatus === 'present' && score !== undefined && score.practical !== null
              ? ('competed' as const)
              : ('absent' as const),
          theory: score?.theory ?? null,
          practical: score?.practical ?? 0,
          timeUsedSeconds: score?.timeUsedSeconds ?? null,
          currentLevel: e.contestant?.qualificationLevel ?? null,
          teamSize: TEAM_SIZE[event.mode],
        };
      }),
      eventOptions(event),
      policy,
    );
    return rows.map((r) => ({ ...r, contestantId: contestantOf.get(r.id)! }));
  }

  async function resultsEqualScratch(eventId: number): Promise<boolean> {
    const stored = (
      await request(t.url).get(`/api/events/${eventId}/results`).set(organizer.auth).expect(200)
    ).body.rows as {
      entryId: number;
      rank: number | null;
      tied: boolean;
      prize: number | null;
      total: number | null;
      noPrizeReason: string | null;
      cash: number;
      titles: string[];
    }[];
    const line = (r: (typeof stored)[number]) =>
      JSON.stringify([
        r.entryId,
        r.rank,
        r.tied,
        r.prize,
        r.total,
        r.noPrizeReason,
        r.cash,
        r.titles,
      ]);
    const expected = (await resultsFromScratch(eventId)).map((r) =>
      line({
        entryId: r.id,
        rank: r.rank,
        tied: r.tied,
        prize: r.prize,
        total: r.total,
        noPrizeReason: r.noPrizeReason,
        cash: r.grant?.cashPerPerson ?? 0,
        titles: r.grant?.titles ?? [],
      }),
    );
    return JSON.stringify(stored.map(line).sort()) === JSON.stringify(expected.sort());
  }

  interface LedgerLine {
    eventId: number | null;
    contestantId: number;
    prize: number | null;
    titles: string[];
    modelWorkerTreatment: boolean;
    upgradeFrom: string | null;
    upgradeTo: string | null;
    cash: number;
  }
  const ledgerKey = (g: LedgerLine) =>
    JSON.stringify([
      g.eventId,
      g.contestantId,
      g.prize,
      g.titles,
      g.modelWorkerTreatment,
      g.upgradeFrom,
      g.upgradeTo,
      g.cash,
    ]);

  /** The ledger as stored, and as computed from scratch from every final event's marks. */
  async function ledgers(): Promise<{ stored: string[]; scratch: string[] }> {
    const stored = (
      await request(t.url).get(`/api/editions/${editionId}/grants`).set(organizer.auth).expect(200)
    ).body as LedgerLine[];
    const finals = await t.dataSource.manager.find(CompetitionEvent, {
      where: { editionId, resultsStatus: 'final' },
    });
    const scratch: LedgerLine[] = [];
    for (const event of finals) {
      for (const r of await resultsFromScratch(event.id)) {
        if (r.grant) {
          scratch.push({
            eventId: event.id,
            contestantId: r.contestantId,
            prize: r.grant.prize,
            titles: r.grant.titles,
            modelWorkerTreatment: r.grant.modelWorkerTreatment,
            upgradeFrom: r.grant.upgrade.from,
            upgradeTo: r.grant.upgrade.to,
            cash: r.grant.cashPerPerson,
          });
        }
      }
    }
    return { stored: stored.map(ledgerKey).sort(), scratch: scratch.map(ledgerKey).sort() };
  }

  /** Registers, approves, draws, checks in and encrypts the day's contestants in a new event. */
  async function openDay(k: number, count: number) {
    const eventId = (
      await request(t.url)
        .post(`/api/editions/${editionId}/events`)
        .set(organizer.auth)
        .send(makeEvent({ occupation: `工种${k}`, name: `工种${k}(职工组)`, status: 'published' }))
        .expect(201)
    ).body.id as number;
    const born = new Date(Date.UTC(1970, 0, 1 + 37 * k)).toISOString().slice(0, 10);
    const entryNos: string[] = [];
    for (let i = 0; i < count; i += 1) {
      const res = await request(t.url)
        .post('/api/entries')
        .set(organizer.auth)
        .send({
          eventId,
          group: 'worker',
          contestant: makeContestant({
            idNumber: makeIdNumber(born, 100 + i),
            name: `第${k}天选手${i}`,
            unitName: `U${i % 4}`,
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
    const scheme = await request(t.url)
      .put(`/api/events/${eventId}/scheme`)
      .set(chief.auth)
      .send({
        modules: MODULES.map((m) => ({
          code: m.code,
          name: m.code,
          aspects: [
            { code: `${m.code}1`, description: m.code, kind: 'measurement', max: m.max, step: 0.5 },
          ],
        })),
      })
      .expect(200);
    const modules = (scheme.body.modules as { id: number; aspects: { id: number }[] }[]).map(
      (m) => ({ id: m.id, aspectId: m.aspects[0].id }),
    );
    await request(t.url)
      .put(`/api/events/${eventId}/assignments`)
      .set(chief.auth)
      .send({ modules: modules.map((m) => ({ moduleId: m.id, judgeIds: [judge.id] })) })
      .expect(200);
    return {
      eventId,
      modules,
      codes: entryNos.map((no) => byEntry.get(no)!.workpieceCode),
      checkInCodes: entryNos.map((no) => byEntry.get(no)!.checkInCode),
    };
  }

  it(`holds for ${DAYS} random days`, async () => {
    jest.useFakeTimers({
      now: Date.now(),
      advanceTimers: true,
      doNotFake: [
        'hrtime',
        'nextTick',
        'performance',
        'queueMicrotask',
        'requestAnimationFrame',
        'cancelAnimationFrame',
        'requestIdleCallback',
        'cancelIdleCallback',
        'setImmediate',
        'clearImmediate',
        'setInterval',
        'clearInterval',
        'setTimeout',
        'clearTimeout',
      ],
    });
    const tally = {
      days: 0,
      steps: 0,
      results: 0,
      ledgers: 0,
      appeals: 0,
      accepted: 0,
      grants: 0,
    };
    let ledgerSize = 0;

    const property = fc.asyncProperty(day, async (d) => {
      const k = (tally.days += 1);
      const n = d.contestants.length;
      const { eventId, modules, codes, checkInCodes } = await openDay(k, n);
      const versions = new Map<string, number>();
      const locked = new Set<number>();
      const failures: string[] = [];
      /** After every step the board is published and compared with a full recompute. */
      const step = async (label: string) => {
        tally.steps += 1;
        await publishBoard(t, eventId);
        if (!(await liveEqualsFullRecompute(t, eventId))) {
          failures.push(`live standings after ${label}`);
        }
      };
      const computeResults = async (label: string) => {
        await request(t.url)
          .post(`/api/events/${eventId}/results/compute`)
          .set(chief.auth)
          .expect(200);
        tally.results += 1;
        if (!(await resultsEqualScratch(eventId))) {
          failures.push(`results after ${label}`);
        }
        await step(label);
      };
      const mark = async (module: number, piece: number, value: number, reason?: string) => {
        const key = `${module}|${piece}`;
        const res = await request(t.url)
          .post('/api/judge/marks')
          .set(judge.auth)
          .send({
            clientId: randomUUID(),
            workpieceCode: codes[piece],
            aspectId: modules[module].aspectId,
            value,
            baseVersion: versions.get(key),
            ...(reason ? { reason } : {}),
          })
          .expect(200);
        versions.set(key, res.body.body.version);
      };
      const lock = async (module: number) => {
        const id = modules[module].id;
        await request(t.url).post(`/api/judge/modules/${id}/sign`).set(judge.auth).expect(200);
        await request(t.url).post(`/api/modules/${id}/lock`).set(chief.auth).expect(200);
        locked.add(module);
      };
      const unlock = async (module: number, reason: string) => {
        await request(t.url)
          .post(`/api/modules/${modules[module].id}/unlock`)
          .set(chief.auth)
          .send({ reason })
          .expect(200);
        locked.delete(module);
      };

      // Marking: every piece marked, theory imported, then random edits, locks and unlocks.
      const initial = modules.flatMap((m, module) =>
        codes.map((workpieceCode, piece) => ({
          key: `${module}|${piece}`,
          mark: {
            clientId: randomUUID(),
            workpieceCode,
            aspectId: m.aspectId,
            value: markValue(module, d.contestants[piece].marks[module]),
          },
        })),
      );
      const batch = await request(t.url)
        .post('/api/judge/marks/batch')
        .set(judge.auth)
        .send({ marks: initial.map((i) => i.mark) })
        .expect(200);
      const answers = batch.body.results as {
        clientId: string;
        status: number;
        body: { version: number };
      }[];
      for (const { key, mark: sent } of initial) {
        const answer = answers.find((r) => r.clientId === sent.clientId)!;
        expect(answer.status).toBe(201);
        versions.set(key, answer.body.version);
      }
      await request(t.url)
        .post(`/api/events/${eventId}/theory`)
        .set(chief.auth)
        .send({
          scores: checkInCodes.map((checkInCode, i) => ({
            checkInCode,
            score: 10 * d.contestants[i].theory,
          })),
        })
        .expect(200);
      for (const op of d.marking) {
        if (op.kind === 'lock' && !locked.has(op.module)) {
          await lock(op.module);
        } else if (op.kind === 'unlock' && locked.has(op.module)) {
          await unlock(op.module, 'property');
        } else if (op.kind === 'edit' && !locked.has(op.module)) {
          await mark(op.module, op.piece % n, markValue(op.module, op.step));
        }
        await step(op.kind);
      }
      for (const module of [0, 1].filter((m) => !locked.has(m))) {
        await lock(module);
        await step('lock');
      }
      await request(t.url)
        .post(`/api/events/${eventId}/decrypt`)
        .set(chief.auth)
        .send(await supervisorCredentials(t))
        .expect(200);
      await step('decrypt');
      await computeResults('compute');

      // Publication: five days of 公示, appeals until two hours from now.
      const published = Date.now();
      const end = published + 5 * 24 * HOUR;
      await request(t.url)
        .post(`/api/events/${eventId}/results/publish`)
        .set(organizer.auth)
        .send({
          start: new Date(published).toISOString(),
          end: new Date(end).toISOString(),
          appealDeadline: new Date(published + 2 * HOUR).toISOString(),
        })
        .expect(200);
      await step('publish');
      const open: number[] = [];
      const file = async () => {
        const appeal = await request(t.url)
          .post(`/api/events/${eventId}/appeals`)
          .set(organizer.auth)
          .send({ text: `第${k}天 申诉 ${open.length + 1}` })
          .expect(201);
        open.push(appeal.body.id as number);
        tally.appeals += 1;
      };
      const decide = async (accept: boolean) => {
        if (open.length === 0) {
          await file();
        }
        const id = open.shift()!;
        await request(t.url)
          .post(`/api/appeals/${id}/decision`)
          .set(supervisor.auth)
          .send({ accept, decision: accept ? '申诉属实，更正成绩' : '经复核，成绩无误' })
          .expect(200);
        return id;
      };
      for (const op of d.publication) {
        switch (op.kind) {
          case 'file':
            await file();
            await step('file');
            break;
          case 'reject':
            await decide(false);
            await step('reject');
            break;
          case 'accept': {
            const id = await decide(true);
            tally.accepted += 1;
            const reason = `申诉 #${id}`;
            await unlock(op.module, reason);
            await step('appeal unlock');
            await mark(op.module, op.piece % n, markValue(op.module, op.step), reason);
            await lock(op.module);
            await step('appeal relock');
            await computeResults('appeal recompute');
            break;
          }
          case 'compute':
            await computeResults('recompute');
            break;
          case 'ledger': {
            // The event is not final yet: the ledger does not move.
            const res = await request(t.url)
              .post(`/api/editions/${editionId}/grants/compute`)
              .set(organizer.auth)
              .expect(200);
            expect(res.body).toMatchObject({ created: 0, unchanged: ledgerSize, updated: 0 });
            await step('ledger');
            break;
          }
        }
      }
      while (open.length > 0) {
        await decide(false);
        await step('reject');
      }

      // Publication over: final results, then the ledger, twice.
      jest.setSystemTime(end + 60_000);
      await request(t.url)
        .post(`/api/events/${eventId}/results/finalize`)
        .set(organizer.auth)
        .expect(200);
      await step('final');
      const expectedNew = (await resultsFromScratch(eventId)).filter((r) => r.grant).length;
      const first = await request(t.url)
        .post(`/api/editions/${editionId}/grants/compute`)
        .set(organizer.auth)
        .expect(200);
      expect(first.body).toMatchObject({ created: expectedNew, unchanged: ledgerSize, updated: 0 });
      ledgerSize += expectedNew;
      if (d.approve && expectedNew > 0) {
        const mine = (
          (
            await request(t.url)
              .get(`/api/editions/${editionId}/grants`)
              .set(organizer.auth)
              .expect(200)
          ).body as { id: number; eventId: number }[]
        ).filter((g) => g.eventId === eventId);
        await request(t.url)
          .post('/api/grants/approve')
          .set(approver.auth)
          .send({ grantIds: mine.map((g) => g.id) })
          .expect(200);
      }
      const again = await request(t.url)
        .post(`/api/editions/${editionId}/grants/compute`)
        .set(organizer.auth)
        .expect(200);
      expect(again.body).toMatchObject({ created: 0, unchanged: ledgerSize, updated: 0 });
      const { stored, scratch } = await ledgers();
      tally.ledgers += 1;
      tally.grants = stored.length;
      if (JSON.stringify(stored) !== JSON.stringify(scratch)) {
        failures.push('ledger');
      }
      expect(failures).toEqual([]);
    });
    try {
      // No shrinking: every run leaves a final event in the edition, so a shrunk re-run is not the
      // same experiment; the failing day is reported as generated.
      await fc.assert(property, { numRuns: DAYS, seed: 339, endOnFailure: true });
    } finally {
      jest.useRealTimers();
    }
    console.log(
      `appeals and ledger: ${tally.days} sequences (competition days), ${tally.steps} steps, ` +
        `each followed by a live-standings check; ${tally.results} results checks, ` +
        `${tally.ledgers} ledger checks; ${tally.appeals} appeals (${tally.accepted} accepted), ` +
        `${tally.grants} grants in the ledger`,
    );
    expect(tally.days).toBe(DAYS);
  }, 120_000);
});

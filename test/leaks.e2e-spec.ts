import { randomUUID } from 'node:crypto';
import { io, Socket } from 'socket.io-client';
import request from 'supertest';
import {
  judgeToResults,
  makeJudges,
  prepareEvent,
  PreparedEvent,
  Session,
  supervisorCredentials,
} from './support/competition-day';
import { signInContestant } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

/** Issue #13 item 3: nothing public before it is public. */
const connect = (url: string) =>
  new Promise<Socket>((resolve, reject) => {
    const socket = io(`${url}/live`, { transports: ['websocket'], reconnection: false });
    socket.on('connect', () => resolve(socket));
    socket.on('connect_error', reject);
  });
const emit = <T>(socket: Socket, event: string, body: unknown) =>
  socket.timeout(5000).emitWithAck(event, body) as Promise<T>;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface BoardRow {
  workstationNo: number;
  modules?: Record<string, number>;
  total?: number;
  rank?: number;
  name?: string;
}

describe('nothing public before it is public', () => {
  let t: TestApp;
  let shown: PreparedEvent;
  let draft: PreparedEvent;
  let judges: (Session & { id: number })[];

  beforeAll(async () => {
    t = await createTestApp({ LIVE_INTERVAL_MS: '50' });
    shown = await prepareEvent(t, 6, { status: 'published' });
    await request(t.url)
      .patch('/api/editions/1')
      .set(shown.organizer.auth)
      .send({ status: 'published' })
      .expect(200);
    // A second edition stays a draft.
    await prepareEvent(t, 2, {}, 2031);
    // A draft event inside the published edition.
    draft = await prepareEvent(t, 3, { name: '电工(职工组)', occupation: '电工' }, 2029, 1);
    judges = await makeJudges(t, ['JU', 'JV']);
  }, 90_000);
  afterAll(() => t.close());

  // First: its scheme must be the first one stored (see the report on PUT /scheme).
  it("the judge's attack: his own marks per code against the board before decryption map 0 codes", async () => {
    const [attacker, other] = judges;
    const scheme = await request(t.url)
      .put(`/api/events/${shown.eventId}/scheme`)
      .set(shown.chief.auth)
      .send({
        modules: ['A', 'B'].map((code) => ({
          code,
          name: code,
          aspects: [
            { code: `${code}1`, description: code, kind: 'measurement', max: 50, step: 0.5 },
          ],
        })),
      })
      .expect(200);
    const modules = scheme.body.modules as {
      id: number;
      code: string;
      aspects: { id: number }[];
    }[];
    await request(t.url)
      .put(`/api/events/${shown.eventId}/assignments`)
      .set(shown.chief.auth)
      .send({
        modules: modules.map((m) => ({ moduleId: m.id, judgeIds: [attacker.id, other.id] })),
      })
      .expect(200);
    // The attacker's own marks: distinct per piece; the other judge's are close to his.
    const own = new Map<string, number>();
    for (const [j, judge] of [attacker, other].entries()) {
      const marks = shown.codeOf.flatMap((workpieceCode, i) =>
        modules.map((m) => {
          const value = 20 + ((i * 7) % 6) * 4 + (m.code === 'B' ? 3 : 0) + j;
          if (j === 0 && m.code === 'A') {
            own.set(workpieceCode, value);
          }
          return { clientId: randomUUID(), workpieceCode, aspectId: m.aspects[0].id, value };
        }),
      );
      await request(t.url)
        .post('/api/judge/marks/batch')
        .set(judge.auth)
        .send({ marks })
        .expect(200);
    }
    for (const m of modules) {
      for (const judge of [attacker, other]) {
        await request(t.url).post(`/api/judge/modules/${m.id}/sign`).set(judge.auth).expect(200);
      }
    }
    const moduleA = modules.find((m) => m.code === 'A')!;
    await request(t.url).post(`/api/modules/${moduleA.id}/lock`).set(shown.chief.auth).expect(200);
    await pause(400);
    const board = (await request(t.url).get(`/api/events/${shown.eventId}/standings`).expect(200))
      .body as { rows: BoardRow[] };

    // The truth, known to the encryption judge and the organizers only.
    const entries = (
      await request(t.url)
        .get('/api/editions/1/entries')
        .query({ eventId: shown.eventId })
        .set(shown.organizer.auth)
        .expect(200)
    ).body as { entryNo: string; workstationNo: number }[];
    const map = (
      await request(t.url)
        .get(`/api/events/${shown.eventId}/code-map`)
        .set(shown.encryptor.auth)
        .expect(200)
    ).body as { entryNo: string; workpieceCode: string }[];
    const workstationOf = new Map(
      map.map((r) => [
        r.workpieceCode,
        entries.find((e) => e.entryNo === r.entryNo)!.workstationNo,
      ]),
    );

    // The attack: his mark for a code against each workstation's module score (the nearest), or,
    // when the board shows only totals or ranks, the same order.
    const guesses = new Map<string, number>();
    const scored = board.rows.filter((r) => r.modules?.A !== undefined || r.total !== undefined);
    for (const [code, mark] of own) {
      const byModule = scored
        .filter((r) => r.modules?.A !== undefined)
        .sort((a, b) => Math.abs(a.modules!.A - mark) - Math.abs(b.modules!.A - mark));
      if (byModule.length > 0) {
        guesses.set(code, byModule[0].workstationNo);
      }
    }
    if (guesses.size === 0 && scored.length > 0) {
      const byTotal = [...scored].sort((a, b) => (b.total ?? 0) - (a.total ?? 0));
      const byMark = [...own].sort((a, b) => b[1] - a[1]);
      byMark.forEach(([code], i) => guesses.set(code, byTotal[i].workstationNo));
    }
    const mapped = [...guesses].filter(([code, ws]) => workstationOf.get(code) === ws).length;
    console.log(
      `code mapping: the judge's own marks for ${own.size} codes against the board before decryption -> ${mapped} of ${own.size} codes mapped to workstations`,
    );
    expect(board.rows).toHaveLength(6);
    expect(mapped).toBe(0);
  });
  it('a draft event in a published edition: not in the feed, not pushed; joins for what is not public are refused', async () => {
    const viewer = await connect(t.url);
    expect(await emit(viewer, 'join', { editionId: 1 })).toEqual({ ok: true, editionId: 1 });
    const leaders: { eventId: number }[] = [];
    viewer.on('leaders', (push: { eventId: number }) => leaders.push(push));
    const refusals = {
      missing: await emit<{ error?: { code: string } }>(viewer, 'join', { editionId: 9999 }),
      draftEdition: await emit<{ error?: { code: string } }>(viewer, 'join', { editionId: 2 }),
      draftEvent: await emit<{ error?: { code: string } }>(viewer, 'join', {
        eventId: draft.eventId,
      }),
    };
    await judgeToResults(t, draft, judges[0], { practical: (i) => 60 + i, theory: () => 80 });
    await pause(600);
    const feed = await request(t.url)
      .get('/api/editions/1/feed')
      .query({ follow: 'false' })
      .expect(200);
    const lines = (feed.text as string)
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { eventId: number; changes: BoardRow[] });
    const feedLeaks = lines.filter((l) => l.eventId === draft.eventId);
    const pushLeaks = leaders.filter((l) => l.eventId === draft.eventId);
    console.log(
      `leaks: draft event decrypted in a published edition -> feed lines ${feedLeaks.length} ` +
        `(names: ${JSON.stringify(feedLeaks).includes('参赛者')}), leaders pushes ${pushLeaks.length}; ` +
        `joins: missing edition ${refusals.missing.error?.code ?? 'ok'}, draft edition ` +
        `${refusals.draftEdition.error?.code ?? 'ok'}, draft event ${refusals.draftEvent.error?.code ?? 'ok'}`,
    );
    expect(feedLeaks).toEqual([]);
    expect(pushLeaks).toEqual([]);
    expect(refusals).toEqual({
      missing: { error: expect.objectContaining({ code: 'EDITION_NOT_FOUND' }) },
      draftEdition: { error: expect.objectContaining({ code: 'EDITION_NOT_FOUND' }) },
      draftEvent: { error: expect.objectContaining({ code: 'EVENT_NOT_FOUND' }) },
    });
    viewer.close();
  });

  it("after decryption, before 公示: the board and the contestant's own page both say provisional, with the same row", async () => {
    const scheme = (
      await request(t.url)
        .get(`/api/events/${shown.eventId}/scheme`)
        .set(shown.chief.auth)
        .expect(200)
    ).body as { modules: { id: number; code: string; lockedAt: string | null }[] };
    for (const m of scheme.modules.filter((x) => x.lockedAt === null)) {
      await request(t.url).post(`/api/modules/${m.id}/lock`).set(shown.chief.auth).expect(200);
    }
    await request(t.url)
      .post(`/api/events/${shown.eventId}/decrypt`)
      .set(shown.chief.auth)
      .send(await supervisorCredentials(t))
      .expect(200);
    await pause(400);
    const board = (await request(t.url).get(`/api/events/${shown.eventId}/standings`).expect(200))
      .body as { provisional: boolean; rows: (BoardRow & { tied: boolean })[] };
    const entries = (
      await request(t.url)
        .get('/api/editions/1/entries')
        .query({ eventId: shown.eventId })
        .set(shown.organizer.auth)
        .expect(200)
    ).body as { workstationNo: number; contestant: { id: number } }[];
    const mine = entries[0];
    const contestant = await signInContestant(t, shown.organizer.auth, mine.contestant.id);
    const me = (await request(t.url).get('/api/me/contestant').set(contestant.auth).expect(200))
      .body as {
      entries: {
        eventId: number;
        result: unknown;
        provisional: { rank: number; total: number; tied: boolean } | null;
      }[];
    };
    const entry = me.entries.find((e) => e.eventId === shown.eventId)!;
    const row = board.rows.find((r) => r.workstationNo === mine.workstationNo)!;
    console.log(
      `board vs /me after decryption, before 公示: board provisional=${board.provisional} ` +
        `(rank ${row.rank}, total ${row.total}); /me provisional=${JSON.stringify(entry.provisional)}, result=${JSON.stringify(entry.result)}`,
    );
    expect(board.provisional).toBe(true);
    expect(entry.result).toBeNull();
    expect(entry.provisional).toEqual({ rank: row.rank, tied: row.tied, total: row.total });
  });
});

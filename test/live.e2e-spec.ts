import { randomUUID } from 'node:crypto';
import { io, Socket } from 'socket.io-client';
import request from 'supertest';
import { makeJudges, prepareEvent, PreparedEvent, Session } from './support/competition-day';
import { LiveUpdate } from '../src/live/live-update.entity';
import { createTestApp, TestApp } from './support/test-app';

interface Row {
  workstationNo: number;
  lockedModules: number;
  rank?: number;
  total?: number;
  name?: string;
}
interface Update {
  eventId: number;
  seq: number;
  changes: Row[];
  removed: number[];
}

/** A viewer that records every standings message and can rebuild the table from them. */
class Viewer {
  readonly updates: Update[] = [];
  table = new Map<number, Row>();
  seq = 0;
  constructor(readonly socket: Socket) {
    socket.on('standings', (u: Update) => {
      this.updates.push(u);
      this.apply(u);
    });
  }
  apply(u: { seq: number; changes: Row[]; removed: number[] }) {
    u.changes.forEach((r) => this.table.set(r.workstationNo, r));
    u.removed.forEach((w) => this.table.delete(w));
    this.seq = u.seq;
  }
  sorted() {
    return [...this.table.values()].sort((a, b) => a.workstationNo - b.workstationNo);
  }
}

const connect = (url: string) =>
  new Promise<Socket>((resolve, reject) => {
    const socket = io(`${url}/live`, { transports: ['websocket'], reconnection: false });
    socket.on('connect', () => resolve(socket));
    socket.on('connect_error', reject);
  });
const emit = <T>(socket: Socket, event: string, body: unknown) =>
  socket.timeout(5000).emitWithAck(event, body) as Promise<T>;
const waitFor = async (check: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) {
      throw new Error('timed out waiting');
    }
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('live standings over socket.io', () => {
  let t: TestApp;
  let day: PreparedEvent;
  let judge: Session & { id: number };
  const modules: Record<string, number> = {};
  const aspects: Record<string, number> = {};

  beforeAll(async () => {
    t = await createTestApp({ LIVE_INTERVAL_MS: '50' });
    day = await prepareEvent(t, 8, { status: 'published' });
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
    const res = await request(t.url)
      .put(`/api/events/${day.eventId}/scheme`)
      .set(day.chief.auth)
      .send(scheme)
      .expect(200);
    for (const m of res.body.modules) {
      modules[m.code] = m.id;
      aspects[m.code] = m.aspects[0].id;
    }
    await request(t.url)
      .put(`/api/events/${day.eventId}/assignments`)
      .set(day.chief.auth)
      .send({
        modules: Object.values(modules).map((moduleId) => ({ moduleId, judgeIds: [judge.id] })),
      })
      .expect(200);
    const marks = day.codeOf.flatMap((workpieceCode, i) =>
      Object.entries(aspects).map(([code, aspectId]) => ({
        clientId: randomUUID(),
        workpieceCode,
        aspectId,
        value: code === 'A' ? 10 + i * 2 : 20 - i,
      })),
    );
    await request(t.url).post('/api/judge/marks/batch').set(judge.auth).send({ marks }).expect(200);
    for (const id of Object.values(modules)) {
      await request(t.url).post(`/api/judge/modules/${id}/sign`).set(judge.auth).expect(200);
    }
  }, 60_000);
  afterAll(() => t.close());

  /** An unlock reopens the sheets, so the judge signs (again) before each lock. */
  const lock = async (code: string) => {
    await request(t.url)
      .post(`/api/judge/modules/${modules[code]}/sign`)
      .set(judge.auth)
      .expect(200);
    await request(t.url).post(`/api/modules/${modules[code]}/lock`).set(day.chief.auth).expect(200);
  };
  const unlock = (code: string) =>
    request(t.url)
      .post(`/api/modules/${modules[code]}/unlock`)
      .set(day.chief.auth)
      .send({ reason: '复核' })
      .expect(200);
  const snapshot = async () =>
    (await request(t.url).get(`/api/events/${day.eventId}/standings`).expect(200)).body as {
      seq: number;
      rows: Row[];
    };

  it('refuses bad joins cleanly and stays healthy', async () => {
    const socket = await connect(t.url);
    expect(await emit(socket, 'join', { eventId: 99999 })).toEqual({
      error: expect.objectContaining({ code: 'EVENT_NOT_FOUND' }),
    });
    expect(await emit(socket, 'join', { eventId: 'x' })).toEqual({
      error: expect.objectContaining({ code: 'VALIDATION_FAILED' }),
    });
    expect(await emit(socket, 'join', { eventId: day.eventId, since: 5 })).toEqual({
      error: expect.objectContaining({ code: 'SINCE_INVALID' }),
    });
    expect(await emit(socket, 'join', { eventId: day.eventId, since: -1 })).toEqual({
      error: expect.objectContaining({ code: 'SINCE_INVALID' }),
    });
    const answers = [];
    for (let i = 0; i < 35; i += 1) {
      answers.push(await emit<{ error?: { code: string } }>(socket, 'join', { editionId: 1 }));
    }
    expect(answers.some((a) => a.error?.code === 'TOO_MANY_JOINS')).toBe(true);
    socket.close();
    const big = await connect(t.url);
    const dropped = new Promise((resolve) => big.on('disconnect', resolve));
    big.emit('join', { eventId: day.eventId, pad: 'x'.repeat(64 * 1024) });
    await dropped;
    await request(t.url).get('/api/health').expect(200);
  });

  it('pushes numbered diffs in order as modules lock; no name before decryption', async () => {
    const viewer = new Viewer(await connect(t.url));
    const joined = await emit<{ seq: number; rows: Row[] }>(viewer.socket, 'join', {
      eventId: day.eventId,
    });
    expect(joined).toMatchObject({ seq: 0, rows: [] });
    await lock('A');
    await waitFor(() => viewer.seq === 1);
    await lock('B');
    await waitFor(() => viewer.seq === 2);
    expect(viewer.updates.map((u) => u.seq)).toEqual([1, 2]);
    const rows = viewer.sorted();
    expect(rows).toHaveLength(8);
    // Before decryption a row is its workstation and locked modules: no score to match codes with.
    expect(rows.map((r) => r.lockedModules)).toEqual(Array(8).fill(2));
    expect(JSON.stringify(viewer.updates)).not.toMatch(/参赛者|name|total|rank|modules"/);
    viewer.socket.close();
  });

  it('lets a client that missed three updates catch up to the same table as a fresh snapshot', async () => {
    const viewer = new Viewer(await connect(t.url));
    const joined = await emit<{ seq: number; rows: Row[] }>(viewer.socket, 'join', {
      eventId: day.eventId,
    });
    viewer.apply({ seq: joined.seq, changes: joined.rows, removed: [] });
    viewer.socket.close();
    const before = (await snapshot()).seq;
    await lock('C');
    await new Promise((r) => setTimeout(r, 150));
    await unlock('C');
    await new Promise((r) => setTimeout(r, 150));
    await unlock('B');
    await new Promise((r) => setTimeout(r, 150));
    const fresh = await snapshot();
    expect(fresh.seq).toBe(before + 3);

    const back = new Viewer(await connect(t.url));
    back.table = viewer.table;
    back.seq = viewer.seq;
    const caught = await emit<{ seq: number; updates: Update[] }>(back.socket, 'join', {
      eventId: day.eventId,
      since: viewer.seq,
    });
    expect(caught.updates.map((u) => u.seq)).toEqual([before + 1, before + 2, before + 3]);
    caught.updates.forEach((u) => back.apply(u));
    expect(back.sorted()).toEqual(
      [...fresh.rows].sort((a, b) => a.workstationNo - b.workstationNo),
    );
    back.socket.close();
  });

  it('answers a re-join storm from one kept snapshot, and a board that saw a newer push is answered fresh', async () => {
    const socket = await connect(t.url);
    const first = await emit<{ seq: number; rows: Row[] }>(socket, 'join', {
      eventId: day.eventId,
    });
    // Another instance publishes the next update (it writes the row; this one has not seen it).
    const next = first.seq + 1;
    const rows = first.rows.map((r) => ({ ...r, lockedModules: r.lockedModules + 10 }));
    await t.dataSource.getRepository(LiveUpdate).insert({
      editionId: 1,
      eventId: day.eventId,
      seq: next,
      kind: 'standings',
      payload: JSON.stringify({ changes: rows, removed: [], rows }),
      at: new Date().toISOString(),
    });
    // Within the second the snapshot is kept, every re-join gets the same table without a query
    // (five boards re-joining five times each: under the per-socket join limit).
    const boards = await Promise.all(Array.from({ length: 5 }, () => connect(t.url)));
    const storm = await Promise.all(
      boards.flatMap((board) =>
        Array.from({ length: 5 }, () =>
          emit<{ seq: number }>(board, 'join', { eventId: day.eventId }),
        ),
      ),
    );
    boards.forEach((board) => board.close());
    expect(new Set(storm.map((a) => a.seq))).toEqual(new Set([first.seq]));
    // A board that got the newer push over Redis asks `since` it: not refused, answered fresh.
    const caught = await emit<{ seq: number; updates: Update[] }>(socket, 'join', {
      eventId: day.eventId,
      since: next,
    });
    expect(caught).toEqual({ eventId: day.eventId, seq: next, updates: [] });
    expect((await snapshot()).seq).toBe(next);
    socket.close();
  });

  it('freeze hides changes until an organizer unfreezes', async () => {
    const viewer = new Viewer(await connect(t.url));
    await emit(viewer.socket, 'join', { eventId: day.eventId });
    await request(t.url)
      .post(`/api/events/${day.eventId}/freeze`)
      .set(day.organizer.auth)
      .expect(200);
    await request(t.url).post(`/api/events/${day.eventId}/freeze`).set(judge.auth).expect(403);
    await lock('B');
    await new Promise((r) => setTimeout(r, 300));
    expect(viewer.updates).toEqual([]);
    await request(t.url)
      .post(`/api/events/${day.eventId}/unfreeze`)
      .set(day.organizer.auth)
      .expect(200);
    await waitFor(() => viewer.updates.length === 1);
    viewer.socket.close();
  });

  it('pushes marking progress to organizers on /admin', async () => {
    const admin = io(`${t.url}/admin`, {
      transports: ['websocket'],
      reconnection: false,
      auth: { token: day.organizer.token },
    });
    await new Promise<void>((resolve) => admin.on('session', () => resolve()));
    const watched = (await admin.timeout(5000).emitWithAck('watch', { eventId: day.eventId })) as {
      progress: { code: string; expected: number; entered: number }[];
    };
    expect(watched.progress.map((p) => [p.code, p.expected, p.entered])).toEqual([
      ['A', 8, 8],
      ['B', 8, 8],
      ['C', 8, 8],
    ]);
    const pushed = new Promise<{ progress: { code: string; lockedAt: string | null }[] }>(
      (resolve) => admin.on('progress', resolve),
    );
    await unlock('A');
    expect((await pushed).progress.find((p) => p.code === 'A')?.lockedAt).toBeNull();
    admin.close();
    await lock('A');
  });

  it('shows names once the chief judge decrypts, and feeds external displays as NDJSON', async () => {
    await lock('C');
    await request(t.url)
      .post(`/api/events/${day.eventId}/decrypt`)
      .set(day.chief.auth)
      .send({ supervisor: '刘洋' })
      .expect(200);
    await new Promise((r) => setTimeout(r, 300));
    const named = await snapshot();
    expect(named.rows.every((r) => typeof r.name === 'string' && r.name.startsWith('参赛者'))).toBe(
      true,
    );
    // A + B + C = (10 + 2i) + (20 − i) + (20 − i) = 50 for everyone, × 70 % practical.
    expect(named.rows.map((r) => r.total)).toEqual(Array(8).fill(35));

    const feed = await request(t.url)
      .get('/api/editions/1/feed')
      .query({ follow: 'false' })
      .expect(200);
    expect(feed.headers['content-type']).toContain('application/x-ndjson');
    const lines = (feed.text as string)
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: number; seq: number });
    expect(lines.map((l) => l.seq)).toEqual(Array.from({ length: named.seq }, (_, i) => i + 1));
    const resumed = await request(t.url)
      .get('/api/editions/1/feed')
      .query({ follow: 'false', since: lines[2].id })
      .expect(200);
    expect((resumed.text as string).trim().split('\n')).toHaveLength(lines.length - 3);
    await request(t.url).get('/api/editions/1/feed').query({ since: -4 }).expect(400);
  });
});

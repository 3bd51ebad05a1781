import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/http';
import type { RemarkNotice } from '../api/contracts';
import { judgeDb, markKey, type LocalMark } from './db';

/**
 * The sheet's cells as the judge types on the pad: what each cell holds and shows, kept on the
 * tablet (a real IndexedDB, fake-indexeddb) while the network is down; the server is offline.
 */
vi.mock('../api/judging', () => ({
  judgeApi: {
    batch: () =>
      Promise.reject(new ApiError({ statusCode: 0, code: 'NETWORK_ERROR', message: '' })),
    tasks: () =>
      Promise.reject(new ApiError({ statusCode: 0, code: 'NETWORK_ERROR', message: '' })),
  },
}));

const { enterMark, isAnswered, resolveConflict } = await import('./sheet');
const { cellOf, pendingCount, state } = await import('./store');

const USER = 9;
const MODULE = 4;

beforeEach(() => {
  state.userId = USER;
  state.marks = {};
  // A batch is in flight: what the judge types now waits for the next one.
  state.flushing = true;
});

const notice = (over: Partial<RemarkNotice> = {}): RemarkNotice => ({
  aspectId: 1,
  workpieceCode: 'K01',
  reason: '复核',
  requestedAt: '2026-05-01T08:00:00.000Z',
  answered: false,
  ...over,
});

describe('a cell of the judge sheet', () => {
  it('is empty until marked, then pending and on the tablet before it is sent', async () => {
    expect(cellOf(1, 'K01')).toBeUndefined();
    await enterMark(MODULE, 1, 'K01', 7.5);
    expect(cellOf(1, 'K01')).toMatchObject({ state: 'pending', value: 7.5, sent: false });
    expect(pendingCount.value).toBe(1);
    const onDisk = (await judgeDb.marksOf(USER)).find((m) => m.key === markKey(USER, 1, 'K01'));
    expect(onDisk).toMatchObject({ state: 'pending', value: 7.5 });
  });

  it('keeps its client id when retyped before it left, and takes a new one after', async () => {
    await enterMark(MODULE, 2, 'K02', 3);
    const first = cellOf(2, 'K02')!.clientId;
    await enterMark(MODULE, 2, 'K02', 4);
    expect(cellOf(2, 'K02')).toMatchObject({ clientId: first, value: 4, state: 'pending' });
    // Once a write has left, an edit of the cell is a new write.
    cellOf(2, 'K02')!.sent = true;
    await enterMark(MODULE, 2, 'K02', 5);
    expect(cellOf(2, 'K02')!.clientId).not.toBe(first);
  });

  it('edits a synced mark from its version (the server refuses a stale base)', async () => {
    const key = markKey(USER, 3, 'K03');
    state.marks[key] = synced(key, 3, 'K03', { serverId: 's-1', version: 2, value: 5 });
    await enterMark(MODULE, 3, 'K03', 6);
    const mark = cellOf(3, 'K03')!;
    expect(mark).toMatchObject({ state: 'pending', baseVersion: 2, serverId: 's-1', value: 6 });
    expect(mark.clientId).not.toBe('server-s-1');
  });

  it("after a conflict keeps the server's value, or sends mine over its version", async () => {
    const key = markKey(USER, 5, 'K05');
    const conflicted = (): LocalMark => ({
      ...synced(key, 5, 'K05', { serverId: 's-2', version: 1, value: 8 }),
      state: 'conflict',
      current: { id: 's-2', version: 3, value: 9 },
    });
    state.marks[key] = conflicted();
    await resolveConflict(key, false);
    expect(cellOf(5, 'K05')).toMatchObject({ state: 'synced', value: 9, version: 3 });
    expect(cellOf(5, 'K05')!.current).toBeUndefined();

    state.marks[key] = conflicted();
    await resolveConflict(key, true);
    expect(cellOf(5, 'K05')).toMatchObject({ state: 'pending', value: 8, baseVersion: 3 });
  });

  it('answers a re-mark request once the judge has entered the cell since it was asked', async () => {
    expect(isAnswered(notice({ answered: true }))).toBe(true);
    expect(isAnswered(notice())).toBe(false);
    const key = markKey(USER, 1, 'K01');
    // The server's mark from before the request does not answer it.
    state.marks[key] = { ...synced(key, 1, 'K01', { serverId: 's-3', version: 1, value: 2 }) };
    state.marks[key].updatedAt = '2026-05-01T09:00:00.000Z';
    expect(isAnswered(notice())).toBe(false);
    await enterMark(MODULE, 1, 'K01', 3);
    expect(isAnswered(notice())).toBe(true);
  });
});

function synced(
  key: string,
  aspectId: number,
  code: string,
  m: { serverId: string; version: number; value: number },
): LocalMark {
  return {
    key,
    userId: USER,
    moduleId: MODULE,
    aspectId,
    workpieceCode: code,
    value: m.value,
    clientId: `server-${m.serverId}`,
    state: 'synced',
    serverId: m.serverId,
    version: m.version,
    sent: true,
    updatedAt: '2026-05-01T07:00:00.000Z',
  };
}

import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/http';
import type { MarkInput, MarkWriteResult } from '../api/contracts';
import { judgeDb, markKey, type LocalMark } from './db';

/**
 * The outbox against a scripted server: marks live in a real IndexedDB (fake-indexeddb), and the
 * only stand-in is the network, which each test scripts — answers, failures, a mark arriving while a
 * batch is in flight.
 */
const network = vi.hoisted(() => ({
  answer: null as null | ((marks: MarkInput[]) => Promise<{ results: MarkWriteResult[] }>),
  calls: [] as MarkInput[][],
}));
vi.mock('../api/judging', () => ({
  judgeApi: {
    batch: (marks: MarkInput[]) => {
      network.calls.push(marks);
      return network.answer!(marks);
    },
  },
}));

const { flush, resetBackoff } = await import('./outbox');
const { state } = await import('./store');

const USER = 7;
let serial = 0;

function pending(aspectId: number, code: string, value: number): LocalMark {
  serial += 1;
  const mark: LocalMark = {
    key: markKey(USER, aspectId, code),
    userId: USER,
    moduleId: 1,
    aspectId,
    workpieceCode: code,
    value,
    clientId: `c-${serial}`,
    state: 'pending',
    updatedAt: new Date().toISOString(),
  };
  state.marks[mark.key] = mark;
  return mark;
}

const created = (m: MarkInput, n: number): MarkWriteResult => ({
  clientId: m.clientId,
  status: 201,
  body: { id: `s-${n}`, version: 1, value: m.value },
});

/** The server as the tests need it: it keeps every write by client id, as the real one does. */
function acceptingServer() {
  const stored = new Map<string, number>();
  network.answer = (marks) =>
    Promise.resolve({
      results: marks.map((m, i) => {
        stored.set(m.clientId, m.value);
        return created(m, i);
      }),
    });
  return stored;
}

/** A retry runs on its own timer: wait until it has finished with IndexedDB. */
const settled = () => vi.waitFor(() => expect(state.flushing).toBe(false));

beforeEach(() => {
  vi.useRealTimers();
  resetBackoff();
  network.calls = [];
  state.marks = {};
  state.userId = USER;
  state.flushing = false;
  state.online = true;
});

describe('the outbox', () => {
  it('sends 1,200 waiting marks in batches of at most 500 and keeps each answer on disk', async () => {
    const stored = acceptingServer();
    for (let i = 0; i < 1200; i++) {
      pending(1 + (i % 10), `W${Math.floor(i / 10)}`, i % 20);
    }
    await flush();
    expect(network.calls.map((c) => c.length)).toEqual([500, 500, 200]);
    expect(stored.size).toBe(1200);
    expect(Object.values(state.marks).every((m) => m.state === 'synced')).toBe(true);
    const onDisk = await judgeDb.marksOf(USER);
    expect(onDisk.filter((m) => m.state === 'synced')).toHaveLength(1200);
  });

  it('keeps marks waiting while offline and resends them with the same ids when back', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] }); // IndexedDB keeps its own clock
    const a = pending(1, 'A01', 12);
    const b = pending(2, 'A01', 13.5);
    network.answer = () =>
      Promise.reject(new ApiError({ statusCode: 0, code: 'NETWORK_ERROR', message: '' }));
    await flush();
    expect(state.online).toBe(false);
    expect([state.marks[a.key].state, state.marks[b.key].state]).toEqual(['pending', 'pending']);
    // Persisted before it left: a reload while offline loses nothing.
    const onDisk = new Map((await judgeDb.marksOf(USER)).map((m) => [m.clientId, m.state]));
    expect([onDisk.get(a.clientId), onDisk.get(b.clientId)]).toEqual(['pending', 'pending']);

    const stored = acceptingServer();
    await vi.advanceTimersByTimeAsync(1000);
    await settled();
    expect(state.online).toBe(true);
    expect([...stored.keys()].sort()).toEqual([a.clientId, b.clientId].sort());
    expect(network.calls.flat().filter((m) => m.clientId === a.clientId)).toHaveLength(2);
    expect(state.marks[a.key].state).toBe('synced');
  });

  it('keeps a mark waiting on a 5xx answer and backs off', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] }); // IndexedDB keeps its own clock
    const a = pending(1, 'B02', 9);
    network.answer = (marks) =>
      Promise.resolve({
        results: marks.map((m) => ({ clientId: m.clientId, status: 503, body: {} })),
      });
    await flush();
    expect(state.marks[a.key].state).toBe('pending');
    await vi.advanceTimersByTimeAsync(999);
    expect(network.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(network.calls).toHaveLength(2);
  });

  it("shows a conflict with the server's current mark", async () => {
    const a = pending(3, 'C03', 10);
    network.answer = (marks) =>
      Promise.resolve({
        results: marks.map((m) => ({
          clientId: m.clientId,
          status: 409,
          body: {
            statusCode: 409,
            code: 'MARK_EXISTS',
            message: '',
            details: { current: { id: 's-9', value: 11, version: 2 } },
          },
        })),
      });
    await flush();
    expect(state.marks[a.key]).toMatchObject({
      state: 'conflict',
      current: { id: 's-9', value: 11, version: 2 },
    });
  });

  it('does not let the answer to an old write overwrite an edit made while it was in flight', async () => {
    const first = pending(4, 'D04', 5);
    let edited: LocalMark | undefined;
    network.answer = (marks) => {
      if (!edited) {
        edited = pending(4, 'D04', 6); // the judge corrects the cell while the batch is out
      }
      return Promise.resolve({ results: marks.map((m, i) => created(m, i)) });
    };
    await flush();
    expect(edited!.clientId).not.toBe(first.clientId);
    expect(state.marks[first.key]).toMatchObject({
      clientId: edited!.clientId,
      value: 6,
      state: 'synced',
    });
    expect(network.calls.flat().map((m) => m.value)).toEqual([5, 6]);
  });

  it('finds the one bad mark of a batch refused as a whole', async () => {
    const good = pending(5, 'E05', 1);
    const bad = pending(6, 'E05', 2);
    network.answer = (marks) => {
      if (marks.length > 1) {
        return Promise.reject(
          new ApiError({ statusCode: 400, code: 'VALIDATION_FAILED', message: 'bad' }),
        );
      }
      if (marks[0].clientId === bad.clientId) {
        return Promise.reject(
          new ApiError({ statusCode: 422, code: 'MARK_OUT_OF_RANGE', message: 'range' }),
        );
      }
      return Promise.resolve({ results: [created(marks[0], 0)] });
    };
    await flush();
    await flush();
    expect(state.marks[good.key].state).toBe('synced');
    expect(state.marks[bad.key]).toMatchObject({
      state: 'error',
      error: { code: 'MARK_OUT_OF_RANGE' },
    });
  });
});

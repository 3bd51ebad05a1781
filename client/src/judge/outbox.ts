/**
 * The outbox: pending marks go out in batches (≤ 500), with exponential back-off (capped at 30 s)
 * on network errors and 5xx; each answer is applied to its own cell. Resends reuse the client id.
 */
import { ApiError } from '../api/http';
import { judgeApi } from '../api/judging';
import type { ErrorBody } from '../api/contracts';
import type { JudgeMark, MarkInput } from '../api/contracts';
import { judgeDb, type LocalMark } from './db';
import { LAST_SYNC_KEY, noteFailure, state } from './store';

const BATCH = 500;
const BACKOFF_CAP_MS = 30_000;

let failures = 0;
let retryTimer: ReturnType<typeof setTimeout> | null = null;

function isMark(body: unknown): body is JudgeMark {
  return typeof body === 'object' && body !== null && typeof (body as JudgeMark).id === 'string';
}

function isErrorBody(body: unknown): body is ErrorBody {
  return typeof body === 'object' && body !== null && typeof (body as ErrorBody).code === 'string';
}

function toInput(mark: LocalMark): MarkInput {
  return {
    clientId: mark.clientId,
    workpieceCode: mark.workpieceCode,
    aspectId: mark.aspectId,
    value: mark.value,
    ...(mark.baseVersion !== undefined ? { baseVersion: mark.baseVersion } : {}),
  };
}

function applyResult(mark: LocalMark, status: number, body: unknown): LocalMark {
  const base = { ...mark, sent: true, updatedAt: new Date().toISOString() };
  delete base.error;
  delete base.current;
  if ((status === 200 || status === 201) && isMark(body)) {
    return {
      ...base,
      state: 'synced',
      serverId: body.id,
      version: body.version,
      value: body.value,
    };
  }
  const error = isErrorBody(body) ? body : { code: `HTTP_${status}`, message: String(status) };
  const details = (error as ErrorBody).details as { current?: JudgeMark } | undefined;
  if (
    status === 409 &&
    (error.code === 'MARK_EXISTS' || error.code === 'VERSION_CONFLICT') &&
    details?.current
  ) {
    const c = details.current;
    return {
      ...base,
      state: 'conflict',
      current: { id: c.id, value: c.value, version: c.version },
    };
  }
  if (status >= 500) {
    return { ...base, state: 'pending' };
  }
  return { ...base, state: 'error', error: { code: error.code, message: error.message } };
}

function scheduleRetry(): void {
  if (retryTimer) {
    return;
  }
  const delay = Math.min(BACKOFF_CAP_MS, 1000 * 2 ** Math.min(failures, 5));
  failures += 1;
  retryTimer = setTimeout(() => {
    retryTimer = null;
    void flush();
  }, delay);
}

/** Sends the queue in batches until it is empty or the network fails. */
export async function flush(): Promise<void> {
  if (state.flushing || state.userId === 0) {
    return;
  }
  state.flushing = true;
  let size = BATCH;
  try {
    for (;;) {
      const queue = Object.values(state.marks)
        .filter((m) => m.state === 'pending')
        .slice(0, size);
      if (queue.length === 0) {
        return;
      }
      // Once a write has left, an edit of the cell is a new write (a new client id).
      if (queue.some((m) => !m.sent)) {
        queue.forEach((m) => (m.sent = true));
        await judgeDb.putMarks(queue);
      }
      let results;
      try {
        results = (await judgeApi.batch(queue.map(toInput))).results;
      } catch (error) {
        noteFailure(error);
        const retryable =
          !(error instanceof ApiError) || error.statusCode === 0 || error.statusCode >= 500;
        if (retryable || error.statusCode === 401) {
          scheduleRetry();
          return;
        }
        if (size > 1) {
          size = 1; // A 4xx for the whole batch: send one by one to find the bad mark.
          continue;
        }
        results = [{ clientId: queue[0].clientId, status: error.statusCode, body: error }];
      }
      state.online = true;
      failures = 0;
      const byId = new Map(results.map((r) => [r.clientId, r]));
      const applied: LocalMark[] = [];
      const changed = queue.flatMap((mark) => {
        const result = byId.get(mark.clientId);
        return result ? [applyResult(mark, result.status, result.body)] : [];
      });
      for (const mark of changed) {
        // An edit made while the batch was in flight wins over the answer to the old write.
        if (state.marks[mark.key]?.clientId === mark.clientId) {
          state.marks[mark.key] = mark;
          applied.push(mark);
        }
      }
      await judgeDb.putMarks(applied);
      state.lastSyncedAt = new Date().toISOString();
      localStorage.setItem(LAST_SYNC_KEY, state.lastSyncedAt);
      if (changed.some((m) => m.state === 'pending')) {
        scheduleRetry();
        return;
      }
    }
  } finally {
    state.flushing = false;
  }
}

/** The network is back: retry at once, and start the back-off over. */
export function resetBackoff(): void {
  failures = 0;
  if (retryTimer) {
    clearTimeout(retryTimer);
    retryTimer = null;
  }
}

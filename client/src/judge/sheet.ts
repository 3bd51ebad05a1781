/**
 * The judge's sheet: tasks and marks, IndexedDB first; the outbox (outbox.ts) sends them.
 */
import { judgeApi } from '../api/judging';
import type { JudgeTask, RemarkNotice } from '../api/contracts';
import { judgeDb, markKey, type LocalMark } from './db';
import { flush, resetBackoff } from './outbox';
import { noteFailure, state } from './store';

export { flush } from './outbox';
export { cellOf, pendingCount, sheetState } from './store';

function newClientId(): string {
  return crypto.randomUUID();
}

/** Server marks fill cells the tablet has nothing newer for. */
function mergeServerMarks(tasks: JudgeTask[]): LocalMark[] {
  const changed: LocalMark[] = [];
  for (const task of tasks) {
    for (const m of task.marks) {
      const key = markKey(state.userId, m.aspectId, m.workpieceCode);
      const local = state.marks[key];
      if (local && local.state !== 'synced') {
        continue;
      }
      if (local && local.version === m.version && local.value === m.value) {
        continue;
      }
      const next: LocalMark = {
        key,
        userId: state.userId,
        moduleId: task.moduleId,
        aspectId: m.aspectId,
        workpieceCode: m.workpieceCode,
        value: m.value,
        clientId: local?.clientId ?? `server-${m.id}`,
        state: 'synced',
        serverId: m.id,
        version: m.version,
        sent: true,
        updatedAt: new Date().toISOString(),
      };
      state.marks[key] = next;
      changed.push(next);
    }
  }
  return changed;
}

/** Loads what the tablet has, then asks the server (quietly offline). */
export async function loadSheet(userId: number): Promise<void> {
  if (state.userId !== userId) {
    state.userId = userId;
    state.marks = {};
    state.tasks = [];
  }
  const [snapshot, marks] = await Promise.all([judgeDb.tasksOf(userId), judgeDb.marksOf(userId)]);
  if (snapshot) {
    state.tasks = snapshot.tasks;
    state.tasksFetchedAt = snapshot.fetchedAt;
  }
  for (const mark of marks) {
    state.marks[mark.key] = mark;
  }
  // With a sheet on the tablet it shows at once; a first visit waits for the server's marks, so
  // the pad does not start on a cell that is in fact marked (offline, the request fails at once).
  state.loaded = !!snapshot;
  await refreshTasks();
  state.loaded = true;
  void flush();
}

export async function refreshTasks(): Promise<void> {
  try {
    const tasks = await judgeApi.tasks();
    state.online = true;
    state.loadError = null;
    state.tasks = tasks;
    state.tasksFetchedAt = new Date().toISOString();
    await judgeDb.putTasks({ userId: state.userId, tasks, fetchedAt: state.tasksFetchedAt });
    const changed = mergeServerMarks(tasks);
    if (changed.length > 0) {
      await judgeDb.putMarks(changed);
    }
  } catch (error) {
    noteFailure(error);
    state.loadError = error;
  }
}
/** A mark typed on the pad: stored on the tablet first, then queued. */
export async function enterMark(moduleId: number, aspectId: number, code: string, value: number) {
  const key = markKey(state.userId, aspectId, code);
  const old = state.marks[key];
  const next: LocalMark = {
    key,
    userId: state.userId,
    moduleId,
    aspectId,
    workpieceCode: code,
    value,
    clientId: old && old.state === 'pending' && !old.sent ? old.clientId : newClientId(),
    state: 'pending',
    serverId: old?.current?.id ?? old?.serverId,
    version: old?.current?.version ?? old?.version,
    baseVersion: old?.current?.version ?? (old?.serverId ? old.version : undefined),
    sent: false,
    updatedAt: new Date().toISOString(),
  };
  state.marks[key] = next;
  await judgeDb.putMarks([next]);
  void flush();
}

/** After a conflict: keep the server's value, or send mine over it. */
export async function resolveConflict(key: string, keepMine: boolean): Promise<void> {
  const mark = state.marks[key];
  if (!mark?.current) {
    return;
  }
  const { current } = mark;
  const next: LocalMark = keepMine
    ? { ...mark, state: 'pending', clientId: newClientId(), baseVersion: current.version }
    : { ...mark, state: 'synced', value: current.value, baseVersion: undefined };
  Object.assign(next, { serverId: current.id, version: current.version, sent: false });
  delete next.current;
  delete next.error;
  state.marks[key] = next;
  await judgeDb.putMarks([next]);
  void flush();
}
/** online / offline events: flush as soon as the network is back. */
export function watchNetwork(): () => void {
  const up = () => {
    state.online = true;
    resetBackoff();
    void refreshTasks().then(flush);
  };
  const down = () => (state.online = false);
  window.addEventListener('online', up);
  window.addEventListener('offline', down);
  return () => {
    window.removeEventListener('online', up);
    window.removeEventListener('offline', down);
  };
}

export async function signModule(moduleId: number): Promise<void> {
  const { signedAt } = await judgeApi.sign(moduleId);
  const task = state.tasks.find((t) => t.moduleId === moduleId);
  if (task) {
    task.signedAt = signedAt;
    task.signatureCleared = null;
    await judgeDb.putTasks({
      userId: state.userId,
      tasks: state.tasks,
      fetchedAt: state.tasksFetchedAt ?? new Date().toISOString(),
    });
  }
}

/**
 * A re-mark request is answered once the server says so, or once this tablet has entered the cell
 * since the request (before the server's answer comes back on the next refresh).
 */
export function isAnswered(request: RemarkNotice): boolean {
  if (request.answered) {
    return true;
  }
  const local = state.marks[markKey(state.userId, request.aspectId, request.workpieceCode)];
  return (
    !!local &&
    !local.clientId.startsWith('server-') &&
    local.state !== 'error' &&
    local.updatedAt > request.requestedAt
  );
}

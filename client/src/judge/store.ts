/** The judge tablet's reactive state: tasks, the marks by cell, and the network picture. */
import { computed, reactive } from 'vue';
import { ApiError } from '../api/http';
import type { JudgeTask } from '../api/contracts';
import { markKey, type LocalMark } from './db';

export const LAST_SYNC_KEY = 'wuxi-skills.judge.lastSync';

export const state = reactive({
  userId: 0,
  tasks: [] as JudgeTask[],
  tasksFetchedAt: null as string | null,
  marks: {} as Record<string, LocalMark>,
  online: typeof navigator === 'undefined' ? true : navigator.onLine,
  lastSyncedAt: localStorage.getItem(LAST_SYNC_KEY),
  flushing: false,
  loaded: false,
  loadError: null as unknown,
});

export const pendingCount = computed(
  () => Object.values(state.marks).filter((m) => m.state === 'pending').length,
);

export function sheetState() {
  return state;
}

export function cellOf(aspectId: number, code: string): LocalMark | undefined {
  return state.marks[markKey(state.userId, aspectId, code)];
}

/** A network failure (not an HTTP answer) means offline. */
export function noteFailure(error: unknown): void {
  if (error instanceof ApiError && error.statusCode === 0) {
    state.online = false;
  }
}

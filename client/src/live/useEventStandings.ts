import { onBeforeUnmount, ref, watch, type Ref } from 'vue';
import {
  liveApi,
  type JoinAnswer,
  type LiveState,
  type PublicRow,
  type StandingsCatchUp,
  type StandingsPush,
  type StandingsSnapshot,
} from '../api/live';
import type { LiveConnection } from './connection';
import { applyUpdate, sortRows } from './standings';

export interface EventStandings {
  rows: Ref<PublicRow[]>;
  seq: Ref<number | null>;
  frozen: Ref<boolean>;
  /** Decrypted, not yet published (公示): the board says 暂定. */
  provisional: Ref<boolean>;
  updatedAt: Ref<Date | null>;
  error: Ref<string>;
}

const FROZEN_POLL_MS = 15_000;

const isError = (a: JoinAnswer): a is { error: { code: string; message: string } } => 'error' in a;
const isSnapshot = (a: JoinAnswer): a is StandingsSnapshot => 'rows' in a;

/**
 * The standings of one event over the `/live` socket: a snapshot on join, numbered pushes after;
 * a gap in the numbers or a reconnect catches up with `since`.
 */
export function useEventStandings(
  conn: LiveConnection,
  eventId: Ref<number | null>,
): EventStandings {
  const rows = ref<PublicRow[]>([]);
  const seq = ref<number | null>(null);
  const frozen = ref(false);
  const provisional = ref(false);
  const updatedAt = ref<Date | null>(null);
  const error = ref('');
  let joined: number | null = null;
  let joining = false;
  let stale = false;

  function reset(): void {
    rows.value = [];
    seq.value = null;
    frozen.value = false;
    updatedAt.value = null;
    error.value = '';
  }

  async function join(id: number, since: number | null): Promise<void> {
    if (joining || !conn.socket.connected) {
      stale = joining;
      return;
    }
    joining = true;
    try {
      const answer = (await conn.socket
        .timeout(8000)
        .emitWithAck(
          'join',
          since === null ? { eventId: id } : { eventId: id, since },
        )) as JoinAnswer;
      if (eventId.value !== id) {
        return;
      }
      joined = id;
      if (isError(answer)) {
        if (answer.error.code === 'SINCE_INVALID' && since !== null) {
          joining = false;
          return join(id, null);
        }
        error.value = answer.error.code;
        return;
      }
      error.value = '';
      if (isSnapshot(answer)) {
        rows.value = sortRows(answer.rows);
        frozen.value = answer.frozen;
        provisional.value = answer.provisional;
        seq.value = answer.seq;
      } else {
        catchUp(answer);
      }
      updatedAt.value = new Date();
    } catch {
      error.value = 'TIMEOUT';
    } finally {
      joining = false;
      if (stale && eventId.value === id) {
        stale = false;
        void join(id, seq.value);
      }
    }
  }

  function catchUp(answer: StandingsCatchUp): void {
    let current = rows.value;
    for (const update of answer.updates) {
      if (seq.value === null || update.seq > seq.value) {
        current = applyUpdate(current, update);
      }
    }
    rows.value = current;
    seq.value = answer.seq;
  }

  function onPush(push: StandingsPush): void {
    if (joining && push.eventId === eventId.value) {
      stale = true;
      return;
    }
    if (push.eventId !== eventId.value || seq.value === null || push.seq <= seq.value) {
      return;
    }
    if (push.seq !== seq.value + 1) {
      void join(push.eventId, seq.value);
      return;
    }
    rows.value = applyUpdate(rows.value, push);
    seq.value = push.seq;
    // The server holds updates back while frozen: one arriving means the board is live again.
    frozen.value = false;
    updatedAt.value = new Date();
  }

  function onState(state: LiveState): void {
    if (state.eventId === eventId.value) {
      frozen.value = state.frozen;
    }
  }

  function onConnect(): void {
    const id = eventId.value;
    if (id !== null) {
      void join(id, joined === id && seq.value !== null ? seq.value : null);
    }
  }

  conn.socket.on('standings', onPush);
  conn.socket.on('state', onState);
  conn.socket.on('connect', onConnect);
  watch(
    eventId,
    (id, old) => {
      if (old !== undefined && old !== null && conn.socket.connected) {
        conn.socket.emit('leave', { eventId: old });
      }
      reset();
      joined = null;
      if (id !== null) {
        void join(id, null);
      }
    },
    { immediate: true },
  );
  // Freezing and unfreezing are pushed ('state'); a freeze time set in advance is not: ask now and then.
  async function checkFrozen(): Promise<void> {
    const id = eventId.value;
    const snap =
      id === null || seq.value === null ? null : await liveApi.standings(id).catch(() => null);
    if (snap && snap.eventId === eventId.value && seq.value !== null) {
      frozen.value = snap.frozen;
      provisional.value = snap.provisional;
      if (snap.seq > seq.value) {
        void join(snap.eventId, seq.value);
      }
    }
  }
  const poll = setInterval(() => void checkFrozen(), FROZEN_POLL_MS);
  onBeforeUnmount(() => {
    clearInterval(poll);
    conn.socket.off('standings', onPush);
    conn.socket.off('state', onState);
    conn.socket.off('connect', onConnect);
  });
  return { rows, seq, frozen, provisional, updatedAt, error };
}

import { onBeforeUnmount, reactive, watch, type Ref } from 'vue';
import { liveApi, type LeadersPush, type ScoredRow } from '../api/live';
import { isScored } from './standings';
import type { LiveConnection } from './connection';

interface Leaders {
  seq: number;
  rows: ScoredRow[];
}

/**
 * The top three of each event of an edition: snapshots over HTTP, then the edition room's
 * 'leaders' pushes; after a reconnect the snapshots are read again (pushes may have been missed).
 */
export function useEditionLeaders(
  conn: LiveConnection,
  editionId: Ref<number | null>,
  eventIds: Ref<number[]>,
): Record<number, Leaders> {
  const leaders = reactive<Record<number, Leaders>>({});

  async function loadSnapshots(): Promise<void> {
    await Promise.all(
      eventIds.value.map(async (id) => {
        try {
          const snap = await liveApi.standings(id);
          if (!leaders[id] || leaders[id].seq <= snap.seq) {
            leaders[id] = { seq: snap.seq, rows: snap.rows.filter(isScored).slice(0, 3) };
          }
        } catch {
          // An event the public cannot see yet shows no leaders.
        }
      }),
    );
  }

  function joinRoom(): void {
    if (editionId.value !== null && conn.socket.connected) {
      conn.socket.emit('join', { editionId: editionId.value }, () => undefined);
    }
  }

  function onConnect(): void {
    joinRoom();
    void loadSnapshots();
  }

  function onLeaders(push: LeadersPush): void {
    const known = leaders[push.eventId];
    if (!known || push.seq > known.seq) {
      leaders[push.eventId] = { seq: push.seq, rows: push.leaders };
    }
  }

  conn.socket.on('connect', onConnect);
  conn.socket.on('leaders', onLeaders);
  watch(
    editionId,
    (id, old) => {
      if (old !== undefined && old !== null && old !== id && conn.socket.connected) {
        conn.socket.emit('leave', { editionId: old });
      }
      joinRoom();
    },
    { immediate: true },
  );
  watch(eventIds, () => void loadSnapshots(), { immediate: true });
  onBeforeUnmount(() => {
    conn.socket.off('connect', onConnect);
    conn.socket.off('leaders', onLeaders);
  });
  return leaders;
}

import { ref, watch, type Ref } from 'vue';
import { liveApi, type ScoredRow } from '../api/live';
import { isScored } from '../live/standings';
import type { MyEntry } from '../api/me';

/**
 * My row of the live board while the results are not yet published: the same provisional
 * standing the board shows (its own public snapshot), so /me and the board cannot disagree.
 */
export function useProvisional(entry: Ref<MyEntry>): Ref<ScoredRow | null> {
  const row = ref<ScoredRow | null>(null);
  watch(
    () => [entry.value.eventId, entry.value.workstationNo, entry.value.result] as const,
    async ([eventId, workstationNo, result]) => {
      row.value = null;
      if (workstationNo === null || result !== null) {
        return;
      }
      const snapshot = await liveApi.standings(eventId).catch(() => null);
      // Before decryption the board has no standing to show (sealed rows): neither has /me.
      const mine = snapshot?.rows.find((r) => r.workstationNo === workstationNo);
      row.value = mine && isScored(mine) ? mine : null;
    },
    { immediate: true },
  );
  return row;
}

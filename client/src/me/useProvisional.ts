import { ref, watch, type Ref } from 'vue';
import { liveApi, type PublicRow } from '../api/live';
import type { MyEntry } from '../api/me';

/**
 * My row of the live board while the results are not yet published: the same provisional
 * standing the board shows (its own public snapshot), so /me and the board cannot disagree.
 */
export function useProvisional(entry: Ref<MyEntry>): Ref<PublicRow | null> {
  const row = ref<PublicRow | null>(null);
  watch(
    () => [entry.value.eventId, entry.value.workstationNo, entry.value.result] as const,
    async ([eventId, workstationNo, result]) => {
      row.value = null;
      if (workstationNo === null || result !== null) {
        return;
      }
      const snapshot = await liveApi.standings(eventId).catch(() => null);
      row.value = snapshot?.rows.find((r) => r.workstationNo === workstationNo) ?? null;
    },
    { immediate: true },
  );
  return row;
}

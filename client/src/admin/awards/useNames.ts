import { ref, watch, type Ref } from 'vue';
import { editionsApi } from '../../api/editions';
import { entriesApi } from '../../api/registration';
import type { Entry } from '../../api/contracts';

/** Contestant and event names of an edition, for grants that carry only ids. */
export function useEditionNames(editionId: Ref<number>) {
  const contestants = ref(new Map<number, { name: string; unitName: string }>());
  const events = ref(new Map<number, string>());
  const entries = ref<Entry[]>([]);

  async function load(): Promise<void> {
    const [list, evs] = await Promise.all([
      entriesApi.list(editionId.value),
      editionsApi.events(editionId.value),
    ]);
    entries.value = list;
    contestants.value = new Map(
      list.map((e) => [
        e.contestant.id,
        { name: e.contestant.name, unitName: e.contestant.unitName ?? '' },
      ]),
    );
    events.value = new Map(evs.map((e) => [e.id, e.name]));
  }

  watch(editionId, () => void load().catch(() => undefined), { immediate: true });
  return { contestants, events, entries, reload: load };
}

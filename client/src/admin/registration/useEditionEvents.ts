import { computed, onMounted, ref, watch, type Ref } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { editionsApi } from '../../api/editions';
import type { PhasedEvent } from '../../api/contracts';
import { showError } from '../../shared/errorText';

/**
 * The events of an edition and the one chosen on the page, kept in the URL (?event=ID) so a
 * projector or tablet can be pointed at one event; the first event when none is chosen.
 */
export function useEditionEvents(editionId: Ref<number>) {
  const route = useRoute();
  const router = useRouter();
  const events = ref<PhasedEvent[]>([]);
  const loaded = ref(false);

  const eventId = computed<number | null>({
    get() {
      const fromQuery = Number(route.query.event);
      if (Number.isInteger(fromQuery) && events.value.some((e) => e.id === fromQuery)) {
        return fromQuery;
      }
      return events.value[0]?.id ?? null;
    },
    set(id) {
      void router.replace({ query: { ...route.query, event: id === null ? undefined : id } });
    },
  });
  const event = computed(() => events.value.find((e) => e.id === eventId.value) ?? null);

  async function load(): Promise<void> {
    try {
      events.value = (await editionsApi.events(editionId.value)) as PhasedEvent[];
    } catch (e) {
      showError(e);
    } finally {
      loaded.value = true;
    }
  }

  onMounted(load);
  watch(editionId, load);
  return { events, event, eventId, loaded, reload: load };
}

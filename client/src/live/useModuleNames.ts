import { ref, watch, type Ref } from 'vue';
import { liveApi } from '../api/live';

/** Module code → name for the event on screen ("零件加工", not "A"); codes until it loads. */
export function useModuleNames(eventId: Ref<number | null>): Ref<Record<string, string>> {
  const names = ref<Record<string, string>>({});
  watch(
    eventId,
    async (id) => {
      names.value = {};
      if (id === null) {
        return;
      }
      const modules = await liveApi.modules(id).catch(() => []);
      if (eventId.value === id) {
        names.value = Object.fromEntries(modules.map((m) => [m.code, m.name]));
      }
    },
    { immediate: true },
  );
  return names;
}

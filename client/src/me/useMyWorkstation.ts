import { computed, ref, type Ref } from 'vue';
import { meApi, type MyEntry } from '../api/me';
import { currentUser } from '../auth/session';

/** The signed-in contestant's entries, fetched once per account and shared by every board. */
let cache: { userId: number; entries: Promise<MyEntry[]> } | null = null;

function myEntries(userId: number): Promise<MyEntry[]> {
  if (cache?.userId !== userId) {
    // An account not linked to a contestant (CONTESTANT_NOT_LINKED) just gets no highlight.
    cache = {
      userId,
      entries: meApi
        .contestant()
        .then((me) => me.entries)
        .catch(() => []),
    };
  }
  return cache.entries;
}

/**
 * The workstation of the viewer's own entry in the event on screen, when the viewer is a
 * contestant drawn there: the live boards (rows keyed by workstation) highlight that row.
 */
export function useMyWorkstation(eventId: Ref<number | null>): Ref<number | null> {
  const entries = ref<MyEntry[]>([]);
  const user = currentUser.value;
  if (user?.role === 'contestant') {
    void myEntries(user.id).then((list) => (entries.value = list));
  }
  return computed(
    () => entries.value.find((e) => e.eventId === eventId.value)?.workstationNo ?? null,
  );
}

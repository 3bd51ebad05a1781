import { onBeforeUnmount, ref, watch, type Ref } from 'vue';
import { liveApi } from '../api/live';
import type { CompetitionEvent } from '../api/contracts';

/**
 * The hall screen's rotation: each page of the event on screen for `interval` seconds (so an
 * event's time follows its number of pages), then the next event that has any score; events
 * without scores are skipped. With no scores anywhere it stays where it is.
 */
export function useRotation(
  events: Ref<CompetitionEvent[]>,
  pages: Ref<number>,
  interval: Ref<number>,
) {
  const index = ref(0);
  const page = ref(0);
  let timer: ReturnType<typeof setInterval> | null = null;

  const hasScores = async (id: number): Promise<boolean> =>
    ((await liveApi.standings(id).catch(() => null))?.rows.length ?? 0) > 0;

  /** The first event with scores from `from` on (wrapping), or `from` itself when none has. */
  async function firstWithScores(from: number): Promise<number> {
    const n = events.value.length;
    for (let step = 0; step < n; step += 1) {
      const i = (from + step) % n;
      if (await hasScores(events.value[i].id)) {
        return i;
      }
    }
    return from % Math.max(1, n);
  }

  async function start(preferredId?: number): Promise<void> {
    const preferred = events.value.findIndex((e) => e.id === preferredId);
    index.value =
      preferred >= 0 ? preferred : events.value.length > 0 ? await firstWithScores(0) : 0;
    page.value = 0;
    restart();
  }

  async function nextEvent(): Promise<void> {
    if (events.value.length > 0) {
      index.value = await firstWithScores(index.value + 1);
    }
    page.value = 0;
  }

  function tick(): void {
    if (page.value + 1 < pages.value) {
      page.value += 1;
    } else {
      void nextEvent();
    }
  }

  function restart(): void {
    if (timer) {
      clearInterval(timer);
    }
    timer = setInterval(tick, interval.value * 1000);
  }

  /** The operator's 下一赛项: at once, and the clock starts over. */
  async function next(): Promise<void> {
    await nextEvent();
    restart();
  }

  function show(i: number): void {
    index.value = i;
    page.value = 0;
    restart();
  }

  watch(interval, restart);
  // Rows may shrink while a later page is on screen.
  watch(pages, (n) => {
    if (page.value >= n) {
      page.value = 0;
    }
  });
  onBeforeUnmount(() => {
    if (timer) {
      clearInterval(timer);
    }
  });
  return { index, page, start, next, show };
}

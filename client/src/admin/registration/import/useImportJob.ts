import { computed, onBeforeUnmount, ref } from 'vue';
import { importsApi } from '../../../api/registration';
import type { ImportJob } from '../../../api/contracts';

const POLL_MS = 300;
const RUNNING = new Set(['validating', 'committing']);

/** One import: upload and dry run, then commit; the job is polled while it runs. */
export function useImportJob(editionId: () => number) {
  const job = ref<ImportJob | null>(null);
  const error = ref<unknown>(null);
  const busy = ref(false);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let alive = true;

  const running = computed(() => job.value !== null && RUNNING.has(job.value.status));
  const percent = computed(() => {
    const j = job.value;
    if (!j) {
      return 0;
    }
    if (!RUNNING.has(j.status)) {
      return 100;
    }
    return j.total > 0 ? Math.min(100, Math.floor((j.processed / j.total) * 100)) : 0;
  });

  function poll(): void {
    clearTimeout(timer);
    if (!alive || !job.value || !RUNNING.has(job.value.status)) {
      return;
    }
    const id = job.value.id;
    timer = setTimeout(() => {
      importsApi
        .get(id)
        .then((next) => {
          job.value = next;
          poll();
        })
        .catch((e: unknown) => {
          error.value = e;
        });
    }, POLL_MS);
  }

  async function run(action: () => Promise<ImportJob>): Promise<void> {
    busy.value = true;
    error.value = null;
    try {
      job.value = await action();
      poll();
    } catch (e) {
      error.value = e;
    } finally {
      busy.value = false;
    }
  }

  const start = (file: File) => run(() => importsApi.start(editionId(), file));
  const commit = () => run(() => importsApi.commit(job.value?.id ?? ''));

  function reset(): void {
    clearTimeout(timer);
    job.value = null;
    error.value = null;
  }

  onBeforeUnmount(() => {
    alive = false;
    clearTimeout(timer);
  });

  return { job, error, busy, running, percent, start, commit, reset };
}

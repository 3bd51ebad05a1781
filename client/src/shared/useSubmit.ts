import { ref } from 'vue';
import { fieldErrors } from './errorText';

/** What a form needs to offer: Element Plus's form instance does. */
interface Validatable {
  validate(): Promise<unknown>;
}

/**
 * A dialog's save, one way for every dialog: the form is validated first (when one is given), the
 * save runs while `busy`, and a failure leaves its error (for ErrorText) and, for
 * VALIDATION_FAILED, each refused field's message (for the form items) — cleared on the next try.
 */
export function useSubmit() {
  const busy = ref(false);
  const error = ref<unknown>(null);
  const serverErrors = ref<Record<string, string>>({});

  function reset(): void {
    error.value = null;
    serverErrors.value = {};
  }

  async function submit<T>(
    save: () => Promise<T>,
    done: (saved: T) => void,
    form?: Validatable,
  ): Promise<void> {
    if (form && !(await form.validate().catch(() => false))) {
      return;
    }
    busy.value = true;
    reset();
    try {
      done(await save());
    } catch (e) {
      serverErrors.value = fieldErrors(e);
      error.value = e;
    } finally {
      busy.value = false;
    }
  }

  return { busy, error, serverErrors, reset, submit };
}

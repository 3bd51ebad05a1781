import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/http';
import { useSubmit } from './useSubmit';

const validationFailed = () =>
  new ApiError({
    statusCode: 400,
    code: 'VALIDATION_FAILED',
    message: 'Validation failed.',
    details: [{ field: 'name', messages: ['名称过长'] }],
  });

describe('useSubmit: a dialog save', () => {
  it('is busy while the save runs and hands its answer on', async () => {
    const { busy, error, submit } = useSubmit();
    let release!: (value: number) => void;
    const done: number[] = [];
    const running = submit(
      () => new Promise<number>((r) => (release = r)),
      (n) => done.push(n),
    );
    expect(busy.value).toBe(true);
    release(7);
    await running;
    expect([busy.value, error.value, done]).toEqual([false, null, [7]]);
  });

  it('keeps the error and each refused field, and does not call done', async () => {
    const { busy, error, serverErrors, submit } = useSubmit();
    const failure = validationFailed();
    const done: unknown[] = [];
    await submit(
      () => Promise.reject(failure),
      (x) => done.push(x),
    );
    expect(busy.value).toBe(false);
    expect(error.value).toBe(failure);
    expect(serverErrors.value).toEqual({ name: '名称过长' });
    expect(done).toEqual([]);
  });

  it('clears the last failure when it starts again', async () => {
    const { error, serverErrors, submit } = useSubmit();
    await submit(
      () => Promise.reject(validationFailed()),
      () => undefined,
    );
    let seen: unknown[] = [];
    await submit(
      () => {
        seen = [error.value, serverErrors.value];
        return Promise.resolve(1);
      },
      () => undefined,
    );
    expect(seen).toEqual([null, {}]);
    expect(error.value).toBeNull();
  });

  it('does not run the save when the form is invalid', async () => {
    const { busy, submit } = useSubmit();
    const invalid = { validate: () => Promise.reject(new Error('invalid')) };
    let ran = false;
    await submit(
      () => {
        ran = true;
        return Promise.resolve();
      },
      () => undefined,
      invalid,
    );
    expect([ran, busy.value]).toEqual([false, false]);
  });
});

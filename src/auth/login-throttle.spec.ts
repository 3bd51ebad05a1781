import { MemoryFailureStore } from './failure-store';
import { LoginThrottle } from './login-throttle';

describe('LoginThrottle (per account and address, and per address)', () => {
  let now = 0;
  const clock = () => now;
  const throttle = () =>
    new LoginThrottle(
      new MemoryFailureStore(clock),
      { perAccount: 3, perAddress: 5, windowMs: 60_000 },
      clock,
    );

  beforeEach(() => {
    now = 1_000_000;
  });

  it('allows attempts until the limit, then names the wait in seconds', async () => {
    const t = throttle();
    await t.recordFailure('judge1', 'A');
    await t.recordFailure('judge1', 'A');
    expect(await t.retryAfterSeconds('judge1', 'A')).toBe(0);
    now += 10_000;
    await t.recordFailure('judge1', 'A');
    expect(await t.retryAfterSeconds('judge1', 'A')).toBe(50);
    expect(await t.retryAfterSeconds('judge2', 'A')).toBe(0);
  });

  it.each([
    ['the same account from another address', 'judge1', 'B', 0],
    ['another account from the same address', 'judge2', 'A', 0],
    ['the same account and address', 'judge1', 'A', 60],
  ])('after 3 failures of judge1 at A: %s waits %i s', async (_name, account, address, wait) => {
    const t = throttle();
    for (let i = 0; i < 3; i += 1) {
      await t.recordFailure('judge1', 'A');
    }
    expect(await t.retryAfterSeconds(account, address)).toBe(wait);
  });

  it('stops an address that sprays one guess over many accounts', async () => {
    const t = throttle();
    for (let i = 0; i < 5; i += 1) {
      await t.recordFailure(`user${i}`, 'A');
    }
    expect(await t.retryAfterSeconds('user9', 'A')).toBe(60);
    expect(await t.retryAfterSeconds('user9', 'B')).toBe(0);
  });

  it('forgets failures once they leave the window, and on success', async () => {
    const t = throttle();
    for (let i = 0; i < 3; i += 1) {
      await t.recordFailure('a', 'A');
    }
    now += 60_001;
    expect(await t.retryAfterSeconds('a', 'A')).toBe(0);
    for (let i = 0; i < 3; i += 1) {
      await t.recordFailure('b', 'A');
    }
    await t.reset('b', 'A');
    expect(await t.retryAfterSeconds('b', 'A')).toBe(0);
  });
});

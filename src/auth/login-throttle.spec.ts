import { LoginThrottle } from './login-throttle';

describe('LoginThrottle (per account)', () => {
  let now = 0;
  const throttle = () => new LoginThrottle(3, 60_000, () => now);

  beforeEach(() => {
    now = 1_000_000;
  });

  it('allows attempts until the limit, then names the wait in seconds', () => {
    const t = throttle();
    t.recordFailure('judge1');
    t.recordFailure('judge1');
    expect(t.retryAfterSeconds('judge1')).toBe(0);
    now += 10_000;
    t.recordFailure('judge1');
    expect(t.retryAfterSeconds('judge1')).toBe(50);
    expect(t.retryAfterSeconds('judge2')).toBe(0);
  });

  it('forgets failures once they leave the window, and on success', () => {
    const t = throttle();
    for (let i = 0; i < 3; i += 1) {
      t.recordFailure('a');
    }
    now += 60_001;
    expect(t.retryAfterSeconds('a')).toBe(0);
    for (let i = 0; i < 3; i += 1) {
      t.recordFailure('b');
    }
    t.reset('b');
    expect(t.retryAfterSeconds('b')).toBe(0);
  });
});

import type { FailureStore } from './failure-store';

/**
 * Failed sign-ins, counted twice: per account and address — so five wrong guesses from
 * somewhere else do not lock the real user out at the hall — and per address across accounts,
 * against password spraying (set high: every tablet in a hall shares one address).
 * The counts live in a FailureStore: this instance's memory, or Redis shared by all instances.
 */
export class LoginThrottle {
  constructor(
    private readonly store: FailureStore,
    private readonly limits: { perAccount: number; perAddress: number; windowMs: number },
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds until this account may try again from this address, or 0 when it may try now. */
  async retryAfterSeconds(account: string, address: string): Promise<number> {
    const [own, all] = await Promise.all([
      this.store.recent(accountKey(account, address), this.limits.windowMs),
      this.store.recent(addressKey(address), this.limits.windowMs),
    ]);
    return Math.max(this.wait(own, this.limits.perAccount), this.wait(all, this.limits.perAddress));
  }

  async recordFailure(account: string, address: string): Promise<void> {
    await Promise.all([
      this.store.add(accountKey(account, address), this.limits.windowMs),
      this.store.add(addressKey(address), this.limits.windowMs),
    ]);
  }

  /** A success forgives the account's failures from this address (not the address's count). */
  reset(account: string, address: string): Promise<void> {
    return this.store.clear(accountKey(account, address));
  }

  private wait(times: number[], max: number): number {
    if (times.length < max) {
      return 0;
    }
    const unblockAt = times[times.length - max] + this.limits.windowMs;
    return Math.max(1, Math.ceil((unblockAt - this.now()) / 1000));
  }
}

const accountKey = (account: string, address: string) => `acct:${account}|${address}`;
const addressKey = (address: string) => `addr:${address}`;

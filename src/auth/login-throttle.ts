/**
 * Failed logins counted per account, not per IP: every tablet in a venue shares one address.
 * Kept in memory: a restart forgives, and each instance counts on its own (documented in README).
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly maxFailures: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds until the account may try again, or 0 when it may try now. */
  retryAfterSeconds(account: string): number {
    const recent = this.recent(account);
    if (recent.length < this.maxFailures) {
      return 0;
    }
    const unblockAt = recent[recent.length - this.maxFailures] + this.windowMs;
    return Math.max(1, Math.ceil((unblockAt - this.now()) / 1000));
  }

  recordFailure(account: string): void {
    const recent = this.recent(account);
    recent.push(this.now());
    this.failures.set(account, recent);
  }

  reset(account: string): void {
    this.failures.delete(account);
  }

  private recent(account: string): number[] {
    const cutoff = this.now() - this.windowMs;
    const recent = (this.failures.get(account) ?? []).filter((t) => t > cutoff);
    if (recent.length === 0) {
      this.failures.delete(account);
    }
    return recent;
  }
}

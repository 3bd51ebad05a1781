/**
 * Writes counted per user (not per address: a hall's tablets share one), in fixed one-minute
 * windows. Generous enough for an offline queue flushed in batches; a stolen token cannot flood.
 */
export class WriteRate {
  private window = 0;
  private readonly counts = new Map<number, number>();

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds to wait when over the limit, else 0 (and the write is counted). */
  take(userId: number): number {
    const minute = Math.floor(this.now() / 60_000);
    if (minute !== this.window) {
      this.window = minute;
      this.counts.clear();
    }
    const used = (this.counts.get(userId) ?? 0) + 1;
    this.counts.set(userId, used);
    return used > this.perMinute
      ? Math.max(1, Math.ceil(((minute + 1) * 60_000 - this.now()) / 1000))
      : 0;
  }
}

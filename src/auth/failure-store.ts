import { Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';
import { closeRedis } from '../common/redis-close';

/** Timestamps of recent failures per key, in a sliding window. */
export interface FailureStore {
  /** The failures within the window, oldest first (ms since the epoch). */
  recent(key: string, windowMs: number): Promise<number[]>;
  add(key: string, windowMs: number): Promise<void>;
  clear(key: string): Promise<void>;
  close(): Promise<void>;
}

/** One instance's own counts: a restart forgives. */
export class MemoryFailureStore implements FailureStore {
  private readonly times = new Map<string, number[]>();

  constructor(private readonly now: () => number = Date.now) {}

  recent(key: string, windowMs: number): Promise<number[]> {
    const cutoff = this.now() - windowMs;
    const recent = (this.times.get(key) ?? []).filter((t) => t > cutoff);
    if (recent.length === 0) {
      this.times.delete(key);
    } else {
      this.times.set(key, recent);
    }
    return Promise.resolve(recent);
  }

  async add(key: string, windowMs: number): Promise<void> {
    const recent = await this.recent(key, windowMs);
    this.times.set(key, [...recent, this.now()]);
  }

  clear(key: string): Promise<void> {
    this.times.delete(key);
    return Promise.resolve();
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

const PREFIX = 'wuxi:login-failures:';

/**
 * The counts in Redis (a sorted set per key, scored by time), so every instance behind the
 * load balancer sees the same failures. While Redis is unreachable the instance counts in its
 * own memory rather than letting every guess through or refusing every sign-in.
 */
export class RedisFailureStore implements FailureStore {
  private readonly logger = new Logger('LoginThrottle');
  private readonly client: ReturnType<typeof createClient>;
  private readonly fallback = new MemoryFailureStore();

  constructor(url: string) {
    this.client = createClient({ url, disableOfflineQueue: true });
    this.client.on('error', (error: Error) => this.logger.warn(`redis: ${error.message}`));
    this.client.connect().catch((error: Error) => this.logger.warn(`redis: ${error.message}`));
  }

  async recent(key: string, windowMs: number): Promise<number[]> {
    return this.guard(
      async () => {
        const now = Date.now();
        const [, entries] = await this.client
          .multi()
          .zRemRangeByScore(PREFIX + key, '-inf', now - windowMs)
          .zRangeWithScores(PREFIX + key, 0, -1)
          .exec();
        return (entries as unknown as { score: number }[]).map((e) => e.score);
      },
      () => this.fallback.recent(key, windowMs),
    );
  }

  async add(key: string, windowMs: number): Promise<void> {
    await this.guard(
      async () => {
        const now = Date.now();
        await this.client
          .multi()
          .zAdd(PREFIX + key, { score: now, value: `${now}:${randomBytes(4).toString('hex')}` })
          .pExpire(PREFIX + key, windowMs)
          .exec();
      },
      () => this.fallback.add(key, windowMs),
    );
  }

  async clear(key: string): Promise<void> {
    await this.guard(
      async () => {
        await this.client.del(PREFIX + key);
      },
      () => this.fallback.clear(key),
    );
  }

  close(): Promise<void> {
    return closeRedis(this.client);
  }

  private async guard<T>(shared: () => Promise<T>, local: () => Promise<T>): Promise<T> {
    if (!this.client.isReady) {
      return local();
    }
    try {
      return await shared();
    } catch (error) {
      this.logger.warn(`redis: ${(error as Error).message}; counting on this instance`);
      return local();
    }
  }
}

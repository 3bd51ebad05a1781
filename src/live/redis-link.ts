import { Injectable, Logger } from '@nestjs/common';
import { RedisAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import type { Namespace } from 'socket.io';
import { Adapter, type BroadcastOptions } from 'socket.io-adapter';
import { closeRedis } from '../common/redis-close';

type RedisClient = ReturnType<typeof createClient>;

/** How long start-up waits for Redis before serving without it. */
const FIRST_CONNECT_MS = 2_000;

/**
 * The connection to Redis that carries live broadcasts between instances, as a dependency
 * rather than a single point of failure: the server starts without it (health "degraded", a log
 * line), keeps pushing to its own viewers meanwhile, and reconnects by itself (every ≤ 2 s).
 * Viewers elsewhere catch up with `since` on the next numbered push they see after a gap.
 */
export class RedisLink {
  private clients: { pub: RedisClient; sub: RedisClient } | null = null;
  private up = false;

  constructor(
    private readonly url: string | undefined,
    private readonly log: (level: 'log' | 'warn' | 'error', text: string) => void,
  ) {}

  get configured(): boolean {
    return Boolean(this.url);
  }

  /** Both clients connected: broadcasts published now reach every instance. */
  get ready(): boolean {
    return Boolean(this.clients?.pub.isReady && this.clients.sub.isReady);
  }

  /**
   * Starts connecting and returns at once: the adapter can be built right away (it publishes only
   * while Redis is up, and its subscriptions wait for the first connection).
   */
  start(): void {
    if (!this.url || this.clients) {
      return;
    }
    const pub = createClient({
      url: this.url,
      socket: { reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 2_000) },
    });
    const sub = pub.duplicate();
    this.clients = { pub, sub };
    let lastError = '';
    for (const client of [pub, sub]) {
      client.on('error', (error: Error) => {
        if (error.message !== lastError) {
          lastError = error.message;
          this.log('warn', `redis: ${error.message}`);
        }
      });
      client.on('ready', () => this.changed());
      client.on('end', () => this.changed());
      client.on('reconnecting', () => this.changed());
      // The first attempt may fail: the client keeps retrying on its own.
      client.connect().catch(() => undefined);
    }
  }

  /** Starts connecting; resolves once connected or after `waitMs`, never rejects. */
  async connect(waitMs = FIRST_CONNECT_MS): Promise<void> {
    if (!this.url || this.clients) {
      return;
    }
    this.start();
    const deadline = Date.now() + waitMs;
    while (!this.ready && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
    }
    if (!this.ready) {
      this.log(
        'warn',
        `Redis at ${this.url} is unreachable: live pushes reach this instance's viewers only until it is back (retrying)`,
      );
    }
  }

  private changed(): void {
    const ready = this.ready;
    if (ready !== this.up) {
      this.up = ready;
      this.log(
        ready ? 'log' : 'warn',
        ready
          ? 'Redis connected: broadcasts reach every instance'
          : 'Redis lost: broadcasts reach this instance only until it is back',
      );
    }
  }

  /** Publishes one message on a channel while Redis is up (dropped, not queued, while it is down). */
  publish(channel: string, message: string): void {
    if (this.clients && this.ready) {
      this.clients.pub.publish(channel, message).catch((e: unknown) => {
        this.log('warn', `redis publish: ${String(e)}`);
      });
    }
  }

  /**
   * Listens on a channel, the messages as Buffers; the subscription waits for the first
   * connection and node-redis renews it on every reconnect.
   */
  listen(channel: string, listener: (message: Buffer) => void): void {
    if (this.clients) {
      const sub = this.subscriber(this.clients.sub);
      void sub.subscribe(channel, listener, true);
    }
  }

  /** socket.io's adapter over this link: publishes while Redis is up, delivers locally always. */
  adapter(): typeof Adapter | null {
    if (!this.clients) {
      return null;
    }
    const { pub } = this.clients;
    const sub = this.subscriber(this.clients.sub);
    const isReady = () => this.ready;
    // A class: socket.io constructs the adapter with `new`.
    class ResilientRedisAdapter extends RedisAdapter {
      constructor(nsp: Namespace) {
        super(nsp, pub, sub);
      }

      override broadcast(packet: unknown, opts: BroadcastOptions): void {
        if (isReady()) {
          super.broadcast(packet, opts);
        } else {
          // Not queued for a Redis that is down (it would flood in stale on reconnect).
          Adapter.prototype.broadcast.call(this, packet, opts);
        }
      }
    }
    // socket.io's type wants Adapter's one-argument constructor, which this one is.
    return ResilientRedisAdapter as unknown as typeof Adapter;
  }

  /**
   * The subscriber as the adapter sees it: subscriptions asked for before Redis was ever reached
   * wait for its first connection (node-redis renews them itself on every later reconnect).
   */
  private subscriber(sub: RedisClient): RedisClient {
    const later = (run: () => unknown) => {
      const go = () =>
        void Promise.resolve(run()).catch((e: unknown) =>
          this.log('warn', `redis subscribe: ${String(e)}`),
        );
      if (sub.isReady) {
        go();
      } else {
        sub.once('ready', go);
      }
    };
    return new Proxy(sub, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver) as unknown;
        if (prop === 'pSubscribe' || prop === 'subscribe') {
          return (...args: unknown[]) =>
            later(() => (value as (...a: unknown[]) => unknown).apply(target, args));
        }
        return typeof value === 'function'
          ? (value as (...a: unknown[]) => unknown).bind(target)
          : value;
      },
    });
  }

  async close(): Promise<void> {
    const clients = this.clients;
    this.clients = null;
    if (clients) {
      await Promise.all([closeRedis(clients.pub), closeRedis(clients.sub)]);
    }
  }
}

/** The API process's link, for the adapter, the fan-out (IPC while Redis is down) and health. */
@Injectable()
export class RedisLinkHolder {
  private readonly logger = new Logger('Redis');
  link: RedisLink | null = null;

  create(url: string | undefined): RedisLink {
    this.link = new RedisLink(url, (level, text) => this.logger[level](text));
    return this.link;
  }

  get status(): { configured: boolean; ok: boolean } {
    return { configured: Boolean(this.link?.configured), ok: Boolean(this.link?.ready) };
  }
}

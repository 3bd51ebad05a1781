import { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { Server, ServerOptions } from 'socket.io';
import { AppConfig } from '../config/app-config';
import { LIVE_SOCKET_OPTIONS } from './join-rules';
import { RedisLink, RedisLinkHolder } from './redis-link';

/**
 * socket.io as this system runs it: a small payload limit, CORS limited to the configured
 * origins, connection-state recovery for dropped venue Wi-Fi, and — with REDIS_URL — the Redis
 * adapter, so a broadcast from any instance reaches viewers connected to every instance. Redis
 * being down neither stops the start nor this instance's own pushes (see RedisLink).
 */
export class ConfiguredIoAdapter extends IoAdapter {
  private redis: RedisLink | null = null;

  constructor(
    private readonly app: INestApplicationContext,
    private readonly config: AppConfig,
  ) {
    super(app);
  }

  async connectRedis(): Promise<void> {
    if (!this.config.REDIS_URL) {
      return;
    }
    this.redis = this.app.get(RedisLinkHolder, { strict: false }).create(this.config.REDIS_URL);
    await this.redis.connect();
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const origins = this.config.corsOrigins;
    const server = super.createIOServer(port, {
      ...options,
      ...LIVE_SOCKET_OPTIONS,
      // engine.io ends, 1 s later, every upgrade outside /socket.io it sees unanswered; a board's
      // socket handed to a fan-out worker may still wait that long in Node's queue of handles to
      // send. FanoutService.handOver refuses the upgrades nobody serves instead.
      destroyUpgrade: false,
      cors: origins.length > 0 ? { origin: origins, credentials: true } : undefined,
    }) as Server;
    const adapter = this.redis?.adapter();
    if (adapter) {
      server.adapter(adapter);
    }
    return server;
  }

  override async close(server: Server): Promise<void> {
    await super.close(server);
    const redis = this.redis;
    this.redis = null;
    await redis?.close();
  }
}

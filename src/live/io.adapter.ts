import { INestApplicationContext, Logger } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import type { Server, ServerOptions } from 'socket.io';
import { AppConfig } from '../config/app-config';
import { LIVE_SOCKET_OPTIONS } from './join-rules';

type RedisClient = ReturnType<typeof createClient>;

/**
 * socket.io as this system runs it: a small payload limit, CORS limited to the configured
 * origins, connection-state recovery for dropped venue Wi-Fi, and — with REDIS_URL — the Redis
 * adapter, so a broadcast from any instance reaches viewers connected to every instance.
 */
export class ConfiguredIoAdapter extends IoAdapter {
  private readonly logger = new Logger('Sockets');
  private redis: { pub: RedisClient; sub: RedisClient } | null = null;

  constructor(
    app: INestApplicationContext,
    private readonly config: AppConfig,
  ) {
    super(app);
  }

  async connectRedis(): Promise<void> {
    if (!this.config.REDIS_URL) {
      return;
    }
    const pub = createClient({ url: this.config.REDIS_URL });
    const sub = pub.duplicate();
    pub.on('error', (error: Error) => this.logger.error(`redis: ${error.message}`));
    sub.on('error', (error: Error) => this.logger.error(`redis: ${error.message}`));
    await Promise.all([pub.connect(), sub.connect()]);
    this.redis = { pub, sub };
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const origins = this.config.corsOrigins;
    const server = super.createIOServer(port, {
      ...options,
      ...LIVE_SOCKET_OPTIONS,
      cors: origins.length > 0 ? { origin: origins, credentials: true } : undefined,
    }) as Server;
    if (this.redis) {
      server.adapter(createAdapter(this.redis.pub, this.redis.sub));
    }
    return server;
  }

  override async close(server: Server): Promise<void> {
    await super.close(server);
    if (this.redis) {
      const { pub, sub } = this.redis;
      this.redis = null;
      await Promise.allSettled([pub.quit(), sub.quit()]);
    }
  }
}

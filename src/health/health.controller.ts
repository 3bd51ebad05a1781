import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../auth/decorators';
import { AppConfig } from '../config/app-config';
import { StorageHealth } from '../database/storage-health';
import { FanoutService } from '../live/fanout/fanout.service';
import { RedisLinkHolder } from '../live/redis-link';
import { APP_VERSION } from '../version';

class DatabaseHealth {
  @ApiProperty({ enum: ['sqlite', 'postgres'] }) type: 'sqlite' | 'postgres';
  @ApiProperty({ description: 'Answers a query and commits writes.' }) ok: boolean;
  @ApiProperty({ required: false, description: 'Why not, while it does not.' }) reason?: string;
  @ApiProperty({ required: false, description: 'Since when writes cannot commit.' })
  since?: string;
}

class LiveHealth {
  @ApiProperty({ description: 'Fan-out workers ready to take viewers (LIVE_WORKERS).' })
  workers: number;
  @ApiProperty({ description: 'Viewers connected to the workers, as last reported.' })
  viewers: number;
}

class RedisHealth {
  @ApiProperty({ description: 'REDIS_URL is set (broadcasts between instances).' })
  configured: boolean;
  @ApiProperty({ description: 'Connected; while not, pushes reach this instance’s viewers only.' })
  ok: boolean;
}

class HealthResponse {
  @ApiProperty({ enum: ['ok', 'degraded', 'unavailable'] })
  status: 'ok' | 'degraded' | 'unavailable';
  @ApiProperty({ type: DatabaseHealth }) database: DatabaseHealth;
  @ApiProperty() version: string;
  @ApiProperty({ type: LiveHealth }) live: LiveHealth;
  @ApiProperty({ type: RedisHealth }) redis: RedisHealth;
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly fanout: FanoutService,
    private readonly storage: StorageHealth,
    private readonly redis: RedisLinkHolder,
  ) {}

  @Public()
  @Get()
  @ApiOperation({
    summary:
      'Liveness with a database round trip, the live boards’ fan-out workers and Redis (degraded ' +
      'while it is down). 503 while the ' +
      'database cannot answer or cannot commit writes (the last write failed to store).',
  })
  @ApiOkResponse({ type: HealthResponse })
  async health(@Res({ passthrough: true }) res: Response): Promise<HealthResponse> {
    const probe = await this.dataSource.query('SELECT 1 AS one').then(
      () => null,
      (error: unknown) => (error instanceof Error ? error.message : String(error)),
    );
    const writes = this.storage.status;
    const database: DatabaseHealth =
      probe !== null
        ? { type: this.config.databaseType, ok: false, reason: probe }
        : { type: this.config.databaseType, ...writes };
    if (!database.ok) {
      res.status(503);
    }
    const redis = this.redis.status;
    return {
      status: !database.ok ? 'unavailable' : redis.configured && !redis.ok ? 'degraded' : 'ok',
      database,
      version: APP_VERSION,
      live: this.fanout.status,
      redis,
    };
  }
}

import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Public } from '../auth/decorators';
import { AppConfig } from '../config/app-config';
import { FanoutService } from '../live/fanout/fanout.service';
import { APP_VERSION } from '../version';

class DatabaseHealth {
  @ApiProperty({ enum: ['sqlite', 'postgres'] }) type: 'sqlite' | 'postgres';
  @ApiProperty() ok: boolean;
}

class LiveHealth {
  @ApiProperty({ description: 'Fan-out workers ready to take viewers (LIVE_WORKERS).' })
  workers: number;
  @ApiProperty({ description: 'Viewers connected to the workers, as last reported.' })
  viewers: number;
}

class HealthResponse {
  @ApiProperty({ enum: ['ok', 'degraded'] }) status: 'ok' | 'degraded';
  @ApiProperty({ type: DatabaseHealth }) database: DatabaseHealth;
  @ApiProperty() version: string;
  @ApiProperty({ type: LiveHealth }) live: LiveHealth;
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly fanout: FanoutService,
  ) {}

  @Public()
  @Get()
  @ApiOperation({
    summary: 'Liveness with a database round trip, and the live boards’ fan-out workers.',
  })
  @ApiOkResponse({ type: HealthResponse })
  async health(): Promise<HealthResponse> {
    const ok = await this.dataSource.query('SELECT 1 AS one').then(
      () => true,
      () => false,
    );
    return {
      status: ok ? 'ok' : 'degraded',
      database: { type: this.config.databaseType, ok },
      version: APP_VERSION,
      live: this.fanout.status,
    };
  }
}

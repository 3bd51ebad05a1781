import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Public } from '../auth/decorators';
import { AppConfig } from '../config/app-config';
import { APP_VERSION } from '../version';

class DatabaseHealth {
  @ApiProperty({ enum: ['sqlite', 'postgres'] }) type: 'sqlite' | 'postgres';
  @ApiProperty() ok: boolean;
}

class HealthResponse {
  @ApiProperty({ enum: ['ok', 'degraded'] }) status: 'ok' | 'degraded';
  @ApiProperty({ type: DatabaseHealth }) database: DatabaseHealth;
  @ApiProperty() version: string;
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'Liveness with a database round trip.' })
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
    };
  }
}

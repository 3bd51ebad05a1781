import { DynamicModule, Module } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { AuditModule } from './audit/audit.module';
import { BenchProbeModule } from './bench-probe/bench-probe.module';
import { AuthModule } from './auth/auth.module';
import { loadConfig } from './config/app-config';
import { EventsModule } from './common/events.module';
import { ConfigModule } from './config/config.module';
import { dataSourceOptions } from './data-source';
import { DatabaseModule } from './database/database.module';
import { DemoModule } from './demo/demo.module';
import { EditionsModule } from './editions/editions.module';
import { HealthController } from './health/health.controller';
import { JudgingModule } from './judging/judging.module';
import { LiveModule } from './live/live.module';
import { MeModule } from './me/me.module';
import { PoliciesModule } from './policies/policies.module';
import { RegistrationModule } from './registration/registration.module';
import { ResultsModule } from './results/results.module';
import { UsersModule } from './users/users.module';

/** The built client (client/dist) is served at / when it exists; the API lives under /api. */
function clientModule(): DynamicModule[] {
  const rootPath = resolve(loadConfig().CLIENT_DIST);
  return existsSync(resolve(rootPath, 'index.html'))
    ? [
        ServeStaticModule.forRoot({
          rootPath,
          exclude: ['/api/{*path}', '/socket.io/{*path}', '/live-io/{*path}'],
        }),
      ]
    : [];
}

/** bench:marks' baseline endpoint, only when BENCH_PROBE=on outside production. */
function benchProbe() {
  const config = loadConfig();
  return config.BENCH_PROBE === 'on' && config.NODE_ENV !== 'production' ? [BenchProbeModule] : [];
}

@Module({
  imports: [
    ConfigModule,
    EventsModule,
    DatabaseModule.forRoot(dataSourceOptions),
    AuditModule,
    AuthModule,
    UsersModule,
    EditionsModule,
    RegistrationModule,
    JudgingModule,
    PoliciesModule,
    ResultsModule,
    LiveModule,
    MeModule,
    DemoModule,
    ...clientModule(),
    ...benchProbe(),
  ],
  controllers: [HealthController],
})
export class AppModule {}

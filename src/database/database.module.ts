import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { DataSourceOptions } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { StorageHealth } from './storage-health';
import { UnitOfWork } from './unit-of-work';

/**
 * Opens the database and brings its schema up to date (migrations run at start-up). The app
 * module hands it the description (src/data-source.ts, with every feature's entities), so the
 * ground knows no feature.
 */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(options: (config: AppConfig) => DataSourceOptions): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => ({
            ...options(config),
            migrationsRun: true,
            migrationsTransactionMode: 'each' as const,
          }),
        }),
      ],
      providers: [UnitOfWork, StorageHealth],
      exports: [UnitOfWork, StorageHealth],
    };
  }
}

import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config';
import { dataSourceOptions } from './data-source';
import { StorageHealth } from './storage-health';
import { UnitOfWork } from './unit-of-work';

/** Opens the database and brings its schema up to date (migrations run at start-up). */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        ...dataSourceOptions(config),
        migrationsRun: true,
        migrationsTransactionMode: 'each' as const,
      }),
    }),
  ],
  providers: [UnitOfWork, StorageHealth],
  exports: [UnitOfWork, StorageHealth],
})
export class DatabaseModule {}

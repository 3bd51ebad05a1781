import { Global, Logger, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { UnitOfWork } from '../database/unit-of-work';
import { AuditController } from './audit.controller';
import { AuditHeadStore, loadAuditKey } from './audit-head.store';
import { AuditService } from './audit.service';

@Global()
@Module({
  controllers: [AuditController],
  providers: [
    {
      provide: AuditHeadStore,
      inject: [DataSource, AppConfig, UnitOfWork],
      useFactory: async (dataSource: DataSource, config: AppConfig, uow: UnitOfWork) => {
        const loaded = loadAuditKey(config, true);
        if (!loaded) {
          throw new Error(
            'the audit key (AUDIT_KEY or audit.key in the data folder) cannot be read',
          );
        }
        if (loaded.created) {
          new Logger('AuditHead').log(
            'generated the audit key audit.key in the data folder (0600)',
          );
        }
        const heads = new AuditHeadStore(dataSource, loaded.key);
        await heads.open(loaded.created);
        uow.onCommitted(() => heads.afterCommit());
        return heads;
      },
    },
    AuditService,
  ],
  exports: [AuditService],
})
export class AuditModule {}

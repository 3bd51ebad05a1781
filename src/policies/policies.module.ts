import { Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { PoliciesController } from './policies.controller';
import { POLICY_FILES, PoliciesService } from './policies.service';
import { loadPolicyFiles } from './policy-files';

@Module({
  controllers: [PoliciesController],
  providers: [
    {
      provide: POLICY_FILES,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => loadPolicyFiles(config.POLICIES_DIR),
    },
    PoliciesService,
  ],
  exports: [PoliciesService],
})
export class PoliciesModule {}

import { Module } from '@nestjs/common';
import { PoliciesModule } from '../policies/policies.module';
import { AppealsService } from './appeals.service';
import { DocumentsService } from './documents.service';
import { LedgerService } from './ledger.service';
import { MatchingService } from './matching.service';
import { ResultsController } from './results.controller';
import { ResultsService } from './results.service';
import { RulesController } from './rules.controller';
import { RulesService } from './rules.service';

@Module({
  imports: [PoliciesModule],
  controllers: [ResultsController, RulesController],
  providers: [
    ResultsService,
    AppealsService,
    LedgerService,
    DocumentsService,
    MatchingService,
    RulesService,
  ],
  exports: [ResultsService, AppealsService, LedgerService],
})
export class ResultsModule {}

import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { EditionsModule } from '../editions/editions.module';
import { PoliciesModule } from '../policies/policies.module';
import { AppealsService } from './appeals.service';
import { DocumentsService } from './documents.service';
import { LedgerService } from './ledger.service';
import { MatchingService } from './matching.service';
import { AppealsController } from './appeals.controller';
import { DocumentsController } from './documents.controller';
import { LedgerController } from './ledger.controller';
import { PrintedPagesService } from './printed-pages.service';
import { PublicationService } from './publication.service';
import { RecommendationsController } from './recommendations.controller';
import { ResultsController } from './results.controller';
import { SelectionController } from './selection.controller';
import { ResultsService } from './results.service';
import { RulesController } from './rules.controller';
import { RulesService } from './rules.service';

@Module({
  imports: [AuthModule, EditionsModule, PoliciesModule],
  controllers: [
    ResultsController,
    AppealsController,
    LedgerController,
    SelectionController,
    RecommendationsController,
    DocumentsController,
    RulesController,
  ],
  providers: [
    ResultsService,
    AppealsService,
    LedgerService,
    DocumentsService,
    PrintedPagesService,
    MatchingService,
    PublicationService,
    RulesService,
  ],
  exports: [ResultsService, AppealsService, LedgerService],
})
export class ResultsModule {}

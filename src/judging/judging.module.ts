import { Global, Module } from '@nestjs/common';
import { EditionsModule } from '../editions/editions.module';
import { AssignmentsController } from './assignments.controller';
import { AssignmentsService } from './assignments.service';
import { JudgeCandidatesService } from './judge-candidates.service';
import { JudgeController } from './judge.controller';
import { LockController } from './lock.controller';
import { LockService } from './lock.service';
import { MarksService } from './marks.service';
import { PiecesService } from './pieces.service';
import { ReconciliationController } from './reconciliation.controller';
import { ReconciliationService } from './reconciliation.service';
import { SchemeController } from './scheme.controller';
import { SchemeService } from './scheme.service';
import { ScoringInputsController } from './scoring-inputs.controller';
import { ScoringInputsService } from './scoring-inputs.service';
import { ScoringService } from './scoring.service';
import { SheetImportsService } from './sheet-imports.service';
import { TheoryAbsenceController } from './theory-absence.controller';
import { TheoryAbsenceService } from './theory-absence.service';

@Global()
@Module({
  imports: [EditionsModule],
  controllers: [
    JudgeController,
    SchemeController,
    AssignmentsController,
    LockController,
    ReconciliationController,
    ScoringInputsController,
    TheoryAbsenceController,
  ],
  providers: [
    SchemeService,
    AssignmentsService,
    JudgeCandidatesService,
    PiecesService,
    MarksService,
    LockService,
    ReconciliationService,
    ScoringInputsService,
    ScoringService,
    SheetImportsService,
    TheoryAbsenceService,
  ],
  exports: [ScoringService, LockService],
})
export class JudgingModule {}

import { Global, Module } from '@nestjs/common';
import { RegistrationModule } from '../registration/registration.module';
import { AssignmentsService } from './assignments.service';
import { JudgeCandidatesService } from './judge-candidates.service';
import { JudgeController } from './judge.controller';
import { JudgingController } from './judging.controller';
import { LockService } from './lock.service';
import { MarksService } from './marks.service';
import { PiecesService } from './pieces.service';
import { ReconciliationService } from './reconciliation.service';
import { SchemeService } from './scheme.service';
import { ScoringInputsService } from './scoring-inputs.service';
import { ScoringService } from './scoring.service';
import { SheetImportsService } from './sheet-imports.service';
import { TheoryAbsenceController } from './theory-absence.controller';
import { TheoryAbsenceService } from './theory-absence.service';

@Global()
@Module({
  imports: [RegistrationModule],
  controllers: [JudgeController, JudgingController, TheoryAbsenceController],
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

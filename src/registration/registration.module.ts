import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module';
import { EditionsModule } from '../editions/editions.module';
import { CompetitionEvent } from '../editions/entities/competition-event.entity';
import { CheckInService } from './check-in.service';
import { DrawService } from './draw.service';
import { EncryptionService } from './encryption.service';
import { EntriesService } from './entries.service';
import { BlindCode } from './entities/blind-code.entity';
import { Contestant } from './entities/contestant.entity';
import { Draw } from './entities/draw.entity';
import { Entry } from './entities/entry.entity';
import { Unit } from './entities/unit.entity';
import { EventPhasesController } from './event-phases.controller';
import { ImportController } from './import/import.controller';
import { ImportRecovery } from './import/import-recovery';
import { ImportService } from './import/import.service';
import { RegistrationController } from './registration.controller';
import { RegistrationService } from './registration.service';
import { UnitsService } from './units.service';

@Module({
  imports: [
    AuthModule,
    EditionsModule,
    TypeOrmModule.forFeature([Unit, Contestant, Entry, Draw, BlindCode, CompetitionEvent]),
  ],
  controllers: [RegistrationController, EventPhasesController, ImportController],
  providers: [
    ImportService,
    ImportRecovery,
    RegistrationService,
    EntriesService,
    UnitsService,
    DrawService,
    CheckInService,
    EncryptionService,
  ],
  exports: [RegistrationService, EntriesService],
})
export class RegistrationModule {}

import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EditionsController } from './editions.controller';
import { EditionsService } from './editions.service';
import { CompetitionEvent } from './entities/competition-event.entity';
import { Edition } from './entities/edition.entity';
import { EventsController } from './events.controller';
import { EventsService } from './events.service';

@Module({
  imports: [TypeOrmModule.forFeature([Edition, CompetitionEvent])],
  controllers: [EditionsController, EventsController],
  providers: [EditionsService, EventsService],
  exports: [EditionsService, EventsService],
})
export class EditionsModule {}

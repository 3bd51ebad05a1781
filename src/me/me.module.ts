import { Module } from '@nestjs/common';
import { LiveModule } from '../live/live.module';
import { ResultsModule } from '../results/results.module';
import { MeController } from './me.controller';
import { MeService } from './me.service';

@Module({
  imports: [ResultsModule, LiveModule],
  controllers: [MeController],
  providers: [MeService],
})
export class MeModule {}

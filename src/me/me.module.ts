import { Module } from '@nestjs/common';
import { ResultsModule } from '../results/results.module';
import { MeController } from './me.controller';
import { MeService } from './me.service';

@Module({
  imports: [ResultsModule],
  controllers: [MeController],
  providers: [MeService],
})
export class MeModule {}

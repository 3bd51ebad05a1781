import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { AdminGateway } from './admin.gateway';
import { LiveController } from './live.controller';
import { LiveGateway } from './live.gateway';
import { StandingsService } from './standings.service';

@Module({
  imports: [AuthModule],
  controllers: [LiveController],
  providers: [AdminGateway, LiveGateway, StandingsService],
})
export class LiveModule {}

import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { AdminGateway } from './admin.gateway';
import { FanoutService } from './fanout/fanout.service';
import { LiveController } from './live.controller';
import { LiveGateway } from './live.gateway';
import { LiveRooms } from './live-rooms';
import { RedisLinkHolder } from './redis-link';
import { StandingsService } from './standings.service';

@Module({
  imports: [AuthModule],
  controllers: [LiveController],
  providers: [
    AdminGateway,
    LiveGateway,
    LiveRooms,
    FanoutService,
    StandingsService,
    RedisLinkHolder,
  ],
  exports: [FanoutService, RedisLinkHolder, StandingsService],
})
export class LiveModule {}

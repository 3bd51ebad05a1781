import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { AdminGateway } from './admin.gateway';
import { FanoutService } from './fanout/fanout.service';
import { FeedController } from './feed.controller';
import { LiveController } from './live.controller';
import { LiveFeedService } from './live-feed.service';
import { LiveGateway } from './live.gateway';
import { LiveRooms } from './live-rooms';
import { RedisLinkHolder } from './redis-link';
import { PublicEvents } from './public-events';
import { StandingsService } from './standings.service';
import { StandingsTable } from './standings-table';

@Module({
  imports: [AuthModule],
  controllers: [LiveController, FeedController],
  providers: [
    AdminGateway,
    LiveGateway,
    LiveRooms,
    FanoutService,
    StandingsService,
    StandingsTable,
    PublicEvents,
    LiveFeedService,
    RedisLinkHolder,
  ],
  exports: [FanoutService, RedisLinkHolder, StandingsService],
})
export class LiveModule {}

import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ORGANIZERS, Public, Roles } from '../auth/decorators';
import { ParseIdPipe } from '../common/id.pipe';
import { PublicModuleResponse, SnapshotResponse } from './dto/live.dto';
import { PublicEvents } from './public-events';
import { StandingsService } from './standings.service';

@ApiTags('live')
@Controller('events/:id')
export class LiveController {
  constructor(
    private readonly standings: StandingsService,
    private readonly publicEvents: PublicEvents,
  ) {}

  @Public()
  @Get('standings')
  @ApiOperation({ summary: 'The public standings of an event and their sequence number.' })
  @ApiOkResponse({ type: SnapshotResponse })
  snapshot(@Param('id', ParseIdPipe) id: number): Promise<SnapshotResponse> {
    return this.standings.snapshot(id);
  }

  @Public()
  @Get('modules')
  @ApiOperation({
    summary: "The event's modules by code and name, in scheme order, for the boards' column heads.",
  })
  @ApiOkResponse({ type: [PublicModuleResponse] })
  modules(@Param('id', ParseIdPipe) id: number): Promise<PublicModuleResponse[]> {
    return this.publicEvents.modules(id);
  }

  @Post('freeze')
  @HttpCode(200)
  @Roles(...ORGANIZERS)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Hold the public board still from now on (a reveal moment).' })
  @ApiOkResponse({ type: SnapshotResponse })
  async freeze(@Param('id', ParseIdPipe) id: number): Promise<SnapshotResponse> {
    await this.standings.setFrozen(id, true);
    return this.standings.snapshot(id);
  }

  @Post('unfreeze')
  @HttpCode(200)
  @Roles(...ORGANIZERS)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Reveal what the board held back while frozen.' })
  @ApiOkResponse({ type: SnapshotResponse })
  async unfreeze(@Param('id', ParseIdPipe) id: number): Promise<SnapshotResponse> {
    await this.standings.setFrozen(id, false);
    return this.standings.snapshot(id);
  }
}

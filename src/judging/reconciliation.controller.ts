import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { actorOf, AuthUser } from '../auth/auth-user';
import { CHIEF_AND_ORGANIZERS, CurrentUser, Roles } from '../auth/decorators';
import { ParseIdPipe } from '../common/id.pipe';
import {
  FlagResponse,
  RecheckResponse,
  RemarkDto,
  RemarkRequestResponse,
  toRemarkRequestResponse,
} from './dto/chief.dto';
import { PieceScoreResponse } from './dto/scores.dto';
import { ReconciliationService } from './reconciliation.service';

/** The chief judge's checks before a lock: provisional scores, flags, re-marks, the recheck list. */
@ApiTags('judging')
@ApiBearerAuth()
@Controller('events/:id')
export class ReconciliationController {
  constructor(private readonly reconciliation: ReconciliationService) {}

  @Get('scores')
  @Roles(...CHIEF_AND_ORGANIZERS, 'supervisor')
  @ApiOperation({
    summary:
      'Provisional scores by work-piece code: aspect, module, practical, theory and total marks.',
  })
  @ApiOkResponse({ type: [PieceScoreResponse] })
  scores(@Param('id', ParseIdPipe) id: number): Promise<PieceScoreResponse[]> {
    return this.reconciliation.scores(id);
  }

  @Get('flags')
  @Roles(...CHIEF_AND_ORGANIZERS)
  @ApiOperation({ summary: 'Aspects whose spread between judges is beyond the limit.' })
  @ApiOkResponse({ type: [FlagResponse] })
  flags(@Param('id', ParseIdPipe) id: number): Promise<FlagResponse[]> {
    return this.reconciliation.flags(id);
  }

  @Post('remarks')
  @Roles('chief_judge')
  @ApiOperation({ summary: 'Ask named judges to mark an aspect of a work-piece again.' })
  @ApiOkResponse({ type: RemarkRequestResponse })
  async remark(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: RemarkDto,
  ): Promise<RemarkRequestResponse> {
    return toRemarkRequestResponse(
      await this.reconciliation.requestRemark(actorOf(user), id, body),
    );
  }

  @Post('recheck')
  @HttpCode(200)
  @Roles(...CHIEF_AND_ORGANIZERS)
  @ApiOperation({
    summary:
      'The recheck (复核) list: top 10 plus a random 15% of the rest, chosen once; mismatches flagged.',
  })
  @ApiOkResponse({ type: [RecheckResponse] })
  recheck(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: number,
  ): Promise<RecheckResponse[]> {
    return this.reconciliation.recheck(actorOf(user), id);
  }
}

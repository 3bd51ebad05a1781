import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { actorOf, AuthUser } from '../auth/auth-user';
import { CurrentUser, ORGANIZERS, Roles } from '../auth/decorators';
import { ParseIdPipe } from '../common/id.pipe';
import { AppealsService } from './appeals.service';
import { AppealDto, DecideAppealDto } from './dto/results.dto';
import { AppealResponse, toAppealResponse } from './dto/appeal.dto';
import { STAFF } from './results-roles';

/** Appeals (申诉): filed in writing, decided by the supervisor. */
@ApiTags('results and awards')
@ApiBearerAuth()
@Controller()
export class AppealsController {
  constructor(private readonly appeals: AppealsService) {}

  @Get('events/:id/appeals')
  @Roles(...STAFF)
  @ApiOperation({ summary: 'Appeals against the event results.' })
  @ApiOkResponse({ type: [AppealResponse] })
  async listAppeals(@Param('id', ParseIdPipe) id: number): Promise<AppealResponse[]> {
    return (await this.appeals.list(id)).map(toAppealResponse);
  }

  @Post('events/:id/appeals')
  @Roles(...ORGANIZERS, 'contestant')
  @ApiOperation({
    summary:
      '申诉: file an appeal in writing before the deadline; a contestant only for an event they entered.',
  })
  @ApiCreatedResponse({ type: AppealResponse })
  @ApiForbiddenResponse({ description: 'NOT_YOUR_EVENT' })
  @ApiConflictResponse({
    description: 'APPEAL_DEADLINE_PASSED, RESULTS_FINAL, RESULTS_NOT_PUBLISHED',
  })
  async fileAppeal(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: AppealDto,
  ): Promise<AppealResponse> {
    return toAppealResponse(await this.appeals.file(user, id, body.text));
  }

  @Post('appeals/:id/decision')
  @HttpCode(200)
  @Roles('supervisor')
  @ApiOperation({
    summary:
      'Arbitration decides (final). An accepted appeal is carried out by the chief judge: unlock, correct, lock, recompute.',
  })
  @ApiOkResponse({ type: AppealResponse })
  async decide(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: DecideAppealDto,
  ): Promise<AppealResponse> {
    return toAppealResponse(
      await this.appeals.decide(actorOf(user), id, body.accept, body.decision),
    );
  }
}

import { Body, Controller, Get, HttpCode, Ip, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { actorOf, AuthUser } from '../auth/auth-user';
import { CurrentUser, ORGANIZERS, Roles } from '../auth/decorators';
import { ParseIdPipe } from '../common/id.pipe';
import { PublishDto } from './dto/results.dto';
import { PublicationService } from './publication.service';
import { EventResultsResponse } from './dto/event-results.dto';
import { ResultsService } from './results.service';
import { STAFF } from './results-roles';

/** Results of an event: computed from the locked, decrypted marks, published (公示), made final. */
@ApiTags('results and awards')
@ApiBearerAuth()
@Controller()
export class ResultsController {
  constructor(
    private readonly results: ResultsService,
    private readonly publication: PublicationService,
  ) {}

  @Get('events/:id/results')
  @Roles(...STAFF)
  @ApiOperation({
    summary: 'The event results: rank, total, prize, titles, cash and upgrade per contestant.',
  })
  @ApiOkResponse({ type: EventResultsResponse })
  get(@Param('id', ParseIdPipe) id: number): Promise<EventResultsResponse> {
    return this.results.get(id);
  }

  @Post('events/:id/results/compute')
  @HttpCode(200)
  @Roles(...ORGANIZERS, 'chief_judge')
  @ApiOperation({
    summary:
      'Rank, assign prizes and grants from the locked, decrypted marks (again after an appeal).',
  })
  @ApiOkResponse({ type: EventResultsResponse })
  @ApiConflictResponse({ description: 'RESULTS_NOT_LOCKED, NOT_DECRYPTED, RESULTS_FINAL' })
  compute(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: number,
  ): Promise<EventResultsResponse> {
    return this.results.compute(actorOf(user), id);
  }

  @Post('events/:id/results/publish')
  @HttpCode(200)
  @Roles(...ORGANIZERS, 'chief_judge')
  @ApiOperation({
    summary:
      '公示: publish the results from start to end (at least the policy’s minimum, not starting in the past, unless the chief judge gives a reason); appeals until the deadline.',
  })
  @ApiUnprocessableEntityResponse({
    description:
      'PUBLICATION_TOO_SHORT, PUBLICATION_IN_PAST, PUBLICATION_REASON_REQUIRED, CHIEF_CREDENTIALS_INVALID, CHIEF_ROLE_REQUIRED',
  })
  @ApiOkResponse({ type: EventResultsResponse })
  @ApiConflictResponse({ description: 'RESULTS_NOT_PROVISIONAL, PUBLICATION_DATES' })
  publish(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: PublishDto,
    @Ip() address: string,
  ): Promise<EventResultsResponse> {
    return this.publication.publish(actorOf(user), id, body, address);
  }

  @Post('events/:id/results/finalize')
  @HttpCode(200)
  @Roles(...ORGANIZERS)
  @ApiOperation({
    summary: 'Make the results final (publication over, appeals decided); frozen from then on.',
  })
  @ApiConflictResponse({
    description: 'PUBLICATION_NOT_OVER, APPEALS_OPEN, RESULTS_NOT_PUBLISHED, RESULTS_FINAL',
  })
  @ApiOkResponse({ type: EventResultsResponse })
  finalize(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: number,
  ): Promise<EventResultsResponse> {
    return this.results.finalize(actorOf(user), id);
  }
}

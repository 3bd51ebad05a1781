import { Body, Controller, Get, Param, Post } from '@nestjs/common';
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
import { RecommendDto, RecommendationResponse, toRecommendationResponse } from './dto/results.dto';
import { MatchingService } from './matching.service';
import { STAFF } from './results-roles';

/** 推荐: the entries the city sends to the provincial and national selections. */
@ApiTags('results and awards')
@ApiBearerAuth()
@Controller()
export class RecommendationsController {
  constructor(private readonly matching: MatchingService) {}

  @Get('events/:id/recommendations')
  @Roles(...STAFF)
  @ApiOperation({ summary: '推荐: the entries recommended from the event, with their reasons.' })
  @ApiOkResponse({ type: [RecommendationResponse] })
  async recommendations(@Param('id', ParseIdPipe) id: number): Promise<RecommendationResponse[]> {
    return (await this.matching.recommendations(id)).map(toRecommendationResponse);
  }

  @Post('events/:id/recommendations')
  @Roles(...ORGANIZERS)
  @ApiOperation({
    summary:
      '推荐: name the entries sent to the provincial or national selection, each with a reason (all or none).',
  })
  @ApiOkResponse({ type: [RecommendationResponse] })
  @ApiConflictResponse({ description: 'RECOMMENDATION_DUPLICATE, RESULTS_NOT_PUBLISHED' })
  @ApiUnprocessableEntityResponse({
    description:
      'RECOMMENDATION_ENTRY_UNKNOWN, RECOMMENDATION_NOT_COMPETED, RECOMMENDATION_REASON_REQUIRED',
  })
  async recommend(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: RecommendDto,
  ): Promise<RecommendationResponse[]> {
    const made = await this.matching.recommend(actorOf(user), id, body.level, body.entries);
    return made.map(toRecommendationResponse);
  }
}

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
import { RecommendDto, RecommendationResponse } from './dto/results.dto';
import { Recommendation } from './entities/recommendation.entity';
import { MatchingService } from './matching.service';

const STAFF = [...ORGANIZERS, 'chief_judge' as const, 'supervisor' as const];

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
  recommendations(@Param('id', ParseIdPipe) id: number): Promise<Recommendation[]> {
    return this.matching.recommendations(id);
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
  recommend(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: RecommendDto,
  ): Promise<Recommendation[]> {
    return this.matching.recommend(actorOf(user), id, body.level, body.entries);
  }
}

import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { actorOf, AuthUser } from '../auth/auth-user';
import { CurrentUser, ORGANIZERS, Roles } from '../auth/decorators';
import { ExternalResultAnswer, toExternalResultResponse } from './dto/external-result.dto';
import { toGrantResponse } from './dto/grant.dto';
import { ExternalResultDto } from './dto/results.dto';
import { MatchingService } from './matching.service';

/** The 1:1 matching of provincial and national results (recommendations: RecommendationsController). */
@ApiTags('results and awards')
@ApiBearerAuth()
@Controller()
export class SelectionController {
  constructor(private readonly matching: MatchingService) {}

  @Post('external-results')
  @Roles(...ORGANIZERS)
  @ApiOperation({
    summary:
      'Record a provincial/national/world result; a qualifying one adds the 1:1 matching grant.',
  })
  @ApiCreatedResponse({ type: ExternalResultAnswer })
  async recordExternal(
    @CurrentUser() user: AuthUser,
    @Body() body: ExternalResultDto,
  ): Promise<ExternalResultAnswer> {
    const { result, grant } = await this.matching.recordExternal(actorOf(user), body);
    return {
      result: toExternalResultResponse(result),
      grant: grant && toGrantResponse(grant),
    };
  }
}

import { Body, Controller, Param, Put } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { actorOf, AuthUser } from '../auth/auth-user';
import { CurrentUser, ORGANIZERS, Roles } from '../auth/decorators';
import { ParseIdPipe } from '../common/id.pipe';
import { ChangeRulesDto, RulesChangeResponseDto } from './dto/rules.dto';
import { RulesChangeResponse, RulesService } from './rules.service';

@ApiTags('events')
@ApiBearerAuth()
@Controller('events')
export class RulesController {
  constructor(private readonly rules: RulesService) {}

  @Put(':id/rules')
  @Roles(...ORGANIZERS, 'chief_judge')
  @ApiOperation({
    summary:
      '奖项与排名: replace the rules of an event. After results are computed only the chief judge, ' +
      'with a reason; the results are recomputed. Refused once final.',
  })
  @ApiOkResponse({ type: RulesChangeResponseDto })
  @ApiForbiddenResponse({ description: 'RULES_CHIEF_ONLY' })
  @ApiConflictResponse({ description: 'RESULTS_FINAL' })
  @ApiUnprocessableEntityResponse({
    description:
      'RULES_REASON_REQUIRED, RULES_QUOTA_INVALID, RULES_QUOTA_OVER_100, RULES_HONOURABLE_INVALID, ' +
      'RULES_FLOOR_RANGE, RULES_MINIMUM_FIELD_INVALID, RULES_PAST_WINNERS_INVALID, ' +
      'RULES_TIEBREAK_UNKNOWN, RULES_TIEBREAK_DUPLICATE, RULES_TIEBREAK_MODULE',
  })
  change(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: ChangeRulesDto,
  ): Promise<RulesChangeResponse> {
    return this.rules.change(actorOf(user), id, body);
  }
}

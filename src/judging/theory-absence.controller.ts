import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { actorOf, AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { ParseIdPipe } from '../common/id.pipe';
import { TheoryAbsentDto } from './dto/chief.dto';
import { TheoryAbsentResponse } from './dto/scores.dto';
import { TheoryAbsenceService } from './theory-absence.service';

@ApiTags('judging')
@ApiBearerAuth()
@Controller()
export class TheoryAbsenceController {
  constructor(private readonly absence: TheoryAbsenceService) {}

  @Post('events/:id/theory/absent')
  @HttpCode(200)
  @Roles('chief_judge')
  @ApiOperation({
    summary:
      '缺考: the chief judge marks a competitor absent from theory, with a reason; theory counts 0 and sheets say 缺考.',
  })
  @ApiOkResponse({ type: TheoryAbsentResponse })
  @ApiConflictResponse({
    description: 'THEORY_ALREADY_SCORED, EVENT_HAS_NO_THEORY, RESULTS_FINAL',
  })
  @ApiUnprocessableEntityResponse({ description: 'THEORY_ABSENT_REASON_REQUIRED' })
  markAbsent(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: TheoryAbsentDto,
  ): Promise<TheoryAbsentResponse> {
    return this.absence.markAbsent(actorOf(user), id, body);
  }
}

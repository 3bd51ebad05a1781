import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { actorOf, AuthUser } from '../auth/auth-user';
import { CHIEF_AND_ORGANIZERS, CurrentUser, Roles } from '../auth/decorators';
import { ParseIdPipe } from '../common/id.pipe';
import { AssignmentsService } from './assignments.service';
import {
  JudgeCandidateResponse,
  JudgeCandidatesQueryDto,
  ModuleAssignmentResponse,
  PutAssignmentsDto,
  WorkpieceResponse,
} from './dto/assignment.dto';
import { JudgeCandidatesService } from './judge-candidates.service';

/** Who marks what: judges per module (with recusal), candidates, and the work-piece codes. */
@ApiTags('judging')
@ApiBearerAuth()
@Controller('events/:id')
export class AssignmentsController {
  constructor(
    private readonly assignments: AssignmentsService,
    private readonly candidates: JudgeCandidatesService,
  ) {}

  @Get('assignments')
  @Roles(...CHIEF_AND_ORGANIZERS)
  @ApiOperation({ summary: 'Judges per module, with recused piece counts and who covers them.' })
  @ApiOkResponse({ type: [ModuleAssignmentResponse] })
  assignmentsOf(@Param('id', ParseIdPipe) id: number): Promise<ModuleAssignmentResponse[]> {
    return this.assignments.overview(id);
  }

  @Get('judge-candidates')
  @Roles(...CHIEF_AND_ORGANIZERS)
  @ApiOperation({
    summary:
      "Active judges found by name or unit, each with the event's contestants from their own unit (回避).",
  })
  @ApiOkResponse({ type: [JudgeCandidateResponse] })
  judgeCandidates(
    @Param('id', ParseIdPipe) id: number,
    @Query() query: JudgeCandidatesQueryDto,
  ): Promise<JudgeCandidateResponse[]> {
    return this.candidates.list(id, query.q);
  }

  @Put('assignments')
  @Roles(...CHIEF_AND_ORGANIZERS)
  @ApiOperation({ summary: 'Set the judges of each module listed.' })
  @ApiOkResponse({ type: [ModuleAssignmentResponse] })
  assign(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: PutAssignmentsDto,
  ): Promise<ModuleAssignmentResponse[]> {
    return this.assignments.put(actorOf(user), id, body);
  }

  @Get('workpieces')
  @Roles('judge', 'chief_judge')
  @ApiOperation({
    summary:
      "The event's work-piece codes, all a judge ever sees of a contestant: a judge gets those of an event they mark in, recused ones left out (another event answers 404 EVENT_NOT_FOUND).",
  })
  @ApiOkResponse({ type: [WorkpieceResponse] })
  workpieces(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: number,
  ): Promise<WorkpieceResponse[]> {
    return this.assignments.workpieces(user, id);
  }
}

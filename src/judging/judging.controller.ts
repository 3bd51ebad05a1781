import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseBoolPipe,
  Post,
  Put,
  Query,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiConsumes,
  ApiProduces,
} from '@nestjs/swagger';
import { FileInterceptor } from '@nestjs/platform-express';
import { actorOf, AuthUser } from '../auth/auth-user';
import { CurrentUser, ORGANIZERS, Roles } from '../auth/decorators';
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
import { ReasonDto, RemarkDto, TheoryImportDto, TimeDto } from './dto/chief.dto';
import { PutSchemeDto, SchemeResponse } from './dto/scheme.dto';
import { RemarkRequest } from './entities/remark-request.entity';
import { LockService, ModuleProgress } from './lock.service';
import { FlagResponse, ReconciliationService, RecheckResponse } from './reconciliation.service';
import { SchemeService } from './scheme.service';
import { schemeWorkbook } from './scheme-workbook';
import { SheetImportsService, TheoryFileResult } from './sheet-imports.service';
import type { PieceScore } from './scoring.service';
import { ScoringInputsService } from './scoring-inputs.service';
import { uploadOptions } from '../common/upload';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const CHIEF_AND_ORGANIZERS = [...ORGANIZERS, 'chief_judge' as const];

/** The chief judge's and organizers' side of judging: scheme, assignment, progress, flags, lock. */
@ApiTags('judging')
@ApiBearerAuth()
@Controller()
export class JudgingController {
  constructor(
    private readonly schemes: SchemeService,
    private readonly assignments: AssignmentsService,
    private readonly candidates: JudgeCandidatesService,
    private readonly locks: LockService,
    private readonly reconciliation: ReconciliationService,
    private readonly inputs: ScoringInputsService,
    private readonly sheets: SheetImportsService,
  ) {}

  @Get('events/:id/scheme')
  @Roles(...CHIEF_AND_ORGANIZERS, 'supervisor')
  @ApiOperation({ summary: 'The marking scheme (评分标准): modules and aspects.' })
  @ApiOkResponse({ type: SchemeResponse })
  scheme(@Param('id', ParseIdPipe) id: number): Promise<SchemeResponse> {
    return this.schemes.get(id);
  }

  @Put('events/:id/scheme')
  @Roles(...CHIEF_AND_ORGANIZERS)
  @ApiOperation({
    summary:
      'Replace the scheme; validated (practical maxima add up to 100); refused once marks exist.',
  })
  @ApiOkResponse({ type: SchemeResponse })
  @ApiConflictResponse({ description: 'SCHEME_IN_USE' })
  putScheme(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: PutSchemeDto,
  ): Promise<SchemeResponse> {
    return this.schemes.put(actorOf(user), id, body);
  }

  @Get('events/:id/assignments')
  @Roles(...CHIEF_AND_ORGANIZERS)
  @ApiOperation({ summary: 'Judges per module, with recused piece counts and who covers them.' })
  @ApiOkResponse({ type: [ModuleAssignmentResponse] })
  assignmentsOf(@Param('id', ParseIdPipe) id: number): Promise<ModuleAssignmentResponse[]> {
    return this.assignments.overview(id);
  }

  @Get('events/:id/judge-candidates')
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

  @Put('events/:id/assignments')
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

  @Get('events/:id/workpieces')
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

  @Get('events/:id/progress')
  @Roles(...CHIEF_AND_ORGANIZERS, 'supervisor')
  @ApiOperation({ summary: 'Per module: marks expected, entered, flagged; sheets signed; locked.' })
  @ApiOkResponse()
  progress(@Param('id', ParseIdPipe) id: number): Promise<ModuleProgress[]> {
    return this.locks.progress(id);
  }

  @Get('events/:id/scores')
  @Roles(...CHIEF_AND_ORGANIZERS, 'supervisor')
  @ApiOperation({
    summary:
      'Provisional scores by work-piece code: aspect, module, practical, theory and total marks.',
  })
  @ApiOkResponse()
  scores(@Param('id', ParseIdPipe) id: number): Promise<PieceScore[]> {
    return this.reconciliation.scores(id);
  }

  @Get('events/:id/flags')
  @Roles(...CHIEF_AND_ORGANIZERS)
  @ApiOperation({ summary: 'Aspects whose spread between judges is beyond the limit.' })
  @ApiOkResponse()
  flags(@Param('id', ParseIdPipe) id: number): Promise<FlagResponse[]> {
    return this.reconciliation.flags(id);
  }

  @Post('events/:id/remarks')
  @Roles('chief_judge')
  @ApiOperation({ summary: 'Ask named judges to mark an aspect of a work-piece again.' })
  @ApiOkResponse()
  remark(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: RemarkDto,
  ): Promise<RemarkRequest> {
    return this.reconciliation.requestRemark(actorOf(user), id, body);
  }

  @Post('events/:id/recheck')
  @HttpCode(200)
  @Roles(...CHIEF_AND_ORGANIZERS)
  @ApiOperation({
    summary:
      'The recheck (复核) list: top 10 plus a random 15% of the rest, chosen once; mismatches flagged.',
  })
  @ApiOkResponse()
  recheck(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: number,
  ): Promise<RecheckResponse[]> {
    return this.reconciliation.recheck(actorOf(user), id);
  }

  @Post('events/:id/times')
  @HttpCode(200)
  @Roles(...CHIEF_AND_ORGANIZERS)
  @ApiOperation({ summary: 'Record the time a work-piece took (a tie-break input).' })
  recordTime(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: TimeDto,
  ) {
    return this.inputs.recordTime(actorOf(user), id, body);
  }

  @Post('events/:id/theory')
  @HttpCode(200)
  @Roles(...CHIEF_AND_ORGANIZERS)
  @ApiOperation({
    summary: 'Import theory scores keyed by check-in code; ?dryRun=true reports row errors only.',
  })
  importTheory(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: TheoryImportDto,
    @Query('dryRun', new ParseBoolPipe({ optional: true })) dryRun?: boolean,
  ) {
    return this.inputs.importTheory(actorOf(user), id, body, dryRun ?? false);
  }

  @Get('events/:id/scheme.xlsx')
  @Roles(...CHIEF_AND_ORGANIZERS, 'supervisor')
  @ApiOperation({
    summary: 'The scheme as .xlsx, one row per aspect (the same columns are read back on import).',
  })
  @ApiProduces(XLSX)
  async exportScheme(@Param('id', ParseIdPipe) id: number): Promise<StreamableFile> {
    return new StreamableFile(await schemeWorkbook(await this.schemes.get(id)), {
      type: XLSX,
      disposition: 'attachment; filename="scheme.xlsx"',
    });
  }

  @Post('events/:id/scheme.xlsx')
  @HttpCode(200)
  @Roles(...CHIEF_AND_ORGANIZERS)
  @UseInterceptors(FileInterceptor('file', uploadOptions(2 * 1024 * 1024)))
  @ApiConsumes('multipart/form-data')
  @ApiOperation({
    summary:
      'Replace the scheme from an .xlsx (one row per aspect); validated as the JSON form is.',
  })
  importScheme(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: number,
    @UploadedFile() file?: Express.Multer.File,
  ): Promise<SchemeResponse> {
    return this.sheets.scheme(actorOf(user), id, file);
  }

  @Post('events/:id/theory.xlsx')
  @HttpCode(200)
  @Roles(...CHIEF_AND_ORGANIZERS)
  @UseInterceptors(FileInterceptor('file', uploadOptions(10 * 1024 * 1024)))
  @ApiConsumes('multipart/form-data')
  @ApiOperation({
    summary:
      'Theory scores from the exam system (.xlsx/.csv: 检录号, 理论成绩); ?dryRun=true reports row errors only; all or nothing.',
  })
  importTheoryFile(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: number,
    @Query('dryRun', new ParseBoolPipe({ optional: true })) dryRun?: boolean,
    @UploadedFile() file?: Express.Multer.File,
  ): Promise<TheoryFileResult> {
    return this.sheets.theory(actorOf(user), id, dryRun ?? false, file);
  }

  @Post('modules/:id/lock')
  @HttpCode(200)
  @Roles('chief_judge')
  @ApiOperation({ summary: 'Lock a module (all marks in, all sheets signed, no open flag).' })
  @ApiConflictResponse({ description: 'MODULE_NOT_READY (details: missing, unsigned, flagged)' })
  lock(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: number,
  ): Promise<ModuleProgress> {
    return this.locks.lock(actorOf(user), id);
  }

  @Post('modules/:id/unlock')
  @HttpCode(200)
  @Roles('chief_judge')
  @ApiOperation({ summary: 'Unlock a module with a reason (audited); sheets reopen.' })
  unlock(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: ReasonDto,
  ): Promise<ModuleProgress> {
    return this.locks.unlock(actorOf(user), id, body.reason);
  }
}

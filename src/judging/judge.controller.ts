import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { ParseIdPipe } from '../common/id.pipe';
import { AssignmentsService } from './assignments.service';
import { JudgeTaskResponse } from './dto/assignment.dto';
import { MarkBatchDto, MarkBatchResponse, MarkInputDto, MarkWriteResponse } from './dto/mark.dto';
import { SignatureResponse } from './dto/progress.dto';
import { LockService } from './lock.service';
import { MarksService } from './marks.service';

/** The judge's tablet: codes only, never who. */
@ApiTags('judge')
@ApiBearerAuth()
@Roles('judge')
@Controller('judge')
export class JudgeController {
  constructor(
    private readonly assignments: AssignmentsService,
    private readonly marks: MarksService,
    private readonly locks: LockService,
  ) {}

  @Get('tasks')
  @ApiOperation({
    summary: 'My modules: aspects, work-piece codes (recused ones left out), my marks.',
  })
  @ApiOkResponse({ type: [JudgeTaskResponse] })
  tasks(@CurrentUser() user: AuthUser): Promise<JudgeTaskResponse[]> {
    return this.assignments.tasksFor(user);
  }

  @Post('marks')
  @ApiOperation({
    summary:
      'Enter (or, with baseVersion, edit) one mark; a resend with the same clientId returns the first answer.',
  })
  @ApiOkResponse({ type: MarkWriteResponse })
  async mark(
    @CurrentUser() user: AuthUser,
    @Body() body: MarkInputDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<MarkWriteResponse> {
    const result = await this.marks.submit(user, body);
    res.status(result.status);
    return result;
  }

  @Post('marks/batch')
  @HttpCode(200)
  @ApiOperation({ summary: 'Flush an offline queue: up to 500 marks, each answered on its own.' })
  @ApiOkResponse({ type: MarkBatchResponse })
  async batch(
    @CurrentUser() user: AuthUser,
    @Body() body: MarkBatchDto,
  ): Promise<MarkBatchResponse> {
    return { results: await this.marks.submitBatch(user, body.marks) };
  }

  @Post('modules/:id/sign')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign my sheet for a module (every piece I may mark has my mark).' })
  @ApiOkResponse({ type: SignatureResponse })
  sign(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: number,
  ): Promise<SignatureResponse> {
    return this.locks.sign(user, id);
  }
}

import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { actorOf, AuthUser } from '../auth/auth-user';
import { CHIEF_AND_ORGANIZERS, CurrentUser, Roles } from '../auth/decorators';
import { ParseIdPipe } from '../common/id.pipe';
import { ReasonDto } from './dto/chief.dto';
import { ModuleProgressResponse } from './dto/progress.dto';
import { LockService } from './lock.service';

/** Progress towards the lock, and the chief judge's lock and unlock of a module. */
@ApiTags('judging')
@ApiBearerAuth()
@Controller()
export class LockController {
  constructor(private readonly locks: LockService) {}

  @Get('events/:id/progress')
  @Roles(...CHIEF_AND_ORGANIZERS, 'supervisor')
  @ApiOperation({ summary: 'Per module: marks expected, entered, flagged; sheets signed; locked.' })
  @ApiOkResponse({ type: [ModuleProgressResponse] })
  progress(@Param('id', ParseIdPipe) id: number): Promise<ModuleProgressResponse[]> {
    return this.locks.progress(id);
  }

  @Post('modules/:id/lock')
  @HttpCode(200)
  @Roles('chief_judge')
  @ApiOperation({ summary: 'Lock a module (all marks in, all sheets signed, no open flag).' })
  @ApiOkResponse({ type: ModuleProgressResponse })
  @ApiConflictResponse({
    description: 'MODULE_NOT_READY, details: ModuleNotReadyDetails (missing, unsigned, flagged)',
  })
  lock(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: number,
  ): Promise<ModuleProgressResponse> {
    return this.locks.lock(actorOf(user), id);
  }

  @Post('modules/:id/unlock')
  @HttpCode(200)
  @Roles('chief_judge')
  @ApiOperation({ summary: 'Unlock a module with a reason (audited); sheets reopen.' })
  @ApiOkResponse({ type: ModuleProgressResponse })
  unlock(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: ReasonDto,
  ): Promise<ModuleProgressResponse> {
    return this.locks.unlock(actorOf(user), id, body.reason);
  }
}

import {
  Body,
  Controller,
  HttpCode,
  Param,
  ParseBoolPipe,
  Post,
  Query,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiConsumes, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { actorOf, AuthUser } from '../auth/auth-user';
import { CHIEF_AND_ORGANIZERS, CurrentUser, Roles } from '../auth/decorators';
import { ParseIdPipe } from '../common/id.pipe';
import { uploadOptions } from '../common/upload';
import {
  TheoryFileDto,
  TheoryImportDto,
  TheoryImportResponse,
  TimeDto,
  TimeRecordedResponse,
} from './dto/chief.dto';
import { ScoringInputsService } from './scoring-inputs.service';
import { SheetImportsService } from './sheet-imports.service';

/** What scores besides the marks: times (a tie-break input) and theory scores. */
@ApiTags('judging')
@ApiBearerAuth()
@Roles(...CHIEF_AND_ORGANIZERS)
@Controller('events/:id')
export class ScoringInputsController {
  constructor(
    private readonly inputs: ScoringInputsService,
    private readonly sheets: SheetImportsService,
  ) {}

  @Post('times')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record the time a work-piece took (a tie-break input).' })
  @ApiOkResponse({ type: TimeRecordedResponse })
  recordTime(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: TimeDto,
  ): Promise<TimeRecordedResponse> {
    return this.inputs.recordTime(actorOf(user), id, body);
  }

  @Post('theory')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Import theory scores keyed by check-in code; ?dryRun=true reports row errors only.',
  })
  @ApiOkResponse({ type: TheoryImportResponse })
  importTheory(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: TheoryImportDto,
    @Query('dryRun', new ParseBoolPipe({ optional: true })) dryRun?: boolean,
  ): Promise<TheoryImportResponse> {
    return this.inputs.importTheory(actorOf(user), id, body, dryRun ?? false);
  }

  @Post('theory.xlsx')
  @HttpCode(200)
  @UseInterceptors(FileInterceptor('file', uploadOptions(10 * 1024 * 1024)))
  @ApiConsumes('multipart/form-data')
  @ApiOperation({
    summary:
      'Theory scores from the exam system (.xlsx/.csv: 检录号, 理论成绩); ?dryRun=true reports row errors only; all or nothing. Once locked, the chief judge sends a reason field with the file.',
  })
  @ApiOkResponse({ type: TheoryImportResponse })
  importTheoryFile(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: TheoryFileDto,
    @Query('dryRun', new ParseBoolPipe({ optional: true })) dryRun?: boolean,
    @UploadedFile() file?: Express.Multer.File,
  ): Promise<TheoryImportResponse> {
    return this.sheets.theory(actorOf(user), id, dryRun ?? false, file, body.reason);
  }
}

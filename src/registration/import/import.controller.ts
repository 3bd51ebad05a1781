import {
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiAcceptedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { actorOf, AuthUser } from '../../auth/auth-user';
import { CurrentUser, ORGANIZERS, Roles } from '../../auth/decorators';
import { badRequest } from '../../common/errors/app-error';
import { ParseIdPipe } from '../../common/id.pipe';
import { CompetitionEvent } from '../../editions/entities/competition-event.entity';
import { EntryQueryDto } from '../dto/entry.dto';
import { EntriesService } from '../entries.service';
import { ImportJobResponse } from '../dto/import.dto';
import { ImportService } from './import.service';
import { entriesWorkbook, registrationTemplate } from './workbooks';
import { ApiFileResponse, uploadOptions, XLSX_TYPE } from '../../common/upload';

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

const xlsxFile = (buffer: Buffer, name: string) =>
  new StreamableFile(buffer, {
    type: XLSX_TYPE,
    disposition: `attachment; filename*=UTF-8''${encodeURIComponent(name)}`,
  });

@ApiTags('registration import/export')
@ApiBearerAuth()
@Roles(...ORGANIZERS)
@Controller()
export class ImportController {
  constructor(
    private readonly imports: ImportService,
    private readonly entries: EntriesService,
    @InjectRepository(CompetitionEvent) private readonly events: Repository<CompetitionEvent>,
  ) {}

  @Get('imports/template.xlsx')
  @ApiOperation({
    summary: 'The registration sheet template (zh-CN headers, an example row, instructions).',
  })
  @ApiFileResponse(XLSX_TYPE)
  async template(): Promise<StreamableFile> {
    return xlsxFile(await registrationTemplate(), '报名表模板.xlsx');
  }

  @Post('editions/:id/imports')
  @HttpCode(202)
  @UseInterceptors(FileInterceptor('file', uploadOptions(MAX_UPLOAD_BYTES)))
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } },
  })
  @ApiOperation({
    summary:
      'Upload a sheet (.xlsx/.csv, ≤ 10 MB) and start its dry run; poll the job for progress.',
  })
  @ApiAcceptedResponse({ type: ImportJobResponse })
  start(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: number,
    @UploadedFile() file?: Express.Multer.File,
  ): Promise<ImportJobResponse> {
    if (!file) {
      throw badRequest('IMPORT_NO_FILE', 'Attach the sheet as the form field "file".');
    }
    return this.imports.start(actorOf(user), id, file);
  }

  @Get('imports/:jobId')
  @ApiOperation({ summary: 'Progress and row errors (row, column, code, message) of an import.' })
  @ApiOkResponse({ type: ImportJobResponse })
  get(@Param('jobId', new ParseUUIDPipe()) jobId: string): ImportJobResponse {
    return this.imports.get(jobId);
  }

  @Post('imports/:jobId/commit')
  @HttpCode(202)
  @ApiOperation({ summary: 'Commit a clean dry run, all or nothing.' })
  @ApiAcceptedResponse({ type: ImportJobResponse })
  commit(
    @CurrentUser() user: AuthUser,
    @Param('jobId', new ParseUUIDPipe()) jobId: string,
  ): ImportJobResponse {
    return this.imports.commit(jobId, actorOf(user));
  }

  @Get('editions/:id/entries.xlsx')
  @ApiOperation({
    summary: 'Entry list as .xlsx, per event or per unit (filters as the entry list).',
  })
  @ApiFileResponse(XLSX_TYPE)
  async export(
    @Param('id', ParseIdPipe) id: number,
    @Query() query: EntryQueryDto,
  ): Promise<StreamableFile> {
    const [entries, events] = await Promise.all([
      this.entries.list(id, query, true),
      this.events.find({ where: { editionId: id } }),
    ]);
    return xlsxFile(
      await entriesWorkbook(entries, new Map(events.map((e) => [e.id, e.name]))),
      `报名名单-${id}.xlsx`,
    );
  }
}

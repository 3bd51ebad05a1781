import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Put,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { actorOf, AuthUser } from '../auth/auth-user';
import { CHIEF_AND_ORGANIZERS, CurrentUser, Roles } from '../auth/decorators';
import { ParseIdPipe } from '../common/id.pipe';
import { ApiFileResponse, uploadOptions, XLSX_TYPE } from '../common/upload';
import { PutSchemeDto, SchemeResponse } from './dto/scheme.dto';
import { SchemeService } from './scheme.service';
import { SheetImportsService } from './sheet-imports.service';

/** The marking scheme (评分标准), as JSON and as a sheet. */
@ApiTags('judging')
@ApiBearerAuth()
@Controller('events/:id')
export class SchemeController {
  constructor(
    private readonly schemes: SchemeService,
    private readonly sheets: SheetImportsService,
  ) {}

  @Get('scheme')
  @Roles(...CHIEF_AND_ORGANIZERS, 'supervisor')
  @ApiOperation({ summary: 'The marking scheme (评分标准): modules and aspects.' })
  @ApiOkResponse({ type: SchemeResponse })
  scheme(@Param('id', ParseIdPipe) id: number): Promise<SchemeResponse> {
    return this.schemes.get(id);
  }

  @Put('scheme')
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

  @Get('scheme.xlsx')
  @Roles(...CHIEF_AND_ORGANIZERS, 'supervisor')
  @ApiOperation({
    summary: 'The scheme as .xlsx, one row per aspect (the same columns are read back on import).',
  })
  @ApiFileResponse(XLSX_TYPE)
  async exportScheme(@Param('id', ParseIdPipe) id: number): Promise<StreamableFile> {
    return new StreamableFile(await this.sheets.schemeWorkbook(id), {
      type: XLSX_TYPE,
      disposition: 'attachment; filename="scheme.xlsx"',
    });
  }

  @Post('scheme.xlsx')
  @HttpCode(200)
  @Roles(...CHIEF_AND_ORGANIZERS)
  @UseInterceptors(FileInterceptor('file', uploadOptions(2 * 1024 * 1024)))
  @ApiConsumes('multipart/form-data')
  @ApiOperation({
    summary:
      'Replace the scheme from an .xlsx (one row per aspect); validated as the JSON form is.',
  })
  @ApiOkResponse({ type: SchemeResponse })
  importScheme(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: number,
    @UploadedFile() file?: Express.Multer.File,
  ): Promise<SchemeResponse> {
    return this.sheets.scheme(actorOf(user), id, file);
  }
}

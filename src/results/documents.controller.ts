import { Controller, Get, Header, Param, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { notFound } from '../common/errors/app-error';
import { Roles } from '../auth/decorators';
import { ParseIdPipe } from '../common/id.pipe';
import { ApiFileResponse, XLSX_TYPE } from '../common/upload';
import { DocumentsService } from './documents.service';
import { PrintedPagesService } from './printed-pages.service';
import { STAFF } from './results-roles';

/** The printed documents: award, payout and upgrade lists, certificates, the results sheet. */
@ApiTags('results and awards')
@ApiBearerAuth()
@Controller()
export class DocumentsController {
  constructor(
    private readonly documents: DocumentsService,
    private readonly pages: PrintedPagesService,
  ) {}

  @Get('editions/:id/documents/:name')
  @Roles(...STAFF)
  @ApiOperation({
    summary:
      'award-list.xlsx (获奖名单), payout-list.xlsx (奖金发放表, by unit), upgrade-list.xlsx (职业资格晋升名单).',
  })
  @ApiFileResponse(XLSX_TYPE, 'The sheet (.xlsx)')
  async document(
    @Param('id', ParseIdPipe) id: number,
    @Param('name') name: string,
  ): Promise<StreamableFile> {
    // A Map, not an object literal: `constructor` or `__proto__` must not find Object's members.
    const make = new Map([
      ['award-list.xlsx', () => this.documents.awardList(id)],
      ['payout-list.xlsx', () => this.documents.payoutList(id)],
      ['upgrade-list.xlsx', () => this.documents.upgradeList(id)],
    ]).get(name);
    if (!make) {
      throw notFound(
        'DOCUMENT_NOT_FOUND',
        'Documents: award-list.xlsx, payout-list.xlsx, upgrade-list.xlsx.',
      );
    }
    return new StreamableFile(await make(), {
      type: XLSX_TYPE,
      disposition: `attachment; filename="${name}"`,
    });
  }

  @Get('grants/:id/certificate')
  @Roles(...STAFF)
  @Header('Content-Type', 'text/html; charset=utf-8')
  @ApiOperation({
    summary: 'The printable certificate (荣誉证书) of a prize grant, HTML for printing to A4.',
  })
  @ApiFileResponse('text/html', 'The certificate, HTML for printing')
  certificate(@Param('id', ParseIdPipe) id: number): Promise<string> {
    return this.pages.certificate(id);
  }

  @Get('events/:id/results/sheet')
  @Roles(...STAFF)
  @Header('Content-Type', 'text/html; charset=utf-8')
  @ApiOperation({
    summary:
      'The official results sheet with signature lines for the chief judge and the supervisor.',
  })
  @ApiFileResponse('text/html', 'The results sheet, HTML for printing')
  sheet(@Param('id', ParseIdPipe) id: number): Promise<string> {
    return this.pages.resultsSheet(id);
  }
}

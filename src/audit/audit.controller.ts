import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/decorators';
import { AuditService } from './audit.service';
import { AuditEntryResponse, AuditQueryDto, AuditVerifyResponse } from './dto/audit.dto';

const parse = (text: string | null): unknown => (text === null ? null : JSON.parse(text));

@ApiTags('audit')
@ApiBearerAuth()
@Roles('admin', 'organizer', 'supervisor', 'chief_judge')
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiOperation({ summary: 'Audit rows in order, filtered by entity; paged by afterSeq.' })
  @ApiOkResponse({ type: [AuditEntryResponse] })
  async list(@Query() query: AuditQueryDto): Promise<AuditEntryResponse[]> {
    const rows = await this.audit.list({ ...query, limit: query.limit ?? 100 });
    return rows.map((r) => ({
      seq: r.seq,
      at: r.at,
      actorId: r.actorId,
      actorName: r.actorName,
      action: r.action,
      entityType: r.entityType,
      entityId: r.entityId,
      before: parse(r.before),
      after: parse(r.after),
      reason: r.reason,
      hash: r.hash,
    }));
  }

  @Get('verify')
  @ApiOperation({ summary: 'Recompute the hash chain; names the first broken row.' })
  @ApiOkResponse({ type: AuditVerifyResponse })
  verify(): Promise<AuditVerifyResponse> {
    return this.audit.verify();
  }
}

import { Controller, Get, Query } from '@nestjs/common';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, ORGANIZERS, Roles } from '../auth/decorators';
import { maskPersonalData } from '../domain/personal-data';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditService } from './audit.service';
import { AuditEntryResponse, AuditQueryDto, AuditVerifyResponse } from './dto/audit.dto';

const parseJson = (text: string | null): unknown => (text === null ? null : JSON.parse(text));

@ApiTags('audit')
@ApiBearerAuth()
@Roles('admin', 'organizer', 'supervisor', 'chief_judge')
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiOperation({
    summary:
      'Audit rows in order, filtered by entity; paged by afterSeq. People in before/after are masked except for organizers.',
  })
  @ApiOkResponse({ type: [AuditEntryResponse] })
  async list(
    @CurrentUser() user: AuthUser,
    @Query() query: AuditQueryDto,
  ): Promise<AuditEntryResponse[]> {
    const rows = await this.audit.list({ ...query, limit: query.limit ?? 100 });
    // The chief judge and the supervisor see people's records masked, as everywhere else.
    const parse = ORGANIZERS.includes(user.role)
      ? parseJson
      : (text: string | null) => maskPersonalData(parseJson(text));
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

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export class AuditQueryDto {
  @ApiPropertyOptional({ example: 'event' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  entityType?: string;

  @ApiPropertyOptional({ example: '12' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  entityId?: string;

  @ApiPropertyOptional({ description: 'Rows after this sequence number (paging).' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  afterSeq?: number;

  @ApiPropertyOptional({ default: 100, maximum: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}

export class AuditEntryResponse {
  @ApiProperty() seq: number;
  @ApiProperty() at: string;
  @ApiProperty({ nullable: true, type: Number }) actorId: number | null;
  @ApiProperty() actorName: string;
  @ApiProperty() action: string;
  @ApiProperty() entityType: string;
  @ApiProperty({ nullable: true, type: String }) entityId: string | null;
  @ApiProperty({ nullable: true, description: 'State before the change' }) before: unknown;
  @ApiProperty({ nullable: true, description: 'State after the change' }) after: unknown;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
  @ApiProperty() hash: string;
}

export class AuditVerifyResponse {
  @ApiProperty({
    description: 'True when every row links to the previous one and matches its hash.',
  })
  ok: boolean;

  @ApiProperty({ description: 'Rows checked.' })
  rows: number;

  @ApiPropertyOptional({ description: 'The first row that does not verify.' })
  firstBrokenSeq?: number;

  @ApiPropertyOptional({
    description: 'The first problem: a broken row, the head, or a disagreement.',
  })
  reason?: string;

  @ApiProperty({
    description:
      'The chain against its signed head (kept outside the table): ok, anchoredRows, and ' +
      'unanchoredRows (appended after the head was last written) or the reason.',
  })
  anchor: { ok: boolean; anchoredRows: number; unanchoredRows?: number; reason?: string };

  @ApiProperty({
    description:
      'Grants (status, cash, contestantId) and marks (value) whose table value differs from what ' +
      'the last audit rows say; the first 20.',
  })
  mismatches: {
    entityType: string;
    entityId: string;
    field: string;
    table: unknown;
    audit: unknown;
  }[];

  @ApiProperty()
  mismatchCount: number;
}

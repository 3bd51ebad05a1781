import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export const IMPORT_STATUSES = [
  'validating',
  'validated',
  'committing',
  'committed',
  'failed',
] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

export class ImportRowErrorResponse {
  @ApiProperty({ description: '1-based row number as the sheet shows it (the header is row 1)' })
  row: number;
  @ApiProperty({ nullable: true, type: String }) column: string | null;
  @ApiProperty() code: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  params?: Record<string, unknown>;
  @ApiProperty() message: string;
}

/** A registration import: its dry run's progress and row errors, then its commit. */
export class ImportJobResponse {
  @ApiProperty() id: string;
  @ApiProperty() editionId: number;
  @ApiProperty() fileName: string;
  @ApiProperty({ enum: IMPORT_STATUSES }) status: ImportStatus;
  @ApiProperty() total: number;
  @ApiProperty() processed: number;
  @ApiProperty({ type: [ImportRowErrorResponse] }) errors: ImportRowErrorResponse[];
  @ApiProperty() created: number;
  @ApiProperty() startedAt: string;
  @ApiProperty({ nullable: true, type: String }) finishedAt: string | null;
}

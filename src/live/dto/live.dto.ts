import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import type { ScoredRow, SealedRow, Snapshot } from '../../common/live-events';

/** A row before decryption: the workstation and how many of its modules are locked. */
export class SealedRowResponse implements SealedRow {
  @ApiProperty() workstationNo: number;
  @ApiProperty() lockedModules: number;
}

/** A row once the chief judge has decrypted: scores, rank, and (after decryption) the name. */
export class ScoredRowResponse extends SealedRowResponse implements ScoredRow {
  @ApiProperty() rank: number;
  @ApiProperty() tied: boolean;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' } })
  modules: Record<string, number>;
  @ApiProperty() practical: number;
  @ApiProperty({ nullable: true, type: Number }) theory: number | null;
  @ApiProperty() total: number;
  @ApiPropertyOptional() name?: string;
  @ApiPropertyOptional() unitName?: string;
}

/** The event's public table as of update `seq` (the `/live` snapshot, src/common/live-events.ts). */
@ApiExtraModels(SealedRowResponse, ScoredRowResponse)
export class SnapshotResponse implements Snapshot {
  @ApiProperty() eventId: number;
  @ApiProperty() seq: number;
  @ApiProperty({
    type: 'array',
    items: {
      oneOf: [
        { $ref: getSchemaPath(ScoredRowResponse) },
        { $ref: getSchemaPath(SealedRowResponse) },
      ],
    },
  })
  rows: (SealedRowResponse | ScoredRowResponse)[];
  @ApiProperty() frozen: boolean;
  @ApiProperty({ description: 'Decrypted but not yet published (公示): the board says 暂定' })
  provisional: boolean;
}

export class PublicModuleResponse {
  @ApiProperty({ example: 'A' }) code: string;
  @ApiProperty({ example: '零件加工' }) name: string;
}

import { pick } from '../../common/pick';
import { ApiProperty } from '@nestjs/swagger';
import type { Appeal, AppealStatus } from '../entities/appeal.entity';

/** 申诉, as filed and as decided. */
export class AppealResponse {
  @ApiProperty() id: number;
  @ApiProperty() eventId: number;
  @ApiProperty({ description: 'The account that filed it' }) filedById: number;
  @ApiProperty() filedByName: string;
  @ApiProperty() text: string;
  @ApiProperty() filedAt: string;
  @ApiProperty({ enum: ['filed', 'accepted', 'rejected'] }) status: AppealStatus;
  @ApiProperty({ nullable: true, type: String }) decision: string | null;
  @ApiProperty({ nullable: true, type: String }) decidedBy: string | null;
  @ApiProperty({ nullable: true, type: String }) decidedAt: string | null;
}

export const APPEAL_FIELDS = [
  'id',
  'eventId',
  'filedById',
  'filedByName',
  'text',
  'filedAt',
  'status',
  'decision',
  'decidedBy',
  'decidedAt',
] as const;

export function toAppealResponse(a: Appeal): AppealResponse {
  return pick(a, APPEAL_FIELDS);
}

import { pick } from '../../common/pick';
import { ApiProperty } from '@nestjs/swagger';
import type { ExternalResultRow } from '../entities/external-result.entity';
import { GrantResponse } from './grant.dto';

/** A provincial, national or world result of a contestant the city sent, as recorded. */
export class ExternalResultResponse {
  @ApiProperty() id: number;
  @ApiProperty() contestantId: number;
  @ApiProperty() competition: string;
  @ApiProperty({ enum: ['provincial', 'national', 'world'] })
  level: 'provincial' | 'national' | 'world';
  @ApiProperty() year: number;
  @ApiProperty() eventName: string;
  @ApiProperty({ description: '1 = first place' }) placing: number;
  @ApiProperty({ description: 'The reward paid there per person, integer yuan' }) amount: number;
  @ApiProperty() evidenceNo: string;
  @ApiProperty({ description: 'Whether it adds a 1:1 matching grant' }) qualifies: boolean;
  @ApiProperty({ description: 'Why it qualifies or not' }) reason: string;
  @ApiProperty() createdAt: string;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'The normalised key of a qualifying result: the same result cannot pay twice',
  })
  qualifyingKey: string | null;
}

export const EXTERNAL_RESULT_FIELDS = [
  'id',
  'contestantId',
  'competition',
  'level',
  'year',
  'eventName',
  'placing',
  'amount',
  'evidenceNo',
  'qualifies',
  'reason',
  'createdAt',
  'qualifyingKey',
] as const;

export function toExternalResultResponse(r: ExternalResultRow): ExternalResultResponse {
  return pick(r, EXTERNAL_RESULT_FIELDS);
}

export class ExternalResultAnswer {
  @ApiProperty({ type: ExternalResultResponse }) result: ExternalResultResponse;
  @ApiProperty({
    type: GrantResponse,
    nullable: true,
    description: 'The matching grant it added, or null',
  })
  grant: GrantResponse | null;
}

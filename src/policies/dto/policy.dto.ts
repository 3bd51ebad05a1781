import { ApiProperty } from '@nestjs/swagger';
import { IsObject, Matches, IsString, MaxLength, MinLength } from 'class-validator';
import type { RewardPolicy } from '../../domain/policy';
import { PolicyRow } from '../policy.entity';

/** A policy id: what clone accepts, so the path lookup can refuse anything else up front. */
export const POLICY_ID = /^[a-z0-9][a-z0-9-]{1,62}$/;

export class ClonePolicyDto {
  @ApiProperty({ example: 'wuxi-2027', description: 'Id of the new policy' })
  @Matches(POLICY_ID, { message: 'id must be 2-63 of a-z 0-9 -' })
  id: string;

  @ApiProperty({ example: '第八届奖励办法' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;
}

export class PutPolicyDto {
  @ApiProperty({
    description: 'The whole policy document (validated: prizes, titles, clauses, amounts, levels)',
  })
  @IsObject()
  document: Record<string, unknown>;
}

export class PolicyResponse {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['file', 'console'] }) origin: 'file' | 'console';
  @ApiProperty({ nullable: true, type: String }) basedOn: string | null;
  @ApiProperty({ type: [Number], description: 'Years of the editions that follow it' })
  usedBy: number[];
  @ApiProperty({
    description: 'True when a closed (final) edition uses it: it can no longer change',
  })
  frozen: boolean;
  @ApiProperty({ description: 'The validated policy' }) document: RewardPolicy;
  @ApiProperty() updatedAt: string;
}

export function toPolicyResponse(
  row: PolicyRow,
  usedBy: { year: number; status: string }[],
): PolicyResponse {
  return {
    id: row.id,
    name: row.name,
    origin: row.origin,
    basedOn: row.basedOn,
    usedBy: usedBy.map((e) => e.year),
    frozen: usedBy.some((e) => e.status === 'closed'),
    document: JSON.parse(row.document) as RewardPolicy,
    updatedAt: row.updatedAt,
  };
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { CONTESTANT_GROUPS, type ContestantGroup } from '../../domain/competition';
import type { EligibilityFailure } from '../../domain/eligibility';
import { ENTRY_STATUSES, Entry, type EntryStatus } from '../entities/entry.entity';
import { ContestantInput, ContestantResponse, toContestantResponse } from './contestant.dto';

export class SubmitEntryDto {
  @ApiProperty({ description: 'The event (赛项) entered' })
  @IsInt()
  @Min(1)
  eventId: number;

  @ApiProperty({ enum: CONTESTANT_GROUPS, description: 'worker = 职工组, student = 学生组' })
  @IsIn(CONTESTANT_GROUPS)
  group: ContestantGroup;

  @ApiPropertyOptional({ description: 'Team number for pair and trio events (members share it)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(9999)
  teamNo?: number;

  @ApiProperty({ type: ContestantInput })
  @ValidateNested()
  @Type(() => ContestantInput)
  contestant: ContestantInput;
}

export class ReviewEntriesDto {
  @ApiProperty({ type: [Number], maxItems: 2000 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(2000)
  @IsInt({ each: true })
  @Min(1, { each: true })
  entryIds: number[];

  @ApiProperty({ enum: ['approve', 'reject', 'withdraw'] })
  @IsIn(['approve', 'reject', 'withdraw'])
  decision: 'approve' | 'reject' | 'withdraw';

  @ApiPropertyOptional({ description: 'Required to reject or withdraw', maxLength: 500 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason?: string;
}

export class EntryQueryDto {
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1) eventId?: number;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1) unitId?: number;
  @ApiPropertyOptional({ enum: ENTRY_STATUSES })
  @IsOptional()
  @IsIn(ENTRY_STATUSES)
  status?: EntryStatus;
  @ApiPropertyOptional({ description: 'Name, entry number or ID number contains' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  q?: string;
}

export class EligibilityFailureResponse implements EligibilityFailure {
  @ApiProperty({ enum: ['group', 'age', 'level', 'title', 'one-per-edition', 'team-size'] })
  rule: EligibilityFailure['rule'];
  @ApiProperty() code: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The values the message needs (e.g. age, min, max, on).',
  })
  params: Record<string, unknown>;
  @ApiProperty() message: string;
}

export class EntryResponse {
  @ApiProperty() id: number;
  @ApiProperty() editionId: number;
  @ApiProperty() eventId: number;
  @ApiProperty() entryNo: string;
  @ApiProperty({ enum: CONTESTANT_GROUPS }) group: ContestantGroup;
  @ApiProperty({ nullable: true, type: Number }) teamNo: number | null;
  @ApiProperty({ enum: ENTRY_STATUSES }) status: EntryStatus;
  @ApiProperty({ nullable: true, type: String }) statusReason: string | null;
  @ApiProperty({ type: [EligibilityFailureResponse] }) eligibilityFailures: EligibilityFailure[];
  @ApiProperty({ nullable: true, type: Number }) workstationNo: number | null;
  @ApiProperty({ nullable: true, enum: ['present', 'absent'] }) checkInStatus:
    'present' | 'absent' | null;
  @ApiProperty({ nullable: true, type: String }) checkedInAt: string | null;
  @ApiProperty() late: boolean;
  @ApiProperty({ type: ContestantResponse }) contestant: ContestantResponse | null;
}

export function toEntryResponse(e: Entry, revealId: boolean): EntryResponse {
  return {
    id: e.id,
    editionId: e.editionId,
    eventId: e.eventId,
    entryNo: e.entryNo,
    group: e.contestantGroup,
    teamNo: e.teamNo,
    status: e.status,
    statusReason: e.statusReason,
    eligibilityFailures: e.eligibilityFailures,
    workstationNo: e.workstationNo,
    checkInStatus: e.checkInStatus,
    checkedInAt: e.checkedInAt,
    late: e.late,
    contestant: e.contestant ? toContestantResponse(e.contestant, revealId) : null,
  };
}

export class ReviewResultResponse {
  @ApiProperty({ description: 'Entries changed' }) changed: number;
  @ApiProperty({ type: [EntryResponse] }) entries: EntryResponse[];
}

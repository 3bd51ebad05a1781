import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { Type } from 'class-transformer';

export class PublishDto {
  @ApiProperty({ example: '2025-10-27T00:00:00.000Z', description: '公示 starts' })
  @IsISO8601({ strict: true })
  start: string;

  @ApiProperty({
    example: '2025-11-03T00:00:00.000Z',
    description: '公示 ends (5–7 working days is usual)',
  })
  @IsISO8601({ strict: true })
  end: string;

  @ApiPropertyOptional({
    description: 'Appeals are accepted until then; the end of publication when absent',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  appealDeadline?: string;

  @ApiPropertyOptional({
    maxLength: 500,
    description:
      'Why the window is shorter than the policy’s minimum or starts in the past (the chief judge’s exception)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;

  @ApiPropertyOptional({
    maxLength: 64,
    description: 'The chief judge confirming an exception on the organiser’s screen',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  chiefUsername?: string;

  @ApiPropertyOptional({ maxLength: 200, description: 'That chief judge’s password' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  chiefPassword?: string;
}

export class AppealDto {
  @ApiProperty({ description: 'The appeal, in writing', maxLength: 5000 })
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  text: string;
}

export class DecideAppealDto {
  @ApiProperty() @IsBoolean() accept: boolean;

  @ApiProperty({ maxLength: 2000 })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  decision: string;
}

export class ApproveGrantsDto {
  @ApiProperty({ type: [Number] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(5000)
  @IsInt({ each: true })
  grantIds: number[];
}

export class PayGrantDto {
  @ApiProperty({ description: 'Payment reference (bank transfer number)', maxLength: 100 })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  paymentRef: string;
}

export class ExternalResultDto {
  @ApiProperty() @IsInt() @Min(1) contestantId: number;

  @ApiProperty({ example: '江苏技能状元大赛' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  competition: string;

  @ApiProperty({ enum: ['provincial', 'national', 'world'] })
  @IsIn(['provincial', 'national', 'world'])
  level: 'provincial' | 'national' | 'world';

  @ApiProperty({ example: 2026 }) @IsInt() @Min(2000) @Max(2100) year: number;

  @ApiProperty({ example: '数控车工' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  eventName: string;

  @ApiProperty({ example: 2, description: '1 = first place' })
  @IsInt()
  @Min(1)
  @Max(1000)
  placing: number;

  @ApiProperty({ example: 50000, description: 'Reward paid there per person, integer yuan' })
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  amount: number;

  @ApiProperty({ example: '苏人社发〔2026〕88号' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  evidenceNo: string;
}

export class RecommendedEntryDto {
  @ApiProperty({ example: 12, description: 'An entry of the event that competed' })
  @IsInt()
  @Min(1)
  entryId: number;

  @ApiProperty({ example: '一等奖，实操第一，年龄符合省赛要求', maxLength: 500 })
  @IsString()
  @MaxLength(500)
  reason: string;
}

export class RecommendDto {
  @ApiProperty({ enum: ['provincial', 'national'] })
  @IsIn(['provincial', 'national'])
  level: 'provincial' | 'national';

  @ApiProperty({
    type: [RecommendedEntryDto],
    description:
      'The entries the city names, each with its reason (picked by people, not the best N)',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => RecommendedEntryDto)
  entries: RecommendedEntryDto[];
}

export class RecommendationResponse {
  @ApiProperty() id: number;
  @ApiProperty() eventId: number;
  @ApiProperty({ description: 'The entry recommended' }) entryId: number;
  @ApiProperty() contestantId: number;
  @ApiProperty({ enum: ['provincial', 'national'] }) level: 'provincial' | 'national';
  @ApiProperty({ description: 'Its rank in the event results when recommended' }) rank: number;
  @ApiProperty({ description: 'Why the city recommends this entry' }) reason: string;
  @ApiProperty({ nullable: true, type: String, description: 'Who recommended it' })
  recommendedBy: string | null;
  @ApiProperty() createdAt: string;
}

/** What generating the ledger did, and why it may have done nothing. */
export class GrantsComputedResponse {
  @ApiProperty() created: number;
  @ApiProperty() unchanged: number;
  @ApiProperty() updated: number;
  @ApiProperty({ description: 'Events of the edition whose results are final (the only source)' })
  finalEvents: number;
  @ApiProperty({ description: 'Events of the edition whose results are not final yet' })
  eventsNotFinal: number;
}

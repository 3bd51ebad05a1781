import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import {
  CONTESTANT_GROUPS,
  EVENT_MODES,
  type ContestantGroup,
  type EventMode,
} from '../../domain/competition';
import type { EligibilityRules } from '../../domain/eligibility';
import { DEFAULT_EVENT_RULES, type EventRuleSet } from '../../domain/event-rules';
import { QUALIFICATION_LEVELS, type QualificationLevel } from '../../domain/qualification';
import {
  CompetitionEvent,
  EVENT_STATUSES,
  LIVE_VISIBILITIES,
  type EventStatus,
  type LiveVisibility,
  type ResultsStatus,
} from '../entities/competition-event.entity';
import { EventRulesDto } from './event-rules.dto';

export class EligibilityRulesDto implements EligibilityRules {
  @ApiPropertyOptional({ example: 18 })
  @IsOptional()
  @IsInt()
  @Min(14)
  @Max(80)
  minAge?: number;

  @ApiPropertyOptional({ example: 55 })
  @IsOptional()
  @IsInt()
  @Min(14)
  @Max(80)
  maxAge?: number;

  @ApiPropertyOptional({
    example: '2025-10-18',
    description: "YYYY-MM-DD; the edition's start date when absent",
  })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  @IsISO8601({ strict: true })
  ageReferenceDate?: string;

  @ApiPropertyOptional({ enum: QUALIFICATION_LEVELS, description: 'Lowest current level accepted' })
  @IsOptional()
  @IsIn(QUALIFICATION_LEVELS)
  minLevel?: QualificationLevel;

  @ApiPropertyOptional({ type: [String], example: ['无锡技能状元'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  barredTitles?: string[];

  @ApiPropertyOptional({ default: true, description: 'One event per person per edition' })
  @IsOptional()
  @IsBoolean()
  onePerEdition?: boolean;
}

export class CreateEventDto {
  @ApiProperty({ example: '数控车工', description: '职业(工种)', maxLength: 100 })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  occupation: string;

  @ApiProperty({ example: '数控车工(职工组)', maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiProperty({
    enum: QUALIFICATION_LEVELS,
    description: 'Standard level of the event on the ladder.',
  })
  @IsIn(QUALIFICATION_LEVELS)
  level: QualificationLevel;

  @ApiProperty({ enum: CONTESTANT_GROUPS, description: 'worker = 职工组, student = 学生组' })
  @IsIn(CONTESTANT_GROUPS)
  group: ContestantGroup;

  @ApiProperty({ enum: EVENT_MODES })
  @IsIn(EVENT_MODES)
  mode: EventMode;

  @ApiProperty({ example: 30, description: 'Percent of the total; theory + practical = 100.' })
  @IsInt()
  @Min(0)
  @Max(100)
  theoryWeight: number;

  @ApiProperty({ example: 70, description: 'Percent of the total; theory + practical = 100.' })
  @IsInt()
  @Min(0)
  @Max(100)
  practicalWeight: number;

  @ApiPropertyOptional({ enum: EVENT_STATUSES, default: 'draft' })
  @IsOptional()
  @IsIn(EVENT_STATUSES)
  status?: EventStatus;

  @ApiPropertyOptional({ type: EligibilityRulesDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => EligibilityRulesDto)
  eligibility?: EligibilityRulesDto;

  @ApiPropertyOptional({
    example: '2025-10-18T08:30:00.000Z',
    description: 'Check-in closes; later arrivals are late',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  checkInClosesAt?: string;

  @ApiPropertyOptional({
    enum: LIVE_VISIBILITIES,
    default: 'locked-modules',
    description: 'When the public board shows marks',
  })
  @IsOptional()
  @IsIn(LIVE_VISIBILITIES)
  liveVisibility?: LiveVisibility;

  @ApiPropertyOptional({
    description: 'The board holds still from this moment until an organizer unfreezes it',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  freezeAt?: string;

  @ApiPropertyOptional({
    type: EventRulesDto,
    description:
      'Quota, 优胜奖, floor, minimum field, past winners, tie-break chain (奖项与排名). Frozen once ' +
      'results are computed: then PUT /events/{id}/rules (chief judge, with a reason).',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => EventRulesDto)
  rules?: EventRulesDto;
}

export class UpdateEventDto extends PartialType(CreateEventDto) {}

export class EventResponse {
  @ApiProperty()
  id: number;

  @ApiProperty()
  editionId: number;

  @ApiProperty()
  occupation: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ enum: QUALIFICATION_LEVELS })
  level: QualificationLevel;

  @ApiProperty({ enum: CONTESTANT_GROUPS })
  group: ContestantGroup;

  @ApiProperty({ enum: EVENT_MODES })
  mode: EventMode;

  @ApiProperty()
  theoryWeight: number;

  @ApiProperty()
  practicalWeight: number;

  @ApiProperty({ enum: EVENT_STATUSES })
  status: EventStatus;

  @ApiProperty({ type: EligibilityRulesDto, nullable: true })
  eligibility: EligibilityRules | null;

  @ApiProperty({ nullable: true, type: String })
  checkInClosesAt: string | null;

  @ApiProperty({ nullable: true, type: String, description: 'When the blind codes were generated' })
  codesGeneratedAt: string | null;

  @ApiProperty({
    nullable: true,
    type: String,
    description: 'When the chief judge locked the results',
  })
  resultsLockedAt: string | null;

  @ApiProperty({ nullable: true, type: String })
  decryptedAt: string | null;

  @ApiProperty({
    nullable: true,
    type: String,
    description: 'The chief judge and the supervisor who decrypted (both signed in)',
  })
  decryptedBy: string | null;

  @ApiProperty({ enum: LIVE_VISIBILITIES })
  liveVisibility: LiveVisibility;

  @ApiProperty({ nullable: true, type: String })
  freezeAt: string | null;

  @ApiProperty({ nullable: true, type: String })
  unfrozenAt: string | null;

  @ApiProperty({ nullable: true, type: String })
  resultsPublishedAt: string | null;

  @ApiProperty({
    enum: ['none', 'provisional', 'published', 'final'],
    description: 'Once final, the fields results are computed from no longer change',
  })
  resultsStatus: ResultsStatus;

  @ApiProperty({ type: EventRulesDto, description: 'Every rule, defaults filled in' })
  rules: EventRuleSet;

  @ApiProperty()
  createdAt: string;

  @ApiProperty()
  updatedAt: string;
}

export function toEventResponse(e: CompetitionEvent): EventResponse {
  return {
    id: e.id,
    editionId: e.editionId,
    occupation: e.occupation,
    name: e.name,
    level: e.level,
    group: e.contestantGroup,
    mode: e.mode,
    theoryWeight: e.theoryWeight,
    practicalWeight: e.practicalWeight,
    status: e.status,
    eligibility: e.eligibility,
    checkInClosesAt: e.checkInClosesAt,
    codesGeneratedAt: e.codesGeneratedAt,
    resultsLockedAt: e.resultsLockedAt,
    decryptedAt: e.decryptedAt,
    decryptedBy: e.decryptedBy,
    liveVisibility: e.liveVisibility,
    freezeAt: e.freezeAt,
    unfrozenAt: e.unfrozenAt,
    resultsPublishedAt: e.resultsPublishedAt,
    resultsStatus: e.resultsStatus,
    rules: e.rules ?? DEFAULT_EVENT_RULES,
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
  };
}

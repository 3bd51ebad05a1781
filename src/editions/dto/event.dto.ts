import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import {
  CONTESTANT_GROUPS,
  EVENT_MODES,
  type ContestantGroup,
  type EventMode,
} from '../../domain/competition';
import { QUALIFICATION_LEVELS, type QualificationLevel } from '../../domain/qualification';
import {
  CompetitionEvent,
  EVENT_STATUSES,
  type EventStatus,
} from '../entities/competition-event.entity';

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
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
  };
}

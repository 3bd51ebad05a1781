import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
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
} from 'class-validator';
import { EDITION_STATUSES, Edition, type EditionStatus } from '../entities/edition.entity';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class CreateEditionDto {
  @ApiProperty({ example: 2025, minimum: 2000, maximum: 2100 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;

  @ApiProperty({ example: '第七届无锡技能精英大赛', maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ example: '2025-10-18', description: 'YYYY-MM-DD' })
  @IsOptional()
  @Matches(DATE, { message: 'startDate must be YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'startDate must be a real date' })
  startDate?: string;

  @ApiPropertyOptional({ example: '2025-10-20', description: 'YYYY-MM-DD, not before startDate' })
  @IsOptional()
  @Matches(DATE, { message: 'endDate must be YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'endDate must be a real date' })
  endDate?: string;

  @ApiPropertyOptional({ enum: EDITION_STATUSES, default: 'draft' })
  @IsOptional()
  @IsIn(EDITION_STATUSES)
  status?: EditionStatus;

  @ApiPropertyOptional({
    example: 'wuxi-2015',
    description: 'The reward policy the edition follows',
  })
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9-]{1,62}$/, { message: 'policyId must be a policy id' })
  policyId?: string;

  @ApiPropertyOptional({
    default: true,
    description:
      'Four eyes on money: who created or last changed a grant does not approve it, who approved it does not pay it',
  })
  @IsOptional()
  @IsBoolean()
  fourEyes?: boolean;
}

export class UpdateEditionDto extends PartialType(CreateEditionDto) {}

export class WarningResponse {
  @ApiProperty({ example: 'EDITION_YEAR_OFF_CADENCE' })
  code: string;

  @ApiProperty()
  message: string;
}

export class EditionResponse {
  @ApiProperty()
  id: number;

  @ApiProperty()
  year: number;

  @ApiProperty()
  name: string;

  @ApiProperty({ nullable: true, type: String })
  startDate: string | null;

  @ApiProperty({ nullable: true, type: String })
  endDate: string | null;

  @ApiProperty({ enum: EDITION_STATUSES })
  status: EditionStatus;

  @ApiProperty({ description: 'The reward policy the edition follows' })
  policyId: string;

  @ApiProperty({ description: 'Four eyes on grants: approver ≠ editor, payer ≠ approver' })
  fourEyes: boolean;

  @ApiProperty()
  createdAt: string;

  @ApiProperty()
  updatedAt: string;
}

export class EditionWriteResponse extends EditionResponse {
  @ApiProperty({ type: [WarningResponse], description: 'Accepted, but worth a second look.' })
  warnings: WarningResponse[];
}

export function toEditionResponse(e: Edition): EditionResponse {
  const { id, year, name, startDate, endDate, status, policyId, fourEyes, createdAt, updatedAt } =
    e;
  return { id, year, name, startDate, endDate, status, policyId, fourEyes, createdAt, updatedAt };
}

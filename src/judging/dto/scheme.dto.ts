import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import type { JudgementAggregation } from '../../domain/marking';
import type { AspectKind } from '../entities/aspect.entity';

export const ASPECT_KINDS: AspectKind[] = ['measurement', 'judgement', 'deduction'];
export const AGGREGATIONS: JudgementAggregation[] = ['mean', 'trimmed-mean', 'worldskills'];
const CODE = /^[A-Za-z0-9._-]{1,16}$/;

export class AspectDto {
  @ApiProperty({ example: 'A1' })
  @Matches(CODE, { message: 'code must be 1-16 letters, digits, dot, dash' })
  code: string;

  @ApiProperty({ example: '外圆尺寸 Φ40±0.02' })
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  description: string;

  @ApiProperty({ enum: ASPECT_KINDS })
  @IsIn(ASPECT_KINDS)
  kind: AspectKind;

  @ApiPropertyOptional({ enum: AGGREGATIONS, description: 'For judgement aspects' })
  @IsOptional()
  @IsIn(AGGREGATIONS)
  aggregation?: JudgementAggregation;

  @ApiProperty({ example: 5, description: 'Maximum mark (points taken off, for a deduction)' })
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0.01)
  @Max(100)
  max: number;

  @ApiPropertyOptional({ example: 0.5 })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0.01)
  @Max(100)
  step?: number;

  @ApiPropertyOptional({
    example: 1,
    description: "Allowed spread between judges, in the judges' units",
  })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  @Max(100)
  maxSpread?: number;
}

export class ModuleDto {
  @ApiProperty({ example: 'A' })
  @Matches(CODE, { message: 'code must be 1-16 letters, digits, dot, dash' })
  code: string;

  @ApiProperty({ example: '零件加工' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;

  @ApiProperty({ type: [AspectDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => AspectDto)
  aspects: AspectDto[];
}

export class PutSchemeDto {
  @ApiProperty({ type: [ModuleDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ModuleDto)
  modules: ModuleDto[];
}

export class AspectResponse extends AspectDto {
  @ApiProperty() id: number;
}

export class ModuleResponse {
  @ApiProperty() id: number;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) lockedAt: string | null;
  @ApiProperty({ type: [AspectResponse] }) aspects: AspectResponse[];
}

export class SchemeResponse {
  @ApiProperty() eventId: number;
  @ApiProperty({ description: 'Theory part out of 100, or none (weight 0)' }) hasTheory: boolean;
  @ApiProperty({ type: [ModuleResponse] }) modules: ModuleResponse[];
}

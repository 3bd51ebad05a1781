import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';

export class ReasonDto {
  @ApiProperty({ maxLength: 500 })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason: string;
}

export class RemarkDto {
  @ApiProperty() @IsInt() @Min(1) aspectId: number;

  @ApiProperty() @IsString() @MinLength(1) @MaxLength(16) workpieceCode: string;

  @ApiProperty({ type: [Number] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsInt({ each: true })
  judgeIds: number[];

  @ApiProperty() @IsString() @MinLength(1) @MaxLength(500) reason: string;
}

export class TimeDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(16) workpieceCode: string;

  @ApiProperty({ description: 'Seconds used on the practical task' })
  @IsInt()
  @Min(0)
  @Max(7 * 24 * 3600)
  seconds: number;

  @ApiPropertyOptional({
    maxLength: 500,
    description: 'Required once the modules are locked (the chief judge only)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class TheoryRowDto {
  @ApiProperty({ description: 'First-layer check-in code the exam system knows' })
  @IsString()
  @MinLength(1)
  @MaxLength(16)
  checkInCode: string;

  @ApiProperty({ minimum: 0, maximum: 100 })
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  @Max(100)
  score: number;
}

export class TheoryImportDto {
  @ApiProperty({ type: [TheoryRowDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(5000)
  @ValidateNested({ each: true })
  @Type(() => TheoryRowDto)
  scores: TheoryRowDto[];

  @ApiPropertyOptional({
    maxLength: 500,
    description: 'Required once the modules are locked (the chief judge only)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class TheoryAbsentDto {
  @ApiProperty({ description: 'The competitor’s check-in code (检录号)' })
  @IsString()
  @MinLength(1)
  @MaxLength(16)
  checkInCode: string;

  @ApiProperty({ maxLength: 500, description: 'Why (required): e.g. 因病未参加理论考试' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

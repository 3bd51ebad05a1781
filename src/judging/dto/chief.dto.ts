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
import type { RemarkRequest } from '../entities/remark-request.entity';

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

/** Why a time or a theory score changes after the modules are locked. */
export class LateChangeReasonDto {
  @ApiPropertyOptional({
    maxLength: 500,
    description: 'Required once the modules are locked (the chief judge only)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class TimeDto extends LateChangeReasonDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(16) workpieceCode: string;

  @ApiProperty({ description: 'Seconds used on the practical task' })
  @IsInt()
  @Min(0)
  @Max(7 * 24 * 3600)
  seconds: number;
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

export class TheoryImportDto extends LateChangeReasonDto {
  @ApiProperty({ type: [TheoryRowDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(5000)
  @ValidateNested({ each: true })
  @Type(() => TheoryRowDto)
  scores: TheoryRowDto[];
}

/** The multipart fields sent beside a theory sheet. */
export class TheoryFileDto extends LateChangeReasonDto {}

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

export class FlagValueResponse {
  @ApiProperty({ description: "The judge's display name" }) judge: string;
  @ApiProperty() value: number;
}

/** An aspect whose spread between judges is beyond its limit. */
export class FlagResponse {
  @ApiProperty() aspectId: number;
  @ApiProperty() aspectCode: string;
  @ApiProperty() workpieceCode: string;
  @ApiProperty() spread: number;
  @ApiProperty({ type: [FlagValueResponse] }) values: FlagValueResponse[];
}

export class RecheckAspectResponse {
  @ApiProperty() aspectId: number;
  @ApiProperty() code: string;
  @ApiProperty({ nullable: true, type: Number }) primary: number | null;
  @ApiProperty({ nullable: true, type: Number }) recheck: number | null;
  @ApiProperty() mismatch: boolean;
}

/** A work-piece on the recheck (复核) list, with where the second entry differs. */
export class RecheckResponse {
  @ApiProperty() workpieceCode: string;
  @ApiProperty({ enum: ['top', 'random'] }) reason: 'top' | 'random';
  @ApiProperty({ type: [RecheckAspectResponse] }) aspects: RecheckAspectResponse[];
}

/** A re-mark request as stored. */
export class RemarkRequestResponse {
  @ApiProperty() id: number;
  @ApiProperty() eventId: number;
  @ApiProperty() aspectId: number;
  @ApiProperty() workpieceCode: string;
  @ApiProperty({ type: [Number] }) judgeIds: number[];
  @ApiProperty() reason: string;
  @ApiProperty() requestedBy: string;
  @ApiProperty() requestedAt: string;
  @ApiProperty({ nullable: true, type: String }) resolvedAt: string | null;
}

export function toRemarkRequestResponse(r: RemarkRequest): RemarkRequestResponse {
  return {
    id: r.id,
    eventId: r.eventId,
    aspectId: r.aspectId,
    workpieceCode: r.workpieceCode,
    judgeIds: r.judgeIds,
    reason: r.reason,
    requestedBy: r.requestedBy,
    requestedAt: r.requestedAt,
    resolvedAt: r.resolvedAt,
  };
}

export class TimeRecordedResponse {
  @ApiProperty() workpieceCode: string;
  @ApiProperty() seconds: number;
}

export class SheetRowErrorResponse {
  @ApiProperty({ description: 'The row as the sheet (or the list, from 1) numbers it' })
  row: number;
  @ApiProperty() column: string;
  @ApiProperty() code: string;
  @ApiProperty() message: string;
}

/** A theory import (dry run or not): row errors, or how many were imported. */
export class TheoryImportResponse {
  @ApiProperty() dryRun: boolean;
  @ApiProperty() imported: number;
  @ApiProperty({ type: [SheetRowErrorResponse] }) errors: SheetRowErrorResponse[];
}

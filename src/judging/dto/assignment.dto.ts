import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { AspectResponse } from './scheme.dto';

export class ModuleAssignmentDto {
  @ApiProperty() @IsInt() @Min(1) moduleId: number;

  @ApiProperty({ type: [Number] })
  @IsArray()
  @ArrayMaxSize(50)
  @IsInt({ each: true })
  @Min(1, { each: true })
  judgeIds: number[];
}

export class PutAssignmentsDto {
  @ApiProperty({ type: [ModuleAssignmentDto] })
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ModuleAssignmentDto)
  modules: ModuleAssignmentDto[];
}

export class AssignedJudgeResponse {
  @ApiProperty() judgeId: number;
  @ApiProperty() displayName: string;
  @ApiProperty({ nullable: true, type: String }) unitName: string | null;
  @ApiProperty({ description: 'Work-pieces this judge does not receive (回避)' })
  recusedPieces: number;
  @ApiProperty({ type: [String], description: 'Judges who cover those pieces instead' })
  coveredBy: string[];
  @ApiProperty({ nullable: true, type: String }) signedAt: string | null;
}

export class ModuleAssignmentResponse {
  @ApiProperty() moduleId: number;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: [AssignedJudgeResponse] }) judges: AssignedJudgeResponse[];
  @ApiProperty({ description: 'Pieces no assigned judge may mark: assign another judge' })
  uncoveredPieces: number;
}

export class JudgeMarkResponse {
  @ApiProperty() id: string;
  @ApiProperty() aspectId: number;
  @ApiProperty() workpieceCode: string;
  @ApiProperty() value: number;
  @ApiProperty() version: number;
  @ApiProperty({ enum: ['primary', 'recheck'] }) purpose: 'primary' | 'recheck';
}

/** What a judge may see of a contestant: a work-piece code, nothing else. */
export class WorkpieceResponse {
  @ApiProperty({ example: 'WK7QF' }) workpieceCode: string;
}

/** A re-mark the chief judge asked of this judge, open until the module is locked. */
export class RemarkNoticeResponse {
  @ApiProperty() aspectId: number;
  @ApiProperty({ description: 'A code the judge may mark (never who)' }) workpieceCode: string;
  @ApiProperty({ description: "The chief judge's reason" }) reason: string;
  @ApiProperty() requestedAt: string;
  @ApiProperty({ description: 'The judge has marked the cell again since the request' })
  answered: boolean;
}

/** Why the judge's signature went; present until the judge signs again. */
export class SignatureClearedResponse {
  @ApiProperty({ enum: ['remark', 'unlock'] }) cause: 'remark' | 'unlock';
  @ApiProperty() reason: string;
  @ApiProperty() at: string;
}

export class JudgeTaskResponse {
  @ApiProperty() eventId: number;
  @ApiProperty() eventName: string;
  @ApiProperty() moduleId: number;
  @ApiProperty() moduleCode: string;
  @ApiProperty() moduleName: string;
  @ApiProperty({ nullable: true, type: String }) lockedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) signedAt: string | null;
  @ApiProperty({ type: [AspectResponse] }) aspects: AspectResponse[];
  @ApiProperty({ type: [String], description: 'Work-piece codes to mark: codes only' })
  workpieceCodes: string[];
  @ApiProperty({ type: [JudgeMarkResponse] }) marks: JudgeMarkResponse[];
  @ApiProperty({
    type: [String],
    description: '"aspectId:workpieceCode" the chief judge asked to re-mark',
  })
  remarks: string[];
  @ApiProperty({ type: [RemarkNoticeResponse] }) requests: RemarkNoticeResponse[];
  @ApiProperty({ type: SignatureClearedResponse, nullable: true })
  signatureCleared: SignatureClearedResponse | null;
}

export class JudgeCandidatesQueryDto {
  @ApiPropertyOptional({ description: 'Part of the name, username or unit', maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

/** A judge the chief judge may pick, with their own-unit conflicts in this event (回避). */
export class JudgeCandidateResponse {
  @ApiProperty() judgeId: number;
  @ApiProperty() displayName: string;
  @ApiProperty({ nullable: true, type: String }) unitName: string | null;
  @ApiProperty({ description: "Contestants of the event from the judge's own unit" })
  conflicts: number;
  @ApiProperty({ description: 'Contestants of the event (approved, not absent)' })
  contestants: number;
}

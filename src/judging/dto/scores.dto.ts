import { ApiProperty } from '@nestjs/swagger';

export class AspectOutcomeResponse {
  @ApiProperty() aspectId: number;
  @ApiProperty() code: string;
  @ApiProperty({ type: [Number], description: "The judges' values, in their units" })
  values: number[];
  @ApiProperty({
    description: "The aspect's mark, half up to 2 decimals; negative for a deduction",
  })
  mark: number;
  @ApiProperty({ description: 'Highest minus lowest value entered (0 for a single value)' })
  spread: number;
  @ApiProperty({ description: "spread > the aspect's maxSpread: the chief judge must look at it" })
  flagged: boolean;
}

/** A work-piece's provisional scores, by its code. */
export class PieceScoreResponse {
  @ApiProperty() workpieceCode: string;
  @ApiProperty() entryId: number;
  @ApiProperty({ nullable: true, type: Number }) timeUsedSeconds: number | null;
  @ApiProperty({ type: [AspectOutcomeResponse] }) aspects: AspectOutcomeResponse[];
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number', nullable: true },
    description: 'Module code → mark, or null while an aspect has no mark',
  })
  modules: Record<string, number | null>;
  @ApiProperty({ nullable: true, type: Number }) practical: number | null;
  @ApiProperty({ nullable: true, type: Number }) theory: number | null;
  @ApiProperty({ description: 'Marked absent from theory (缺考) by the chief judge: theory is 0' })
  theoryAbsent: boolean;
  @ApiProperty({ nullable: true, type: Number }) total: number | null;
}

/** 缺考 marked (or already marked) for one competitor. */
export class TheoryAbsentResponse {
  @ApiProperty() checkInCode: string;
  @ApiProperty() workpieceCode: string;
  @ApiProperty({ enum: [true] }) absent: true;
  @ApiProperty() reason: string;
  @ApiProperty({
    description: 'False when the competitor was already marked absent (nothing written)',
  })
  changed: boolean;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class DrawPlaceResponse {
  @ApiProperty() entryId: number;
  @ApiProperty() entryNo: string;
  @ApiProperty() workstationNo: number;
}

/** One draw of an event, with its seed commitment and a recomputed verification. */
export class DrawResponse {
  @ApiProperty() id: number;
  @ApiProperty() eventId: number;
  @ApiProperty() attempt: number;
  @ApiProperty() seedCommitment: string;
  @ApiProperty() seed: string;
  @ApiProperty() drawnBy: string;
  @ApiProperty() drawnAt: string;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
  @ApiProperty({ nullable: true, type: String }) supersededAt: string | null;
  @ApiProperty({ type: [DrawPlaceResponse] }) result: DrawPlaceResponse[];
  @ApiProperty({
    description:
      'Recomputed from the seed and the recorded input: false means the record was edited',
  })
  verified: boolean;
}

export class CodesGeneratedResponse {
  @ApiProperty() generated: number;
}

/** A row of the sealed code map (names only once the event is decrypted). */
export class CodeMapRowResponse {
  @ApiProperty() entryNo: string;
  @ApiProperty({ nullable: true, type: Number }) workstationNo: number | null;
  @ApiProperty() checkInCode: string;
  @ApiProperty() workpieceCode: string;
  @ApiPropertyOptional() name?: string;
  @ApiPropertyOptional({ nullable: true, type: String }) unitName?: string | null;
}

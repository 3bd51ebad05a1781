import { ApiProperty } from '@nestjs/swagger';

/** A module on the way to its lock: what is in, what is signed, what is still flagged. */
export class ModuleProgressResponse {
  @ApiProperty() moduleId: number;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty({
    description:
      'Marks the module needs: judgement aspects × eligible judges × pieces, plus one per other aspect',
  })
  expected: number;
  @ApiProperty() entered: number;
  @ApiProperty() flagged: number;
  @ApiProperty() signed: number;
  @ApiProperty() judges: number;
  @ApiProperty({ nullable: true, type: String }) lockedAt: string | null;
}

export class SignatureResponse {
  @ApiProperty() signedAt: string;
}

/** MODULE_NOT_READY's details: what still stands between the module and its lock. */
export class ModuleNotReadyDetails {
  @ApiProperty({ description: 'Marks not yet entered' }) missing: number;
  @ApiProperty({ description: 'Assigned judges who have not signed' }) unsigned: number;
  @ApiProperty({ description: 'Aspects still flagged' }) flagged: number;
  @ApiProperty({ description: 'Judges assigned to the module' }) judges: number;
}

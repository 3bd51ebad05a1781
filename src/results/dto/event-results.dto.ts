import { ApiProperty } from '@nestjs/swagger';
import type { FinalizeRefusal } from '../../domain/final';
import type { ResultsStatus } from '../../editions/entities/competition-event.entity';

export const RESULTS_STATUSES: ResultsStatus[] = ['none', 'provisional', 'published', 'final'];

const FINALIZE_REFUSALS: FinalizeRefusal[] = [
  'RESULTS_FINAL',
  'RESULTS_NOT_PUBLISHED',
  'PUBLICATION_NOT_OVER',
  'APPEALS_OPEN',
  'RESULTS_NOT_LOCKED',
  'RESULTS_STALE',
];

/** One entry's line of the event results. */
export class ResultLine {
  @ApiProperty() entryId: number;
  @ApiProperty() contestantId: number;
  @ApiProperty() entryNo: string;
  @ApiProperty({ nullable: true, type: Number, description: '工位号' })
  workstationNo: number | null;
  @ApiProperty() name: string;
  @ApiProperty({ description: '推荐单位' }) unitName: string;
  @ApiProperty({ description: 'The entry’s status (competed, absent, …)' }) status: string;
  @ApiProperty({ nullable: true, type: Number }) total: number | null;
  @ApiProperty({ nullable: true, type: Number }) rank: number | null;
  @ApiProperty() tied: boolean;
  @ApiProperty({ description: 'Marked absent from theory: counted 0, shown as 缺考' })
  theoryAbsent: boolean;
  @ApiProperty({ nullable: true, type: Number, description: '1, 2, 3 or null' })
  prize: number | null;
  @ApiProperty({ nullable: true, type: String }) noPrizeReason: string | null;
  @ApiProperty({ type: [String] }) titles: string[];
  @ApiProperty({ description: 'Cash per person, integer yuan' }) cash: number;
  @ApiProperty({ nullable: true, type: String, description: 'from → to, or why not' })
  upgrade: string | null;
}

/** The results of an event and where they stand (provisional, published, final). */
export class EventResultsResponse {
  @ApiProperty() eventId: number;
  @ApiProperty({ enum: RESULTS_STATUSES }) status: ResultsStatus;
  @ApiProperty({ nullable: true, type: String }) publicationStart: string | null;
  @ApiProperty({ nullable: true, type: String }) publicationEnd: string | null;
  @ApiProperty({ nullable: true, type: String }) appealDeadline: string | null;
  @ApiProperty({ nullable: true, type: String }) finalAt: string | null;
  @ApiProperty({
    nullable: true,
    enum: FINALIZE_REFUSALS,
    description:
      'Why the results cannot become final now (an error code), or null when they can or are',
  })
  finalBlocker: FinalizeRefusal | null;
  @ApiProperty({ type: [ResultLine] }) rows: ResultLine[];
}

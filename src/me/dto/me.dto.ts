import { pick } from '../../common/pick';
import { ApiProperty, PickType } from '@nestjs/swagger';
import { CONTESTANT_GROUPS, type ContestantGroup } from '../../domain/competition';
import type { ResultsStatus } from '../../editions/entities/competition-event.entity';
import type { Appeal } from '../../results/entities/appeal.entity';
import type { GrantRow } from '../../results/entities/grant.entity';
import {
  CHECK_IN_STATUSES,
  ENTRY_STATUSES,
  type CheckInStatus,
  type EntryStatus,
} from '../../registration/entities/entry.entity';
import { AppealResponse } from '../../results/dto/appeal.dto';
import { RESULTS_STATUSES, ResultLine } from '../../results/dto/event-results.dto';
import { GrantResponse } from '../../results/dto/grant.dto';

export class MyContestantSummary {
  @ApiProperty() id: number;
  @ApiProperty() name: string;
  @ApiProperty({ description: '推荐单位' }) unitName: string;
}

/** One's own line of the published results; never the marks or who gave them. */
export class MyResultResponse extends PickType(ResultLine, [
  'rank',
  'tied',
  'total',
  'theoryAbsent',
  'prize',
  'noPrizeReason',
  'titles',
  'cash',
  'upgrade',
] as const) {
  @ApiProperty({ enum: ['competed', 'absent'] }) status: string;
}

/** The board's own row for me between decryption and 公示: provisional, as the board says. */
export class MyProvisionalResponse {
  @ApiProperty() rank: number;
  @ApiProperty() tied: boolean;
  @ApiProperty() total: number;
}

export class MyEntryResponse {
  @ApiProperty() entryId: number;
  @ApiProperty() entryNo: string;
  @ApiProperty() editionId: number;
  @ApiProperty() editionYear: number;
  @ApiProperty() editionName: string;
  @ApiProperty() eventId: number;
  @ApiProperty() eventName: string;
  @ApiProperty({ enum: CONTESTANT_GROUPS }) group: ContestantGroup;
  @ApiProperty({ enum: ENTRY_STATUSES }) status: EntryStatus;
  @ApiProperty({ nullable: true, type: String }) statusReason: string | null;
  @ApiProperty({ nullable: true, type: Number, description: '工位号, once drawn' })
  workstationNo: number | null;
  @ApiProperty({ nullable: true, enum: CHECK_IN_STATUSES }) checkInStatus: CheckInStatus | null;
  @ApiProperty({ nullable: true, type: String }) checkedInAt: string | null;
  @ApiProperty() late: boolean;
  @ApiProperty({ enum: RESULTS_STATUSES }) resultsStatus: ResultsStatus;
  @ApiProperty({ nullable: true, type: String }) publicationEnd: string | null;
  @ApiProperty({ nullable: true, type: String }) appealDeadline: string | null;
  @ApiProperty({ description: 'Published and the appeal deadline not yet passed' })
  appealOpen: boolean;
  @ApiProperty({
    type: MyResultResponse,
    nullable: true,
    description: 'Only once the results are published or final',
  })
  result: MyResultResponse | null;
  @ApiProperty({
    type: MyProvisionalResponse,
    nullable: true,
    description:
      'Decrypted, not yet published (公示): what the public board shows for my workstation, marked provisional (暂定)',
  })
  provisional: MyProvisionalResponse | null;
}

const MY_GRANT_FIELDS = [
  'id',
  'editionId',
  'eventId',
  'eventName',
  'basis',
  'prize',
  'titles',
  'modelWorkerTreatment',
  'upgradeFrom',
  'upgradeTo',
  'upgradeNote',
  'upgradeCode',
  'cash',
  'status',
  'paidAt',
] as const;

/** One's own grant: what it brings and where its payment stands, never who approved it. */
export class MyGrantResponse extends PickType(GrantResponse, MY_GRANT_FIELDS) {}

const MY_APPEAL_FIELDS = [
  'id',
  'eventId',
  'text',
  'filedAt',
  'status',
  'decision',
  'decidedAt',
] as const;

export class MyAppealResponse extends PickType(AppealResponse, MY_APPEAL_FIELDS) {}

export class MyContestantResponse {
  @ApiProperty({ type: MyContestantSummary }) contestant: MyContestantSummary;
  @ApiProperty({ type: [MyEntryResponse] }) entries: MyEntryResponse[];
  @ApiProperty({ type: [MyGrantResponse] }) grants: MyGrantResponse[];
  @ApiProperty({ type: [MyAppealResponse] }) appeals: MyAppealResponse[];
}

export function toMyResult(line: ResultLine): MyResultResponse {
  const { status, rank, tied, total, theoryAbsent, prize, noPrizeReason, titles, cash } = line;
  return {
    status,
    rank,
    tied,
    total,
    theoryAbsent,
    prize,
    noPrizeReason,
    titles,
    cash,
    upgrade: line.upgrade,
  };
}

export function toMyGrant(g: GrantRow, eventName: string | null): MyGrantResponse {
  return { ...pick(g, MY_GRANT_FIELDS), eventName };
}

export function toMyAppeal(a: Appeal): MyAppealResponse {
  return pick(a, MY_APPEAL_FIELDS);
}

import { ApiProperty } from '@nestjs/swagger';
import { CONTESTANT_GROUPS, type ContestantGroup } from '../../domain/competition';
import type { ResultsStatus } from '../../editions/entities/competition-event.entity';
import type { Appeal, AppealStatus } from '../../results/entities/appeal.entity';
import type { GrantRow, GrantStatus } from '../../results/entities/grant.entity';
import {
  CHECK_IN_STATUSES,
  ENTRY_STATUSES,
  type CheckInStatus,
  type EntryStatus,
} from '../../registration/entities/entry.entity';
import { RESULTS_STATUSES, type ResultLine } from '../../results/dto/event-results.dto';

export class MyContestantSummary {
  @ApiProperty() id: number;
  @ApiProperty() name: string;
  @ApiProperty({ description: '推荐单位' }) unitName: string;
}

/** One's own line of the published results; never the marks or who gave them. */
export class MyResultResponse {
  @ApiProperty({ enum: ['competed', 'absent'] }) status: string;
  @ApiProperty({ nullable: true, type: Number }) rank: number | null;
  @ApiProperty() tied: boolean;
  @ApiProperty({ nullable: true, type: Number }) total: number | null;
  @ApiProperty({ description: 'Marked absent from theory (缺考): theory counted 0' })
  theoryAbsent: boolean;
  @ApiProperty({ nullable: true, type: Number, description: '1, 2, 3 or null' })
  prize: number | null;
  @ApiProperty({ nullable: true, type: String }) noPrizeReason: string | null;
  @ApiProperty({ type: [String] }) titles: string[];
  @ApiProperty({ description: 'Cash per person, integer yuan' }) cash: number;
  @ApiProperty({ nullable: true, type: String, description: 'from → to, or why not' })
  upgrade: string | null;
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

export class MyGrantResponse {
  @ApiProperty() id: number;
  @ApiProperty() editionId: number;
  @ApiProperty({ nullable: true, type: Number }) eventId: number | null;
  @ApiProperty({ nullable: true, type: String }) eventName: string | null;
  @ApiProperty({ enum: ['prize', 'matching'] }) basis: 'prize' | 'matching';
  @ApiProperty({ nullable: true, type: Number }) prize: number | null;
  @ApiProperty({ type: [String] }) titles: string[];
  @ApiProperty() modelWorkerTreatment: boolean;
  @ApiProperty({ nullable: true, type: String }) upgradeFrom: string | null;
  @ApiProperty({ nullable: true, type: String }) upgradeTo: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Why there is no upgrade' })
  upgradeNote: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'to-target, one-level-up, at-top, at-cap, once-a-year or none',
  })
  upgradeCode: string | null;
  @ApiProperty({ description: 'Integer yuan' }) cash: number;
  @ApiProperty({ enum: ['pending', 'approved', 'paid'] }) status: GrantStatus;
  @ApiProperty({ nullable: true, type: String }) paidAt: string | null;
}

export class MyAppealResponse {
  @ApiProperty() id: number;
  @ApiProperty() eventId: number;
  @ApiProperty() text: string;
  @ApiProperty() filedAt: string;
  @ApiProperty({ enum: ['filed', 'accepted', 'rejected'] }) status: AppealStatus;
  @ApiProperty({ nullable: true, type: String }) decision: string | null;
  @ApiProperty({ nullable: true, type: String }) decidedAt: string | null;
}

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
  return {
    id: g.id,
    editionId: g.editionId,
    eventId: g.eventId,
    eventName,
    basis: g.basis,
    prize: g.prize,
    titles: g.titles,
    modelWorkerTreatment: g.modelWorkerTreatment,
    upgradeFrom: g.upgradeFrom,
    upgradeTo: g.upgradeTo,
    upgradeNote: g.upgradeNote,
    upgradeCode: g.upgradeCode,
    cash: g.cash,
    status: g.status,
    paidAt: g.paidAt,
  };
}

export function toMyAppeal(a: Appeal): MyAppealResponse {
  const { id, eventId, text, filedAt, status, decision, decidedAt } = a;
  return { id, eventId, text, filedAt, status, decision, decidedAt };
}

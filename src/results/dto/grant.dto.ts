import { pick } from '../../common/pick';
import { ApiProperty } from '@nestjs/swagger';
import type { UpgradeCode } from '../../domain/rewards';
import type { GrantRow, GrantStatus } from '../entities/grant.entity';

/** One grant of the awards ledger (a prize, or a 1:1 matching of an external result). */
export class GrantResponse {
  @ApiProperty() id: number;
  @ApiProperty() editionId: number;
  @ApiProperty({ nullable: true, type: Number }) eventId: number | null;
  @ApiProperty() contestantId: number;
  @ApiProperty({ enum: ['prize', 'matching'] }) basis: 'prize' | 'matching';
  @ApiProperty({ description: '"event:12" or "external:5": what the grant is for' })
  basisRef: string;
  @ApiProperty({ nullable: true, type: Number, description: '1, 2, 3 or null' })
  prize: number | null;
  @ApiProperty({ type: [String] }) titles: string[];
  @ApiProperty() modelWorkerTreatment: boolean;
  @ApiProperty({ nullable: true, type: String }) upgradeFrom: string | null;
  @ApiProperty({ nullable: true, type: String }) upgradeTo: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Why there is no promotion' })
  upgradeNote: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'to-target, one-level-up, at-top, at-cap, once-a-year or none',
  })
  upgradeCode: UpgradeCode | null;
  @ApiProperty({ description: 'Integer yuan' }) cash: number;
  @ApiProperty({ type: [String] }) clauses: string[];
  @ApiProperty({ enum: ['pending', 'approved', 'paid'] }) status: GrantStatus;
  @ApiProperty({ nullable: true, type: String }) approvedBy: string | null;
  @ApiProperty({ nullable: true, type: String }) approvedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) paidBy: string | null;
  @ApiProperty({ nullable: true, type: String }) paidAt: string | null;
  @ApiProperty({ nullable: true, type: String }) paymentRef: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: Number, description: 'Created or last changed it' })
  editedById: number | null;
  @ApiProperty({ nullable: true, type: Number }) approvedById: number | null;
  @ApiProperty({ nullable: true, type: Number }) paidById: number | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'As the person was when the grant was created (paid history never changes)',
  })
  contestantName: string | null;
  @ApiProperty({ nullable: true, type: String }) idNumberMasked: string | null;
  @ApiProperty({ nullable: true, type: String }) unitName: string | null;
  @ApiProperty({ nullable: true, type: String }) eventName: string | null;
}

export const GRANT_FIELDS = [
  'id',
  'editionId',
  'eventId',
  'contestantId',
  'basis',
  'basisRef',
  'prize',
  'titles',
  'modelWorkerTreatment',
  'upgradeFrom',
  'upgradeTo',
  'upgradeNote',
  'upgradeCode',
  'cash',
  'clauses',
  'status',
  'approvedBy',
  'approvedAt',
  'paidBy',
  'paidAt',
  'paymentRef',
  'createdAt',
  'editedById',
  'approvedById',
  'paidById',
  'contestantName',
  'idNumberMasked',
  'unitName',
  'eventName',
] as const;

export function toGrantResponse(g: GrantRow): GrantResponse {
  return pick(g, GRANT_FIELDS);
}

/** What a computation of the ledger did (re-running changes nothing). */
/** What generating the ledger did, and why it may have done nothing. */
export class GrantsComputedResponse {
  @ApiProperty() created: number;
  @ApiProperty() unchanged: number;
  @ApiProperty() updated: number;
  @ApiProperty({ description: 'Events of the edition whose results are final (the only source)' })
  finalEvents: number;
  @ApiProperty({ description: 'Events of the edition whose results are not final yet' })
  eventsNotFinal: number;
}

export class CashCount {
  @ApiProperty({ description: 'Integer yuan' }) cash: number;
  @ApiProperty() grants: number;
}

export class EventCashCount extends CashCount {
  @ApiProperty() eventId: number;
}

export class UnitCashCount extends CashCount {
  @ApiProperty({ description: 'The unit the grant was made for (its snapshot)' })
  unitName: string;
}

export class LedgerTotalsResponse {
  @ApiProperty({ description: 'Cash of the whole edition, integer yuan' }) edition: number;
  @ApiProperty({ type: CashCount, description: 'Prize grants (item 17), by event below' })
  prizes: CashCount;
  @ApiProperty({
    type: CashCount,
    description: '1:1 matching of provincial / national results: their own group, under no event',
  })
  matching: CashCount;
  @ApiProperty({ type: [EventCashCount] }) byEvent: EventCashCount[];
  @ApiProperty({ type: [UnitCashCount] }) byUnit: UnitCashCount[];
}

import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { ContestantGroup } from '../../domain/competition';
import type { EligibilityFailure } from '../../domain/eligibility';
import { CompetitionEvent } from '../../editions/entities/competition-event.entity';
import { Contestant } from './contestant.entity';

export const ENTRY_STATUSES = ['submitted', 'approved', 'rejected', 'withdrawn'] as const;
export type EntryStatus = (typeof ENTRY_STATUSES)[number];

export const CHECK_IN_STATUSES = ['present', 'absent'] as const;
export type CheckInStatus = (typeof CHECK_IN_STATUSES)[number];

/** 报名: a contestant in an event of an edition, through review, draw and check-in. */
@Entity('entries')
@Index(['eventId', 'contestantId'], { unique: true })
@Index(['editionId', 'entryNo'], { unique: true })
export class Entry {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  editionId: number;

  @Column({ type: 'integer' })
  eventId: number;

  @ManyToOne(() => CompetitionEvent, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'eventId' })
  event?: CompetitionEvent;

  @Column({ type: 'integer' })
  contestantId: number;

  @ManyToOne(() => Contestant, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'contestantId' })
  contestant?: Contestant;

  /** 报名号: unique within the edition, e.g. 2025-03-007. */
  @Column({ type: 'varchar', length: 20 })
  entryNo: string;

  /** 职工组 or 学生组, as declared on the entry form; must match the event's group. */
  @Column({ type: 'varchar', length: 16 })
  contestantGroup: ContestantGroup;

  /** Team number for pair and trio events (members share it). */
  @Column({ type: 'integer', nullable: true })
  teamNo: number | null;

  @Column({ type: 'varchar', length: 16 })
  status: EntryStatus;

  /** Why it was rejected or withdrawn. */
  @Column({ type: 'text', nullable: true })
  statusReason: string | null;

  /** Every eligibility rule that failed when the entry was checked (empty when eligible). */
  @Column({ type: 'simple-json' })
  eligibilityFailures: EligibilityFailure[];

  /** 工位号 from the draw. */
  @Column({ type: 'integer', nullable: true })
  workstationNo: number | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  checkInStatus: CheckInStatus | null;

  @Column({ type: 'varchar', length: 30, nullable: true })
  checkedInAt: string | null;

  @Column({ type: 'boolean', default: false })
  late: boolean;

  @Column({ type: 'varchar', length: 30 })
  createdAt: string;

  @Column({ type: 'varchar', length: 30 })
  updatedAt: string;
}

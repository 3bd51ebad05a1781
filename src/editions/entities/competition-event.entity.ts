import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { ContestantGroup, EventMode } from '../../domain/competition';
import type { EligibilityRules } from '../../domain/eligibility';
import type { EventRuleSet } from '../../domain/event-rules';
import type { QualificationLevel } from '../../domain/qualification';
import { Edition } from './edition.entity';

export const LIVE_VISIBILITIES = ['locked-modules', 'after-lock', 'after-publication'] as const;
export type LiveVisibility = (typeof LIVE_VISIBILITIES)[number];

export type ResultsStatus = 'none' | 'provisional' | 'published' | 'final';

export const EVENT_STATUSES = ['draft', 'published'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

/** 赛项: one occupation at a standard level, in a group, within an edition. */
@Entity('events')
@Index(['editionId', 'occupation', 'contestantGroup'], { unique: true })
export class CompetitionEvent {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  editionId: number;

  @ManyToOne(() => Edition, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'editionId' })
  edition?: Edition;

  /** 职业(工种), e.g. 数控车工. */
  @Column({ type: 'varchar', length: 100 })
  occupation: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 32 })
  level: QualificationLevel;

  @Column({ type: 'varchar', length: 16 })
  contestantGroup: ContestantGroup;

  @Column({ type: 'varchar', length: 16 })
  mode: EventMode;

  @Column({ type: 'integer' })
  theoryWeight: number;

  @Column({ type: 'integer' })
  practicalWeight: number;

  @Column({ type: 'varchar', length: 16 })
  status: EventStatus;

  /** Who may enter (age, level, barred titles, one event per edition), as data on the event. */
  @Column({ type: 'simple-json', nullable: true })
  eligibility: EligibilityRules | null;

  /** Check-in (检录) closes at this moment; later arrivals are flagged as late. */
  @Column({ type: 'varchar', length: 30, nullable: true })
  checkInClosesAt: string | null;

  @Column({ type: 'varchar', length: 30, nullable: true })
  codesGeneratedAt: string | null;

  /** Set by judging when the last module is locked; the code map may be decrypted only after. */
  @Column({ type: 'varchar', length: 30, nullable: true })
  resultsLockedAt: string | null;

  @Column({ type: 'varchar', length: 30, nullable: true })
  decryptedAt: string | null;

  /** Who decrypted: the chief judge and the supervisor who confirmed with their own account. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  decryptedBy: string | null;

  /** When the public board shows marks: per locked module, after the results lock, or after publication. */
  @Column({ type: 'varchar', length: 20, default: 'locked-modules' })
  liveVisibility: LiveVisibility;

  /** From this moment the board holds still until an organizer unfreezes it (a reveal moment). */
  @Column({ type: 'varchar', length: 30, nullable: true })
  freezeAt: string | null;

  @Column({ type: 'varchar', length: 30, nullable: true })
  unfrozenAt: string | null;

  /** 公示: set when the results are published. */
  @Column({ type: 'varchar', length: 30, nullable: true })
  resultsPublishedAt: string | null;

  /** none → provisional (prizes computed) → published (公示) → final (frozen). */
  @Column({ type: 'varchar', length: 16, default: 'none' })
  resultsStatus: ResultsStatus;

  @Column({ type: 'varchar', length: 30, nullable: true })
  publicationStart: string | null;

  @Column({ type: 'varchar', length: 30, nullable: true })
  publicationEnd: string | null;

  @Column({ type: 'varchar', length: 30, nullable: true })
  appealDeadline: string | null;

  @Column({ type: 'varchar', length: 30, nullable: true })
  finalAt: string | null;

  /** When the results were last computed; cleared by an unlock or a correction after the lock. */
  @Column({ type: 'varchar', length: 30, nullable: true })
  resultsComputedAt: string | null;

  /**
   * Quota, 优胜奖, floor, minimum field, past winners and tie-break chain; docs/domain.md's defaults
   * when null. Read only through `eventOptions` (src/domain/event-rules.ts).
   */
  @Column({ type: 'simple-json', nullable: true })
  rules: EventRuleSet | null;

  @Column({ type: 'varchar', length: 30 })
  createdAt: string;

  @Column({ type: 'varchar', length: 30 })
  updatedAt: string;
}

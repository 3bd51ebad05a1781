import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** The theory exam's score for a work-piece (keyed by code, imported from the exam system). */
@Entity('theory_scores')
@Index(['eventId', 'workpieceCode'], { unique: true })
export class TheoryScore {
  @PrimaryColumn({ type: 'integer' })
  entryId: number;

  @Column({ type: 'integer' })
  eventId: number;

  @Column({ type: 'varchar', length: 16 })
  workpieceCode: string;

  @Column({ type: 'integer' })
  scoreHundredths: number;

  @Column({ type: 'varchar', length: 30 })
  importedAt: string;

  /** 缺考: marked absent from theory by the chief judge (the score is then 0). */
  @Column({ type: 'boolean', default: false })
  absent: boolean;

  /** Why (required when absent); the audit row keeps who and when. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  absentReason: string | null;
}

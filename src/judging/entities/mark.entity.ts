import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type MarkPurpose = 'primary' | 'recheck';

/**
 * A judge's current mark for one aspect of one work-piece (by code: judges never see who).
 * Every version is kept in mark_versions; `version` counts them.
 */
@Entity('marks')
@Index(['aspectId', 'workpieceCode', 'judgeId', 'purpose'], { unique: true })
@Index(['eventId', 'moduleId'])
export class Mark {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'integer' })
  eventId: number;

  @Column({ type: 'integer' })
  moduleId: number;

  @Column({ type: 'integer' })
  aspectId: number;

  @Column({ type: 'integer' })
  judgeId: number;

  @Column({ type: 'varchar', length: 16 })
  workpieceCode: string;

  @Column({ type: 'varchar', length: 16 })
  purpose: MarkPurpose;

  @Column({ type: 'integer' })
  valueHundredths: number;

  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'varchar', length: 30 })
  updatedAt: string;
}

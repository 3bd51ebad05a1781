import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * 推荐: an entry the city names for the provincial or national selection, with the reason;
 * 1:1 matching pays only for results of those named here.
 */
@Entity('recommendations')
@Index(['eventId', 'contestantId', 'level'], { unique: true })
export class Recommendation {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  eventId: number;

  /** The entry named (recommendations made before entries were named: found by the migration). */
  @Column({ type: 'integer', nullable: true })
  entryId: number | null;

  @Column({ type: 'integer' })
  contestantId: number;

  @Column({ type: 'varchar', length: 16 })
  level: 'provincial' | 'national';

  /** The entry's rank in the event results when it was recommended. */
  @Column({ type: 'integer' })
  rank: number;

  @Column({ type: 'varchar', length: 500, default: '' })
  reason: string;

  /** Who recommended it, as people are named on lists. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  recommendedBy: string | null;

  @Column({ type: 'varchar', length: 30 })
  createdAt: string;
}

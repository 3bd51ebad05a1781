import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** 复核: a work-piece chosen for re-entry by a second judge (provisional top 10, or at random). */
@Entity('recheck_items')
@Index(['eventId', 'workpieceCode'], { unique: true })
export class RecheckItem {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  eventId: number;

  @Column({ type: 'varchar', length: 16 })
  workpieceCode: string;

  @Column({ type: 'varchar', length: 16 })
  reason: 'top' | 'random';

  @Column({ type: 'varchar', length: 30 })
  selectedAt: string;
}

import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A practical module of an event's marking scheme (e.g. A 零件加工). Locked by the chief judge. */
@Entity('modules')
@Index(['eventId', 'code'], { unique: true })
export class MarkingModuleRow {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  eventId: number;

  @Column({ type: 'varchar', length: 16 })
  code: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'integer' })
  position: number;

  @Column({ type: 'varchar', length: 30, nullable: true })
  lockedAt: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  lockedBy: string | null;
}

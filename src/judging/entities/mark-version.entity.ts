import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Every value a mark has had: who, when, which value, and why it changed. */
@Entity('mark_versions')
@Index(['markId', 'version'], { unique: true })
export class MarkVersion {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 36 })
  markId: string;

  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'integer' })
  valueHundredths: number;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'varchar', length: 64 })
  changedBy: string;

  @Column({ type: 'varchar', length: 30 })
  changedAt: string;
}

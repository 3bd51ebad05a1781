import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A judge assigned to mark a module. */
@Entity('judge_assignments')
@Index(['moduleId', 'judgeId'], { unique: true })
export class JudgeAssignment {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  eventId: number;

  @Column({ type: 'integer' })
  moduleId: number;

  @Column({ type: 'integer' })
  judgeId: number;

  @Column({ type: 'varchar', length: 30, nullable: true })
  signedAt: string | null;
}

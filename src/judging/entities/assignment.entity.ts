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

  /** When a signature was cleared by the chief judge, until the judge signs again. */
  @Column({ type: 'varchar', length: 30, nullable: true })
  clearedAt: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  clearedCause: SignatureClearedCause | null;

  @Column({ type: 'text', nullable: true })
  clearedReason: string | null;
}

/** What cleared a judge's signature: a re-mark request naming them, or an unlock of the module. */
export type SignatureClearedCause = 'remark' | 'unlock';

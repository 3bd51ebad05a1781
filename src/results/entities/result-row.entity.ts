import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { Placing } from '../../domain/prizes';
import type { Grant } from '../../domain/rewards';

/** One line of an event's computed results: total, rank, prize and what the policy grants. */
@Entity('result_rows')
@Index(['eventId', 'entryId'], { unique: true })
export class ResultRow {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  eventId: number;

  @Column({ type: 'integer' })
  entryId: number;

  @Column({ type: 'integer' })
  contestantId: number;

  @Column({ type: 'varchar', length: 16 })
  status: string;

  @Column({ type: 'integer', nullable: true })
  totalHundredths: number | null;

  @Column({ type: 'integer', nullable: true })
  rank: number | null;

  @Column({ type: 'boolean', default: false })
  tied: boolean;

  /** Theory counted 0: marked absent from it by the chief judge (printed 缺考). */
  @Column({ type: 'boolean', default: false })
  theoryAbsent: boolean;

  /** 1–3, or 4 for 优胜奖 (honourable mention). */
  @Column({ type: 'integer', nullable: true })
  prize: Placing | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  noPrizeReason: string | null;

  @Column({ type: 'simple-json', nullable: true })
  grant: Grant | null;
}

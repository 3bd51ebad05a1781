import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { JudgementAggregation } from '../../domain/marking';

export type AspectKind = 'measurement' | 'judgement' | 'deduction';

/** One line of the marking scheme. Decimal settings are stored in integer hundredths. */
@Entity('aspects')
@Index(['eventId', 'code'], { unique: true })
export class AspectRow {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  eventId: number;

  @Column({ type: 'integer' })
  moduleId: number;

  @Column({ type: 'varchar', length: 16 })
  code: string;

  @Column({ type: 'varchar', length: 300 })
  description: string;

  @Column({ type: 'varchar', length: 16 })
  kind: AspectKind;

  @Column({ type: 'varchar', length: 16, nullable: true })
  aggregation: JudgementAggregation | null;

  @Column({ type: 'integer' })
  maxHundredths: number;

  @Column({ type: 'integer', nullable: true })
  stepHundredths: number | null;

  @Column({ type: 'integer', nullable: true })
  maxSpreadHundredths: number | null;

  @Column({ type: 'integer' })
  position: number;
}

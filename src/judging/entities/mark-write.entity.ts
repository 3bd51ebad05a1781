import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The idempotency ledger: one row per client-generated write id. A replay with the same body
 * gets the stored response; the same id with another body is refused.
 */
@Entity('mark_writes')
export class MarkWrite {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  clientId: string;

  @Column({ type: 'integer' })
  judgeId: number;

  @Column({ type: 'varchar', length: 64 })
  requestHash: string;

  @Column({ type: 'text' })
  response: string;

  @Column({ type: 'varchar', length: 30 })
  createdAt: string;
}

import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Append-only, hash-chained log of every state change. `seq` is assigned under a lock when the
 * row is written, so the chain order is the commit order even with concurrent writers.
 */
@Entity('audit_log')
export class AuditEntry {
  @PrimaryColumn({ type: 'integer' })
  seq: number;

  @Column({ type: 'varchar', length: 30 })
  at: string;

  @Column({ type: 'integer', nullable: true })
  actorId: number | null;

  @Column({ type: 'varchar', length: 64 })
  actorName: string;

  @Column({ type: 'varchar', length: 64 })
  action: string;

  @Column({ type: 'varchar', length: 64 })
  entityType: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  entityId: string | null;

  /** JSON text of the state before the change (null for a creation). */
  @Column({ type: 'text', nullable: true })
  before: string | null;

  /** JSON text of the state after the change (null for a deletion). */
  @Column({ type: 'text', nullable: true })
  after: string | null;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'varchar', length: 64 })
  prevHash: string;

  @Column({ type: 'varchar', length: 64 })
  hash: string;
}

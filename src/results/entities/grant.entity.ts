import type { UpgradeCode } from '../../domain/rewards';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type GrantStatus = 'pending' | 'approved' | 'paid';

/**
 * The awards ledger: one grant per person and basis (a prize of an event, or a 1:1 matching of
 * an external result), with titles, treatment, upgrade and cash, through pending → approved → paid.
 */
@Entity('grants')
@Index(['basisRef', 'contestantId'], { unique: true })
export class GrantRow {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  editionId: number;

  @Column({ type: 'integer', nullable: true })
  eventId: number | null;

  @Column({ type: 'integer' })
  contestantId: number;

  @Column({ type: 'varchar', length: 16 })
  basis: 'prize' | 'matching';

  /** "event:12" or "external:5": what the grant is for. */
  @Column({ type: 'varchar', length: 32 })
  basisRef: string;

  @Column({ type: 'integer', nullable: true })
  prize: number | null;

  @Column({ type: 'simple-json' })
  titles: string[];

  @Column({ type: 'boolean', default: false })
  modelWorkerTreatment: boolean;

  @Column({ type: 'varchar', length: 32, nullable: true })
  upgradeFrom: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  upgradeTo: string | null;

  /** Why there is no promotion, in Chinese as printed (e.g. 已是最高等级); null when promoted. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  upgradeNote: string | null;

  /** The domain's UpgradeCode beside the note (to-target, one-level-up, at-top, none). */
  @Column({ type: 'varchar', length: 16, nullable: true })
  upgradeCode: UpgradeCode | null;

  /** Integer yuan. */
  @Column({ type: 'integer' })
  cash: number;

  @Column({ type: 'simple-json' })
  clauses: string[];

  @Column({ type: 'varchar', length: 16 })
  status: GrantStatus;

  @Column({ type: 'varchar', length: 64, nullable: true })
  approvedBy: string | null;

  @Column({ type: 'varchar', length: 30, nullable: true })
  approvedAt: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  paidBy: string | null;

  @Column({ type: 'varchar', length: 30, nullable: true })
  paidAt: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  paymentRef: string | null;

  @Column({ type: 'varchar', length: 30 })
  createdAt: string;

  /** The account that created the grant or last changed it (four eyes: it does not approve). */
  @Column({ type: 'integer', nullable: true })
  editedById: number | null;

  @Column({ type: 'integer', nullable: true })
  approvedById: number | null;

  @Column({ type: 'integer', nullable: true })
  paidById: number | null;

  /**
   * Paid history never changes: who and what the grant was for, as it was when the grant was
   * created. A later registration of the same person (new name, new unit) leaves it alone.
   */
  @Column({ type: 'varchar', length: 100, nullable: true })
  contestantName: string | null;

  @Column({ type: 'varchar', length: 18, nullable: true })
  idNumberMasked: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  unitName: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  eventName: string | null;
}

import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const EDITION_STATUSES = ['draft', 'published', 'closed'] as const;
export type EditionStatus = (typeof EDITION_STATUSES)[number];

/** 届: one competition year. */
@Entity('editions')
export class Edition {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer', unique: true })
  year: number;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 10, nullable: true })
  startDate: string | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  endDate: string | null;

  @Column({ type: 'varchar', length: 16 })
  status: EditionStatus;

  /** The reward policy this edition's prizes are granted under. */
  @Column({ type: 'varchar', length: 64, default: 'wuxi-2015' })
  policyId: string;

  /** Four eyes on money: the approver of a grant does not pay it, nor approves their own edits. */
  @Column({ type: 'boolean', default: true })
  fourEyes: boolean;

  @Column({ type: 'varchar', length: 30 })
  createdAt: string;

  @Column({ type: 'varchar', length: 30 })
  updatedAt: string;
}

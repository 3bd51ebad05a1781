import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A reward policy as data (e.g. item 17 of 锡政发〔2015〕339号); editions point at one. */
@Entity('policies')
export class PolicyRow {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** The validated policy document (JSON text). */
  @Column({ type: 'text' })
  document: string;

  /** 'file' for data/policies/*.json, 'console' for organizers' clones. */
  @Column({ type: 'varchar', length: 16 })
  origin: 'file' | 'console';

  @Column({ type: 'varchar', length: 64, nullable: true })
  basedOn: string | null;

  @Column({ type: 'varchar', length: 30 })
  createdAt: string;

  @Column({ type: 'varchar', length: 30 })
  updatedAt: string;
}

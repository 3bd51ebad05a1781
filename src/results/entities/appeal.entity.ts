import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type AppealStatus = 'filed' | 'accepted' | 'rejected';

/** 申诉: filed in writing before the deadline; arbitration (the supervisor) decides, finally. */
@Entity('appeals')
export class Appeal {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  eventId: number;

  @Column({ type: 'integer' })
  filedById: number;

  @Column({ type: 'varchar', length: 64 })
  filedByName: string;

  @Column({ type: 'text' })
  text: string;

  @Column({ type: 'varchar', length: 30 })
  filedAt: string;

  @Column({ type: 'varchar', length: 16 })
  status: AppealStatus;

  @Column({ type: 'text', nullable: true })
  decision: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  decidedBy: string | null;

  @Column({ type: 'varchar', length: 30, nullable: true })
  decidedAt: string | null;
}

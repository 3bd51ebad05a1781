import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** The chief judge asks named judges to mark an aspect of a work-piece again. */
@Entity('remark_requests')
export class RemarkRequest {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  eventId: number;

  @Column({ type: 'integer' })
  aspectId: number;

  @Column({ type: 'varchar', length: 16 })
  workpieceCode: string;

  @Column({ type: 'simple-json' })
  judgeIds: number[];

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'varchar', length: 64 })
  requestedBy: string;

  @Column({ type: 'varchar', length: 30 })
  requestedAt: string;

  @Column({ type: 'varchar', length: 30, nullable: true })
  resolvedAt: string | null;
}

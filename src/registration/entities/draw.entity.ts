import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * 抽签 record. The seed's sha256 commitment is recorded with the result; the shuffle is a pure
 * function of (seed, entry ids in order), so anyone can recompute it and see it was not edited.
 */
@Entity('draws')
export class Draw {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  eventId: number;

  /** 1 for the draw, 2.. for redraws by the chief judge. */
  @Column({ type: 'integer' })
  attempt: number;

  @Column({ type: 'varchar', length: 64 })
  seedCommitment: string;

  @Column({ type: 'varchar', length: 64 })
  seed: string;

  /** The approved entries' ids in ascending order: the shuffle's input. */
  @Column({ type: 'simple-json' })
  entryIds: number[];

  /** [{ entryId, workstationNo }] */
  @Column({ type: 'simple-json' })
  result: { entryId: number; workstationNo: number }[];

  @Column({ type: 'varchar', length: 64 })
  drawnBy: string;

  @Column({ type: 'varchar', length: 30 })
  drawnAt: string;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'varchar', length: 30, nullable: true })
  supersededAt: string | null;
}

import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A result at the provincial, national or world competition of a contestant the city sent. */
@Entity('external_results')
export class ExternalResultRow {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  contestantId: number;

  @Column({ type: 'varchar', length: 200 })
  competition: string;

  @Column({ type: 'varchar', length: 16 })
  level: 'provincial' | 'national' | 'world';

  @Column({ type: 'integer' })
  year: number;

  @Column({ type: 'varchar', length: 100 })
  eventName: string;

  @Column({ type: 'integer' })
  placing: number;

  /** The reward paid there, per person, integer yuan. */
  @Column({ type: 'integer' })
  amount: number;

  @Column({ type: 'varchar', length: 100 })
  evidenceNo: string;

  @Column({ type: 'boolean' })
  qualifies: boolean;

  /** Why it qualifies or not (not recommended by the city, beyond the placing limit, duplicate). */
  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'varchar', length: 30 })
  createdAt: string;

  /** The normalised key of a qualifying result (unique): the same result cannot pay twice. */
  @Column({ type: 'varchar', length: 400, nullable: true, unique: true })
  qualifyingKey: string | null;
}

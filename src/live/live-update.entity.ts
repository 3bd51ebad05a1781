import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type LiveUpdateKind = 'standings' | 'lock' | 'unlock' | 'publication';

/**
 * Every update a board or feed was sent, in order: `id` orders the edition feed, `seq` numbers
 * the updates of one event. Kept in the database so any instance can replay what a client missed.
 */
@Entity('live_updates')
@Index(['eventId', 'seq'], { unique: true })
@Index(['editionId', 'id'])
export class LiveUpdate {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  editionId: number;

  @Column({ type: 'integer' })
  eventId: number;

  @Column({ type: 'integer' })
  seq: number;

  @Column({ type: 'varchar', length: 16 })
  kind: LiveUpdateKind;

  /** { changes, rows } for standings; the event's state for the others. */
  @Column({ type: 'text' })
  payload: string;

  @Column({ type: 'varchar', length: 30 })
  at: string;
}

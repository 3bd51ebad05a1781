import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** 推荐: the city sends an event's best to the provincial or national selection. */
@Entity('recommendations')
@Index(['eventId', 'contestantId', 'level'], { unique: true })
export class Recommendation {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  eventId: number;

  @Column({ type: 'integer' })
  contestantId: number;

  @Column({ type: 'varchar', length: 16 })
  level: 'provincial' | 'national';

  @Column({ type: 'integer' })
  rank: number;

  @Column({ type: 'varchar', length: 30 })
  createdAt: string;
}

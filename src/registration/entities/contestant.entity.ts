import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { QualificationLevel } from '../../domain/qualification';
import { Unit } from './unit.entity';

/** One person across editions, keyed by the resident ID number (stored whole, shown masked). */
@Entity('contestants')
export class Contestant {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 18, unique: true })
  idNumber: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 8 })
  gender: 'male' | 'female';

  @Column({ type: 'varchar', length: 10 })
  birthDate: string;

  @Column({ type: 'varchar', length: 30, nullable: true })
  phone: string | null;

  /** 工作单位或学校. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  employer: string | null;

  @Column({ type: 'integer' })
  unitId: number;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unitId' })
  unit?: Unit;

  /** Current qualification: occupation, level on the ladder, certificate number. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  qualificationOccupation: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  qualificationLevel: QualificationLevel | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  certificateNo: string | null;

  /** Titles already held, e.g. ["无锡市技术能手"]. */
  @Column({ type: 'simple-json' })
  titlesHeld: string[];

  @Column({ type: 'varchar', length: 30 })
  createdAt: string;

  @Column({ type: 'varchar', length: 30 })
  updatedAt: string;
}

import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from '../../domain/competition';

@Entity('users')
export class User {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 64, unique: true })
  username: string;

  @Column({ type: 'varchar', length: 100 })
  displayName: string;

  @Column({ type: 'varchar', length: 32 })
  role: Role;

  /** The judge's or contestant's own unit; used later for recusal (回避). */
  @Column({ type: 'varchar', length: 200, nullable: true })
  unitName: string | null;

  /** A contestant account's own contestant record (at most one account per record). */
  @Column({ type: 'integer', nullable: true })
  contestantId: number | null;

  @Column({ type: 'varchar', length: 255 })
  passwordHash: string;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** Tokens issued before this moment are refused (password change, logout everywhere). */
  @Column({ type: 'varchar', length: 30 })
  tokensValidFrom: string;

  @Column({ type: 'varchar', length: 30 })
  createdAt: string;

  @Column({ type: 'varchar', length: 30 })
  updatedAt: string;
}

import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity('refresh_tokens')
export class RefreshToken {
  /** Random id carried in the token; only a hash of the secret part is stored. */
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Index()
  @Column({ type: 'integer' })
  userId: number;

  @Column({ type: 'varchar', length: 64 })
  secretHash: string;

  @Column({ type: 'varchar', length: 30 })
  expiresAt: string;

  @Column({ type: 'varchar', length: 30, nullable: true })
  revokedAt: string | null;

  @Column({ type: 'varchar', length: 30 })
  createdAt: string;
}

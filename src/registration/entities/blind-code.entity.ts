import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * 加密: the sealed two-layer map, entry → check-in code (first layer) → work-piece code (second
 * layer). Judges only ever see work-piece codes; the map is readable by the encryption judge alone
 * until the event's results are locked and the chief judge decrypts.
 */
@Entity('blind_codes')
@Index(['eventId', 'checkInCode'], { unique: true })
@Index(['eventId', 'workpieceCode'], { unique: true })
export class BlindCode {
  @PrimaryColumn({ type: 'integer' })
  entryId: number;

  @Column({ type: 'integer' })
  eventId: number;

  @Column({ type: 'varchar', length: 16 })
  checkInCode: string;

  @Column({ type: 'varchar', length: 16 })
  workpieceCode: string;

  /** Time used on the practical task (a tie-break input), recorded against the code. */
  @Column({ type: 'integer', nullable: true })
  timeUsedSeconds: number | null;

  @Column({ type: 'varchar', length: 30 })
  createdAt: string;
}

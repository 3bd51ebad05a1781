import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A contestant's column value as it was. */
export type FieldValue = string | number | boolean | null | string[];

/** What a sheet's commit has written so far: the rows to remove if it cannot finish. */
export interface ImportWritten {
  entries: number[];
  /** Contestants and units the sheet created. */
  contestants: number[];
  units: number[];
  /** Contestants from earlier editions the sheet updated, with the fields as they were. */
  updated: { id: number; before: Record<string, FieldValue> }[];
}

/**
 * A registration sheet's commit in progress. A large sheet is written a few hundred rows per
 * transaction, so that judges' marks and other writes are not held behind it; each transaction
 * records here what it wrote. A commit that cannot finish (a row refused by a later transaction,
 * a full disk, the process killed) is undone from this record, at once or at the next start.
 * The row lives only while its commit runs.
 */
@Entity('import_commits')
export class ImportCommit {
  /** The import job's id. */
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'integer' })
  editionId: number;

  @Column({ type: 'varchar', length: 255 })
  fileName: string;

  @Column({ type: 'integer', nullable: true })
  actorId: number | null;

  @Column({ type: 'varchar', length: 100 })
  actorName: string;

  @Column({ type: 'simple-json' })
  written: ImportWritten;

  @Column({ type: 'varchar', length: 30 })
  startedAt: string;

  @Column({ type: 'varchar', length: 30 })
  updatedAt: string;
}

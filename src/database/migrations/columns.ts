import { TableColumnOptions, TableForeignKey, TableIndex } from 'typeorm';

/**
 * Column shapes every migration uses, driver-neutral (SQLite and PostgreSQL). Changing one of
 * these changes past migrations too: add a new helper rather than edit one.
 */
export const id: TableColumnOptions = {
  name: 'id',
  type: 'integer',
  isPrimary: true,
  isGenerated: true,
  generationStrategy: 'increment',
};

export const text = (name: string, length: number, isNullable = false): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: String(length),
  isNullable,
});

export const int = (name: string, isNullable = false): TableColumnOptions => ({
  name,
  type: 'integer',
  isNullable,
});

/** JSON or long text. */
export const long = (name: string, isNullable = false): TableColumnOptions => ({
  name,
  type: 'text',
  isNullable,
});

export const bool = (name: string, value: boolean): TableColumnOptions => ({
  name,
  type: 'boolean',
  default: value,
});

export const timestamps = [text('createdAt', 30), text('updatedAt', 30)];

export const unique = (...columnNames: string[]) => new TableIndex({ columnNames, isUnique: true });

export const fk = (column: string, table: string, onDelete: 'RESTRICT' | 'CASCADE' = 'RESTRICT') =>
  new TableForeignKey({
    columnNames: [column],
    referencedTableName: table,
    referencedColumnNames: ['id'],
    onDelete,
  });

import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { int, text } from './columns';

/**
 * The audit chain's signed head on PostgreSQL: one row, written by every append in the same
 * transaction, outside the audited table. (SQLite keeps it in a file beside the database, so
 * that whoever holds the database file alone cannot rewrite the head with the rows.)
 */
export class AuditHead1764391200000 implements MigrationInterface {
  name = 'AuditHead1764391200000';

  async up(q: QueryRunner): Promise<void> {
    if (q.connection.options.type !== 'postgres') {
      return;
    }
    await q.createTable(
      new Table({
        name: 'audit_head',
        columns: [
          { ...int('id'), isPrimary: true },
          int('rows'),
          text('lastHash', 64),
          text('at', 30),
          text('mac', 64),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    if (q.connection.options.type === 'postgres') {
      await q.dropTable('audit_head');
    }
  }
}

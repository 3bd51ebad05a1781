import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { fk, int, unique } from './columns';

/**
 * A contestant's account points at their contestant record, so they can see their own entries,
 * results and grants. One record has at most one account (a unique index; NULLs do not collide
 * on SQLite or PostgreSQL).
 */
export class ContestantAccounts1764380000000 implements MigrationInterface {
  name = 'ContestantAccounts1764380000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('users', new TableColumn(int('contestantId', true)));
    await q.createIndex('users', unique('contestantId'));
    await q.createForeignKey('users', fk('contestantId', 'contestants'));
  }

  async down(q: QueryRunner): Promise<void> {
    const table = await q.getTable('users');
    const key = table?.foreignKeys.find((k) => k.columnNames.includes('contestantId'));
    if (key) {
      await q.dropForeignKey('users', key);
    }
    const index = table?.indices.find((i) => i.columnNames.includes('contestantId'));
    if (index) {
      await q.dropIndex('users', index);
    }
    await q.dropColumn('users', 'contestantId');
  }
}

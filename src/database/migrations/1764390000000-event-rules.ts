import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { bool, long } from './columns';

/**
 * An event's rules become one value the organiser sets (issue #14). `prizeRule` and `sharedRanks`
 * were never written by anything (always null / true, the defaults), so nothing is carried over.
 */
export class EventRules1764390000000 implements MigrationInterface {
  name = 'EventRules1764390000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('events', new TableColumn(long('rules', true)));
    await q.dropColumn('events', 'prizeRule');
    await q.dropColumn('events', 'sharedRanks');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.addColumns('events', [
      new TableColumn(long('prizeRule', true)),
      new TableColumn(bool('sharedRanks', true)),
    ]);
    await q.dropColumn('events', 'rules');
  }
}

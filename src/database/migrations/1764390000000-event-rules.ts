import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { bool, long, text } from './columns';

/**
 * An event's rules become one value the organiser sets (issue #14). `prizeRule` and `sharedRanks`
 * were never written by anything (always null / true, the defaults), so nothing is carried over.
 * Grants keep the code of their upgrade beside its Chinese note.
 */
export class EventRules1764390000000 implements MigrationInterface {
  name = 'EventRules1764390000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('events', new TableColumn(long('rules', true)));
    await q.dropColumn('events', 'prizeRule');
    await q.dropColumn('events', 'sharedRanks');
    // Upgrade notes are printed in Chinese; the domain's code is kept beside them.
    await q.addColumn('grants', new TableColumn(text('upgradeCode', 16, true)));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('grants', 'upgradeCode');
    await q.addColumns('events', [
      new TableColumn(long('prizeRule', true)),
      new TableColumn(bool('sharedRanks', true)),
    ]);
    await q.dropColumn('events', 'rules');
  }
}

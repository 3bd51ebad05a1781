import { MigrationInterface, QueryRunner, Table, TableColumn } from 'typeorm';

/** Reward policies as data, and the policy each edition follows. */
export class Policies1764360000000 implements MigrationInterface {
  name = 'Policies1764360000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'policies',
        columns: [
          { name: 'id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'name', type: 'varchar', length: '200' },
          { name: 'document', type: 'text' },
          { name: 'origin', type: 'varchar', length: '16' },
          { name: 'basedOn', type: 'varchar', length: '64', isNullable: true },
          { name: 'createdAt', type: 'varchar', length: '30' },
          { name: 'updatedAt', type: 'varchar', length: '30' },
        ],
      }),
    );
    await q.addColumn(
      'editions',
      new TableColumn({ name: 'policyId', type: 'varchar', length: '64', default: "'wuxi-2015'" }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('editions', 'policyId');
    await q.dropTable('policies');
  }
}

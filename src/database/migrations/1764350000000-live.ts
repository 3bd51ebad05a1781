import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';

/** Live boards: per-event visibility and freeze, and the ordered log of updates sent. */
export class Live1764350000000 implements MigrationInterface {
  name = 'Live1764350000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('events', [
      new TableColumn({
        name: 'liveVisibility',
        type: 'varchar',
        length: '20',
        default: "'locked-modules'",
      }),
      new TableColumn({ name: 'freezeAt', type: 'varchar', length: '30', isNullable: true }),
      new TableColumn({ name: 'unfrozenAt', type: 'varchar', length: '30', isNullable: true }),
      new TableColumn({
        name: 'resultsPublishedAt',
        type: 'varchar',
        length: '30',
        isNullable: true,
      }),
    ]);
    await q.createTable(
      new Table({
        name: 'live_updates',
        columns: [
          {
            name: 'id',
            type: 'integer',
            isPrimary: true,
            isGenerated: true,
            generationStrategy: 'increment',
          },
          { name: 'editionId', type: 'integer' },
          { name: 'eventId', type: 'integer' },
          { name: 'seq', type: 'integer' },
          { name: 'kind', type: 'varchar', length: '16' },
          { name: 'payload', type: 'text' },
          { name: 'at', type: 'varchar', length: '30' },
        ],
        indices: [
          new TableIndex({ columnNames: ['eventId', 'seq'], isUnique: true }),
          new TableIndex({ columnNames: ['editionId', 'id'] }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('live_updates');
    for (const column of ['liveVisibility', 'freezeAt', 'unfrozenAt', 'resultsPublishedAt']) {
      await q.dropColumn('events', column);
    }
  }
}

import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { int, long, text } from './columns';

/** The journal of a registration sheet's commit in progress (see ImportCommit). */
export class ImportCommits1764410000000 implements MigrationInterface {
  name = 'ImportCommits1764410000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'import_commits',
        columns: [
          { ...text('id', 36), isPrimary: true },
          int('editionId'),
          text('fileName', 255),
          int('actorId', true),
          text('actorName', 100),
          long('written'),
          text('startedAt', 30),
          text('updatedAt', 30),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('import_commits');
  }
}

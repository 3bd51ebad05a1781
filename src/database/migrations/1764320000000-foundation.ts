import { MigrationInterface, QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';
import { id, text, timestamps } from './columns';

/** Accounts, refresh tokens, the audit chain, editions and events. Driver-neutral (SQLite and PostgreSQL). */
export class Foundation1764320000000 implements MigrationInterface {
  name = 'Foundation1764320000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'users',
        columns: [
          id,
          { ...text('username', 64), isUnique: true },
          text('displayName', 100),
          text('role', 32),
          text('unitName', 200, true),
          text('passwordHash', 255),
          { name: 'active', type: 'boolean', default: true },
          text('tokensValidFrom', 30),
          ...timestamps,
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'refresh_tokens',
        columns: [
          { ...text('id', 36), isPrimary: true },
          { name: 'userId', type: 'integer' },
          text('secretHash', 64),
          text('expiresAt', 30),
          text('revokedAt', 30, true),
          text('createdAt', 30),
        ],
        foreignKeys: [
          new TableForeignKey({
            columnNames: ['userId'],
            referencedTableName: 'users',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
        indices: [new TableIndex({ columnNames: ['userId'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'audit_log',
        columns: [
          { name: 'seq', type: 'integer', isPrimary: true },
          text('at', 30),
          { name: 'actorId', type: 'integer', isNullable: true },
          text('actorName', 64),
          text('action', 64),
          text('entityType', 64),
          text('entityId', 64, true),
          { name: 'before', type: 'text', isNullable: true },
          { name: 'after', type: 'text', isNullable: true },
          { name: 'reason', type: 'text', isNullable: true },
          text('prevHash', 64),
          text('hash', 64),
        ],
        indices: [new TableIndex({ columnNames: ['entityType', 'entityId'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'editions',
        columns: [
          id,
          { name: 'year', type: 'integer', isUnique: true },
          text('name', 200),
          text('startDate', 10, true),
          text('endDate', 10, true),
          text('status', 16),
          ...timestamps,
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'events',
        columns: [
          id,
          { name: 'editionId', type: 'integer' },
          text('occupation', 100),
          text('name', 200),
          text('level', 32),
          text('contestantGroup', 16),
          text('mode', 16),
          { name: 'theoryWeight', type: 'integer' },
          { name: 'practicalWeight', type: 'integer' },
          text('status', 16),
          ...timestamps,
        ],
        foreignKeys: [
          new TableForeignKey({
            columnNames: ['editionId'],
            referencedTableName: 'editions',
            referencedColumnNames: ['id'],
            onDelete: 'RESTRICT',
          }),
        ],
        indices: [
          new TableIndex({
            columnNames: ['editionId', 'occupation', 'contestantGroup'],
            isUnique: true,
          }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['events', 'editions', 'audit_log', 'refresh_tokens', 'users']) {
      await q.dropTable(table);
    }
  }
}

import {
  MigrationInterface,
  QueryRunner,
  Table,
  TableColumn,
  TableForeignKey,
  TableIndex,
} from 'typeorm';
import { fk, id, int, long as json, text, timestamps } from './columns';

/** Units, contestants, entries, draws and the sealed code map; event columns for their phases. */
export class Registration1764330000000 implements MigrationInterface {
  name = 'Registration1764330000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns(
      'events',
      [
        json('eligibility', true),
        text('checkInClosesAt', 30, true),
        text('codesGeneratedAt', 30, true),
        text('resultsLockedAt', 30, true),
        text('decryptedAt', 30, true),
        text('decryptedBy', 200, true),
      ].map((c) => new TableColumn(c)),
    );
    await q.createTable(
      new Table({
        name: 'units',
        columns: [
          id,
          { ...text('name', 200), isUnique: true },
          text('contact', 100, true),
          text('phone', 30, true),
          ...timestamps,
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'contestants',
        columns: [
          id,
          { ...text('idNumber', 18), isUnique: true },
          text('name', 100),
          text('gender', 8),
          text('birthDate', 10),
          text('phone', 30, true),
          text('employer', 200, true),
          int('unitId'),
          text('qualificationOccupation', 100, true),
          text('qualificationLevel', 32, true),
          text('certificateNo', 64, true),
          json('titlesHeld'),
          ...timestamps,
        ],
        foreignKeys: [fk('unitId', 'units')],
        indices: [new TableIndex({ columnNames: ['unitId'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'entries',
        columns: [
          id,
          int('editionId'),
          int('eventId'),
          int('contestantId'),
          text('entryNo', 20),
          text('contestantGroup', 16),
          int('teamNo', true),
          text('status', 16),
          { name: 'statusReason', type: 'text', isNullable: true },
          json('eligibilityFailures'),
          int('workstationNo', true),
          text('checkInStatus', 16, true),
          text('checkedInAt', 30, true),
          { name: 'late', type: 'boolean', default: false },
          ...timestamps,
        ],
        foreignKeys: [
          fk('editionId', 'editions'),
          fk('eventId', 'events'),
          fk('contestantId', 'contestants'),
        ],
        indices: [
          new TableIndex({ columnNames: ['eventId', 'contestantId'], isUnique: true }),
          new TableIndex({ columnNames: ['editionId', 'entryNo'], isUnique: true }),
          new TableIndex({ columnNames: ['contestantId'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'draws',
        columns: [
          id,
          int('eventId'),
          int('attempt'),
          text('seedCommitment', 64),
          text('seed', 64),
          json('entryIds'),
          json('result'),
          text('drawnBy', 64),
          text('drawnAt', 30),
          { name: 'reason', type: 'text', isNullable: true },
          text('supersededAt', 30, true),
        ],
        foreignKeys: [fk('eventId', 'events')],
        indices: [new TableIndex({ columnNames: ['eventId', 'attempt'], isUnique: true })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'blind_codes',
        columns: [
          { name: 'entryId', type: 'integer', isPrimary: true },
          int('eventId'),
          text('checkInCode', 16),
          text('workpieceCode', 16),
          text('createdAt', 30),
        ],
        foreignKeys: [
          new TableForeignKey({
            columnNames: ['entryId'],
            referencedTableName: 'entries',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
          fk('eventId', 'events'),
        ],
        indices: [
          new TableIndex({ columnNames: ['eventId', 'checkInCode'], isUnique: true }),
          new TableIndex({ columnNames: ['eventId', 'workpieceCode'], isUnique: true }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['blind_codes', 'draws', 'entries', 'contestants', 'units']) {
      await q.dropTable(table);
    }
    for (const column of [
      'eligibility',
      'checkInClosesAt',
      'codesGeneratedAt',
      'resultsLockedAt',
      'decryptedAt',
      'decryptedBy',
    ]) {
      await q.dropColumn('events', column);
    }
  }
}

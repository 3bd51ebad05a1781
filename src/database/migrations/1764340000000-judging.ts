import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { id, int, text, unique } from './columns';

/** Marking schemes, judge assignments, marks with every version, the idempotency ledger. */
export class Judging1764340000000 implements MigrationInterface {
  name = 'Judging1764340000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('blind_codes', new TableColumn(int('timeUsedSeconds', true)));
    await q.createTable(
      new Table({
        name: 'modules',
        columns: [
          id,
          int('eventId'),
          text('code', 16),
          text('name', 100),
          int('position'),
          text('lockedAt', 30, true),
          text('lockedBy', 64, true),
        ],
        indices: [unique('eventId', 'code')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'aspects',
        columns: [
          id,
          int('eventId'),
          int('moduleId'),
          text('code', 16),
          text('description', 300),
          text('kind', 16),
          text('aggregation', 16, true),
          int('maxHundredths'),
          int('stepHundredths', true),
          int('maxSpreadHundredths', true),
          int('position'),
        ],
        indices: [unique('eventId', 'code'), new TableIndex({ columnNames: ['moduleId'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'judge_assignments',
        columns: [id, int('eventId'), int('moduleId'), int('judgeId'), text('signedAt', 30, true)],
        indices: [unique('moduleId', 'judgeId'), new TableIndex({ columnNames: ['judgeId'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'marks',
        columns: [
          { ...text('id', 36), isPrimary: true },
          int('eventId'),
          int('moduleId'),
          int('aspectId'),
          int('judgeId'),
          text('workpieceCode', 16),
          text('purpose', 16),
          int('valueHundredths'),
          int('version'),
          text('updatedAt', 30),
        ],
        indices: [
          unique('aspectId', 'workpieceCode', 'judgeId', 'purpose'),
          new TableIndex({ columnNames: ['eventId', 'moduleId'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'mark_versions',
        columns: [
          id,
          text('markId', 36),
          int('version'),
          int('valueHundredths'),
          { name: 'reason', type: 'text', isNullable: true },
          text('changedBy', 64),
          text('changedAt', 30),
        ],
        indices: [unique('markId', 'version')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'mark_writes',
        columns: [
          { ...text('clientId', 64), isPrimary: true },
          int('judgeId'),
          text('requestHash', 64),
          { name: 'response', type: 'text' },
          text('createdAt', 30),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'theory_scores',
        columns: [
          { name: 'entryId', type: 'integer', isPrimary: true },
          int('eventId'),
          text('workpieceCode', 16),
          int('scoreHundredths'),
          text('importedAt', 30),
        ],
        indices: [unique('eventId', 'workpieceCode')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'remark_requests',
        columns: [
          id,
          int('eventId'),
          int('aspectId'),
          text('workpieceCode', 16),
          { name: 'judgeIds', type: 'text' },
          { name: 'reason', type: 'text' },
          text('requestedBy', 64),
          text('requestedAt', 30),
          text('resolvedAt', 30, true),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'recheck_items',
        columns: [
          id,
          int('eventId'),
          text('workpieceCode', 16),
          text('reason', 16),
          text('selectedAt', 30),
        ],
        indices: [unique('eventId', 'workpieceCode')],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'recheck_items',
      'remark_requests',
      'theory_scores',
      'mark_writes',
      'mark_versions',
      'marks',
      'judge_assignments',
      'aspects',
      'modules',
    ]) {
      await q.dropTable(table);
    }
    await q.dropColumn('blind_codes', 'timeUsedSeconds');
  }
}

import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { bool, id, int, long, text } from './columns';

/** Results lifecycle, appeals, the awards ledger, external results and recommendations. */
export class Results1764370000000 implements MigrationInterface {
  name = 'Results1764370000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns(
      'events',
      [
        { ...text('resultsStatus', 16), default: "'none'" },
        text('publicationStart', 30, true),
        text('publicationEnd', 30, true),
        text('appealDeadline', 30, true),
        text('finalAt', 30, true),
        long('prizeRule', true),
        bool('sharedRanks', true),
      ].map((c) => new TableColumn(c)),
    );
    await q.createTable(
      new Table({
        name: 'result_rows',
        columns: [
          id,
          int('eventId'),
          int('entryId'),
          int('contestantId'),
          text('status', 16),
          int('totalHundredths', true),
          int('rank', true),
          bool('tied', false),
          int('prize', true),
          text('noPrizeReason', 20, true),
          long('grant', true),
        ],
        indices: [new TableIndex({ columnNames: ['eventId', 'entryId'], isUnique: true })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'appeals',
        columns: [
          id,
          int('eventId'),
          int('filedById'),
          text('filedByName', 64),
          long('text'),
          text('filedAt', 30),
          text('status', 16),
          long('decision', true),
          text('decidedBy', 64, true),
          text('decidedAt', 30, true),
        ],
        indices: [new TableIndex({ columnNames: ['eventId'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'grants',
        columns: [
          id,
          int('editionId'),
          int('eventId', true),
          int('contestantId'),
          text('basis', 16),
          text('basisRef', 32),
          int('prize', true),
          long('titles'),
          bool('modelWorkerTreatment', false),
          text('upgradeFrom', 32, true),
          text('upgradeTo', 32, true),
          text('upgradeNote', 200, true),
          int('cash'),
          long('clauses'),
          text('status', 16),
          text('approvedBy', 64, true),
          text('approvedAt', 30, true),
          text('paidBy', 64, true),
          text('paidAt', 30, true),
          text('paymentRef', 100, true),
          text('createdAt', 30),
        ],
        indices: [
          new TableIndex({ columnNames: ['basisRef', 'contestantId'], isUnique: true }),
          new TableIndex({ columnNames: ['editionId'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'external_results',
        columns: [
          id,
          int('contestantId'),
          text('competition', 200),
          text('level', 16),
          int('year'),
          text('eventName', 100),
          int('placing'),
          int('amount'),
          text('evidenceNo', 100),
          { name: 'qualifies', type: 'boolean' },
          long('reason'),
          text('createdAt', 30),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'recommendations',
        columns: [
          id,
          int('eventId'),
          int('contestantId'),
          text('level', 16),
          int('rank'),
          text('createdAt', 30),
        ],
        indices: [
          new TableIndex({ columnNames: ['eventId', 'contestantId', 'level'], isUnique: true }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'recommendations',
      'external_results',
      'grants',
      'appeals',
      'result_rows',
    ]) {
      await q.dropTable(table);
    }
    for (const column of [
      'resultsStatus',
      'publicationStart',
      'publicationEnd',
      'appealDeadline',
      'finalAt',
      'prizeRule',
      'sharedRanks',
    ]) {
      await q.dropColumn('events', column);
    }
  }
}

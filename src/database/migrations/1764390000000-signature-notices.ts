import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { long, text } from './columns';

/**
 * Why a judge's signature went (a re-mark request or an unlock, with the chief judge's reason),
 * kept on the assignment until the judge signs again, so the tablet can tell the judge.
 */
export class SignatureNotices1764390000000 implements MigrationInterface {
  name = 'SignatureNotices1764390000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('judge_assignments', [
      new TableColumn(text('clearedAt', 30, true)),
      new TableColumn(text('clearedCause', 16, true)),
      new TableColumn(long('clearedReason', true)),
    ]);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const column of ['clearedReason', 'clearedCause', 'clearedAt']) {
      await q.dropColumn('judge_assignments', column);
    }
  }
}

import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { externalResultKey } from '../../domain/external-key';
import { maskIdNumber } from '../../domain/id-number';
import { bool, int, text, unique } from './columns';

/**
 * One winner per race, final is final, paid history, four eyes:
 * - events.resultsComputedAt: when the results were last computed from locked marks (a finalize
 *   needs it after the last lock or unlock);
 * - editions.fourEyes: the approver of a grant does not pay it (on by default);
 * - grants: who created, approved and paid it (ids), and a snapshot of the person and the prize
 *   taken when the grant was created, so later registrations never rewrite paid history;
 * - external_results.qualifyingKey: the normalised key of a qualifying result, unique, so a
 *   result typed twice cannot pay twice (NULLs never collide on SQLite or PostgreSQL).
 */
export class RacesAndHistory1764395000000 implements MigrationInterface {
  name = 'RacesAndHistory1764395000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('events', new TableColumn(text('resultsComputedAt', 30, true)));
    await q.addColumn('editions', new TableColumn(bool('fourEyes', true)));
    await q.addColumns(
      'grants',
      [
        int('editedById', true),
        int('approvedById', true),
        int('paidById', true),
        text('contestantName', 100, true),
        text('idNumberMasked', 18, true),
        text('unitName', 200, true),
        text('eventName', 200, true),
      ].map((c) => new TableColumn(c)),
    );
    await q.addColumn('external_results', new TableColumn(text('qualifyingKey', 400, true)));
    await this.backfill(q);
    await q.createIndex('external_results', unique('qualifyingKey'));
  }

  /** Grants made before this migration take their snapshot from today's records. */
  private async backfill(q: QueryRunner): Promise<void> {
    const pg = q.connection.options.type === 'postgres';
    // PostgreSQL numbers its parameters, SQLite takes them in order.
    const sql = (text: string) => (pg ? text : text.replace(/\$\d+/g, '?'));
    const grants = (await q.query(
      'SELECT g."id", c."name", c."idNumber", u."name" AS "unitName", e."name" AS "eventName" ' +
        'FROM "grants" g JOIN "contestants" c ON c."id" = g."contestantId" ' +
        'LEFT JOIN "units" u ON u."id" = c."unitId" LEFT JOIN "events" e ON e."id" = g."eventId"',
    )) as {
      id: number;
      name: string;
      idNumber: string;
      unitName: string | null;
      eventName: string | null;
    }[];
    for (const g of grants) {
      await q.query(
        sql(
          'UPDATE "grants" SET "contestantName" = $1, "idNumberMasked" = $2, "unitName" = $3, "eventName" = $4 WHERE "id" = $5',
        ),
        [g.name, maskIdNumber(g.idNumber), g.unitName ?? '', g.eventName, g.id],
      );
    }
    const results = (await q.query(
      sql(
        'SELECT "id", "contestantId", "level", "competition", "year", "eventName" FROM "external_results" ' +
          'WHERE "qualifies" = $1 ORDER BY "id"',
      ),
      [pg ? true : 1],
    )) as {
      id: number;
      contestantId: number;
      level: string;
      competition: string;
      year: number;
      eventName: string;
    }[];
    const seen = new Set<string>();
    for (const r of results) {
      const key = externalResultKey({
        ...r,
        year: Number(r.year),
        contestantId: Number(r.contestantId),
      });
      // An older duplicate keeps its grant but not the key: the first one holds it.
      if (!seen.has(key)) {
        seen.add(key);
        await q.query(sql('UPDATE "external_results" SET "qualifyingKey" = $1 WHERE "id" = $2'), [
          key,
          r.id,
        ]);
      }
    }
  }

  async down(q: QueryRunner): Promise<void> {
    const table = await q.getTable('external_results');
    const index = table?.indices.find((i) => i.columnNames.includes('qualifyingKey'));
    if (index) {
      await q.dropIndex('external_results', index);
    }
    await q.dropColumn('external_results', 'qualifyingKey');
    for (const c of [
      'editedById',
      'approvedById',
      'paidById',
      'contestantName',
      'idNumberMasked',
      'unitName',
      'eventName',
    ]) {
      await q.dropColumn('grants', c);
    }
    await q.dropColumn('editions', 'fourEyes');
    await q.dropColumn('events', 'resultsComputedAt');
  }
}

import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { bool, int, text } from './columns';

/**
 * The rules of 2026 as data (issue #14 §3–4):
 * - theory_scores.absent / absentReason: the chief judge marks a competitor absent from theory
 *   with a reason (counted 0, printed 缺考); result_rows.theoryAbsent carries it to every sheet;
 * - recommendations name the entry, with a reason and who recommended it; rows made before (the
 *   best N by rank) get their entry from the event's results and a reason saying how they were
 *   made;
 * - stored policies get the new fields with the 2015 defaults (the five-level ladder, promotion
 *   up to 高级技师, no yearly limit, 公示 of at least 5 days) and the clauses they cite, so an
 *   edition's clone keeps working exactly as before.
 * The policy text is written out here, not read from data/policies: a migration must do the same
 * thing whenever it runs.
 */
export class Policy20261764400000000 implements MigrationInterface {
  name = 'Policy20261764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns(
      'theory_scores',
      [bool('absent', false), text('absentReason', 500, true)].map((c) => new TableColumn(c)),
    );
    await q.addColumn('result_rows', new TableColumn(bool('theoryAbsent', false)));
    await q.addColumns(
      'recommendations',
      [
        int('entryId', true),
        { ...text('reason', 500), default: "''" },
        text('recommendedBy', 100, true),
      ].map((c) => new TableColumn(c)),
    );
    await this.backfillRecommendations(q);
    await this.backfillPolicies(q);
  }

  private sql(q: QueryRunner, text: string): string {
    // PostgreSQL numbers its parameters, SQLite takes them in order.
    return q.connection.options.type === 'postgres' ? text : text.replace(/\$\d+/g, '?');
  }

  private async backfillRecommendations(q: QueryRunner): Promise<void> {
    const rows = (await q.query(
      'SELECT r."id", r."rank", e."id" AS "entryId" FROM "recommendations" r ' +
        'LEFT JOIN "entries" e ON e."eventId" = r."eventId" AND e."contestantId" = r."contestantId"',
    )) as { id: number; rank: number; entryId: number | null }[];
    for (const r of rows) {
      await q.query(
        this.sql(q, 'UPDATE "recommendations" SET "entryId" = $1, "reason" = $2 WHERE "id" = $3'),
        [r.entryId, `按名次推荐（第${Number(r.rank)}名；当时未记录推荐理由）`, r.id],
      );
    }
  }

  private async backfillPolicies(q: QueryRunner): Promise<void> {
    const rows = (await q.query('SELECT "id", "document" FROM "policies"')) as {
      id: string;
      document: string;
    }[];
    for (const row of rows) {
      const doc = JSON.parse(row.document) as Record<string, unknown> & {
        clauses?: { id: string }[];
      };
      if (doc.promotion !== undefined && doc.publication !== undefined) {
        continue;
      }
      const clauses = Array.isArray(doc.clauses) ? doc.clauses : [];
      const have = new Set(clauses.map((c) => c.id));
      const upgraded = {
        ...doc,
        clauses: [...clauses, ...CLAUSES_2015.filter((c) => !have.has(c.id))],
        promotion: doc.promotion ?? PROMOTION_2015,
        publication: doc.publication ?? PUBLICATION_2015,
      };
      await q.query(this.sql(q, 'UPDATE "policies" SET "document" = $1 WHERE "id" = $2'), [
        JSON.stringify(upgraded),
        row.id,
      ]);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    const rows = (await q.query('SELECT "id", "document" FROM "policies"')) as {
      id: string;
      document: string;
    }[];
    const added = new Set(CLAUSES_2015.map((c) => c.id));
    for (const row of rows) {
      const {
        promotion: _p,
        publication: _u,
        ...doc
      } = JSON.parse(row.document) as Record<string, unknown> & { clauses: { id: string }[] };
      doc.clauses = doc.clauses.filter((c) => !added.has(c.id));
      await q.query(this.sql(q, 'UPDATE "policies" SET "document" = $1 WHERE "id" = $2'), [
        JSON.stringify(doc),
        row.id,
      ]);
    }
    for (const c of ['recommendedBy', 'reason', 'entryId']) {
      await q.dropColumn('recommendations', c);
    }
    await q.dropColumn('result_rows', 'theoryAbsent');
    await q.dropColumn('theory_scores', 'absentReason');
    await q.dropColumn('theory_scores', 'absent');
  }
}

/** What data/policies/wuxi-2015.json says about these fields (the 2015 defaults). */
const CLAUSES_2015 = [
  {
    id: 'practice.ladder-2015',
    source: '国家职业资格五个等级（职业资格证书制度）',
    quote: '五级/初级工、四级/中级工、三级/高级工、二级/技师、一级/高级技师',
  },
  {
    id: 'practice.promotion-cap',
    source: 'docs/domain.md（竞赛惯例：特级技师、首席技师由用人单位评聘）',
    quote:
      '通过竞赛晋升职业技能等级最高至高级技师；特级技师、首席技师由用人单位自主评聘，不由竞赛授予',
  },
  {
    id: 'practice.once-a-year',
    source: 'docs/domain.md（部分城市做法，第17条未作规定）',
    quote: '同一人员每年至多晋升一次职业技能等级（可选；本政策不作此限制）',
  },
  {
    id: 'practice.publication',
    source: 'docs/domain.md（竞赛惯例，无原始文件规定）',
    quote:
      '竞赛成绩公示期一般为5至7个工作日；公示不少于5天，且不得从过去的时间开始，更短的公示须裁判长说明理由',
  },
];

const PROMOTION_2015 = {
  ladder: {
    levels: ['junior', 'intermediate', 'senior', 'technician', 'senior_technician'],
    clause: 'practice.ladder-2015',
  },
  cap: { level: 'senior_technician', clause: 'practice.promotion-cap' },
  oncePerYear: { enabled: false, clause: 'practice.once-a-year' },
};

const PUBLICATION_2015 = { minDays: 5, clause: 'practice.publication' };

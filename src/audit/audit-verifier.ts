import { DataSource } from 'typeorm';
import { runSql } from '../database/sql';
import { fromHundredths } from '../domain/numbers';
import { AnchorVerdict, checkAnchor } from './audit-anchor';
import { ChainWalker } from './audit-chain';
import { AuditHeadStore } from './audit-head.store';
import { AuditEntry } from './entities/audit-entry.entity';

/** Rows hashed between two yields to the event loop: a few milliseconds of work. */
const PAGE = 250;
const MISMATCHES_SHOWN = 20;

export interface Mismatch {
  entityType: 'grant' | 'mark';
  entityId: string;
  field: string;
  table: unknown;
  audit: unknown;
}

export interface AuditReport {
  ok: boolean;
  rows: number;
  lastHash?: string;
  firstBrokenSeq?: number;
  reason?: string;
  anchor: AnchorVerdict;
  mismatches: Mismatch[];
  mismatchCount: number;
}

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
const parse = (text: string | null): Record<string, unknown> | null =>
  text === null ? null : (JSON.parse(text) as Record<string, unknown>);

/**
 * Recomputes the chain page by page, yielding between pages so the server keeps answering;
 * checks it against the signed head (truncation, rewriting); and reconciles the money and the
 * marks with it: every grant's state, amount and payee, every mark's value, as the last audit
 * rows for it say.
 */
export async function verifyAuditLog(
  dataSource: DataSource,
  heads: AuditHeadStore,
): Promise<AuditReport> {
  const head = await heads.read();
  const walker = new ChainWalker();
  const grants = new Map<string, Record<string, unknown>>();
  const marks = new Map<string, unknown>();
  let hashAtHead: string | undefined;
  let afterSeq = 0;
  for (let intact = true; intact;) {
    // Raw rows, not entities: hydrating thousands of entities costs more than hashing them.
    const page = (
      await runSql<AuditEntry>(
        dataSource.manager,
        'SELECT * FROM "audit_log" WHERE "seq" > $1 ORDER BY "seq" LIMIT $2',
        [afterSeq, PAGE],
      )
    ).map((row) => ({
      ...row,
      seq: Number(row.seq),
      actorId: row.actorId === null ? null : Number(row.actorId),
    }));
    for (const row of page) {
      if (!walker.push(row)) {
        intact = false;
        break;
      }
      if (row.seq === head?.rows) {
        hashAtHead = row.hash;
      }
      fold(row, grants, marks);
    }
    if (page.length < PAGE) {
      break;
    }
    afterSeq = page[page.length - 1].seq;
    await yieldToLoop();
  }
  const chain = walker.verdict();
  const anchor = checkAnchor(heads.key, head, {
    rows: chain.rows,
    hashAt: (seq) => (seq === head?.rows ? hashAtHead : undefined),
  });
  if (!chain.ok) {
    return { ...chain, anchor, mismatches: [], mismatchCount: 0 };
  }
  const mismatches = await reconcile(dataSource, grants, marks);
  const ok = anchor.ok && mismatches.length === 0;
  const reason = !anchor.ok
    ? anchor.reason
    : mismatches.length > 0
      ? `${mismatches.length} grant or mark values differ from the audit log (first: ${mismatches[0].entityType} ${mismatches[0].entityId} ${mismatches[0].field})`
      : undefined;
  return {
    ok,
    rows: chain.rows,
    lastHash: chain.lastHash,
    ...(reason ? { reason } : {}),
    anchor,
    mismatches: mismatches.slice(0, MISMATCHES_SHOWN),
    mismatchCount: mismatches.length,
  };
}

/** The state the audit log gives each grant (the merged `after`s) and each mark (its value). */
function fold(
  row: AuditEntry,
  grants: Map<string, Record<string, unknown>>,
  marks: Map<string, unknown>,
): void {
  if (row.entityId === null) {
    return;
  }
  const after = parse(row.after);
  if (row.entityType === 'grant' && after) {
    grants.set(row.entityId, { ...(grants.get(row.entityId) ?? {}), ...after });
  } else if (row.entityType === 'mark' && after) {
    marks.set(row.entityId, after.value);
  }
}

async function reconcile(
  dataSource: DataSource,
  grants: Map<string, Record<string, unknown>>,
  marks: Map<string, unknown>,
): Promise<Mismatch[]> {
  const found: Mismatch[] = [];
  for (let afterId = 0; ;) {
    const rows = (await runSql(
      dataSource.manager,
      'SELECT "id", "status", "cash", "contestantId" FROM "grants" WHERE "id" > $1 ORDER BY "id" LIMIT $2',
      [afterId, PAGE],
    )) as { id: number; status: string; cash: number; contestantId: number }[];
    for (const g of rows) {
      const audit = grants.get(String(g.id));
      const table = {
        status: g.status,
        cash: Number(g.cash),
        contestantId: Number(g.contestantId),
      };
      for (const field of ['status', 'cash', 'contestantId'] as const) {
        if (audit?.[field] !== table[field]) {
          found.push({
            entityType: 'grant',
            entityId: String(g.id),
            field,
            table: table[field],
            audit: audit?.[field] ?? null,
          });
        }
      }
    }
    if (rows.length < PAGE) {
      break;
    }
    afterId = Number(rows[rows.length - 1].id);
    await yieldToLoop();
  }
  for (let afterId = ''; ;) {
    const rows = (await runSql(
      dataSource.manager,
      'SELECT "id", "valueHundredths" FROM "marks" WHERE "id" > $1 ORDER BY "id" LIMIT $2',
      [afterId, PAGE],
    )) as { id: string; valueHundredths: number }[];
    for (const m of rows) {
      const value = fromHundredths(Number(m.valueHundredths));
      if (marks.get(m.id) !== value) {
        found.push({
          entityType: 'mark',
          entityId: m.id,
          field: 'value',
          table: value,
          audit: marks.get(m.id) ?? null,
        });
      }
    }
    if (rows.length < PAGE) {
      break;
    }
    afterId = rows[rows.length - 1].id;
    await yieldToLoop();
  }
  return found;
}

import 'reflect-metadata';
import { AuditHeadStore, loadAuditKey } from '../audit/audit-head.store';
import { AuditReport, verifyAuditLog } from '../audit/audit-verifier';
import { AuditService } from '../audit/audit.service';
import { openDatabase } from './cli-data-source';

/**
 * `npm run audit:verify`: recomputes the audit hash chain, checks it against its signed head
 * (rows deleted or rewritten) and reconciles grants and marks with it; exit 1 names the first
 * problem.
 */
export async function verifyAudit(
  audit: Pick<AuditService, 'verify'>,
): Promise<{ verdict: AuditReport; text: string }> {
  const verdict = await audit.verify();
  const text = verdict.ok
    ? `audit chain OK: ${verdict.rows} rows verified, ${verdict.anchor.ok ? verdict.anchor.anchoredRows : 0} under the signed head; grants and marks agree`
    : verdict.firstBrokenSeq !== undefined
      ? `audit chain BROKEN at row seq=${verdict.firstBrokenSeq}: ${verdict.reason} (${verdict.rows} rows read)`
      : `audit chain BROKEN: ${verdict.reason} (${verdict.rows} rows read)`;
  return { verdict, text };
}

async function main(): Promise<void> {
  const { config, dataSource } = await openDatabase();
  const loaded = loadAuditKey(config, false);
  if (!loaded) {
    console.error('audit:verify: no audit key (AUDIT_KEY, or audit.key in the data folder)');
    process.exit(1);
  }
  const heads = new AuditHeadStore(dataSource, loaded.key);
  const { verdict, text } = await verifyAudit({ verify: () => verifyAuditLog(dataSource, heads) });
  await dataSource.destroy();
  const where = config.databaseType === 'sqlite' ? config.DATABASE_PATH : 'PostgreSQL';
  console.log(`${text} [${where}]`);
  process.exit(verdict.ok ? 0 : 1);
}

if (require.main === module) {
  void main();
}

import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { ChainVerdict } from '../audit/audit-chain';
import { openDatabase } from './cli-data-source';

/** `npm run audit:verify`: recomputes the audit hash chain; exit 1 names the first broken row. */
export async function verifyAudit(
  dataSource: DataSource,
): Promise<{ verdict: ChainVerdict; text: string }> {
  const verdict = await new AuditService(dataSource).verify();
  const text = verdict.ok
    ? `audit chain OK: ${verdict.rows} rows verified`
    : `audit chain BROKEN at row seq=${verdict.firstBrokenSeq}: ${verdict.reason} (${verdict.rows} rows read)`;
  return { verdict, text };
}

async function main(): Promise<void> {
  const { config, dataSource } = await openDatabase();
  const { verdict, text } = await verifyAudit(dataSource);
  await dataSource.destroy();
  const where = config.databaseType === 'sqlite' ? config.DATABASE_PATH : 'PostgreSQL';
  console.log(`${text} [${where}]`);
  process.exit(verdict.ok ? 0 : 1);
}

if (require.main === module) {
  void main();
}

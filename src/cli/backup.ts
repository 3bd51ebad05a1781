import { ConfigError, loadConfig } from '../config/app-config';
import { backup } from './backup-lib';

/** `npm run backup`: a timestamped copy under data/backups/ (SQLite online backup or pg_dump). */
async function main(): Promise<void> {
  try {
    const file = await backup(loadConfig());
    console.log(`backup written: ${file}`);
  } catch (error) {
    console.error(error instanceof ConfigError || error instanceof Error ? error.message : error);
    process.exit(1);
  }
}

void main();

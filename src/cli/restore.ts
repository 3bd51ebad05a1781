import { ConfigError, loadConfig } from '../config/app-config';
import { restore } from './backup-lib';

/** `npm run restore FILE`: puts a backup back (stop the server first on SQLite). */
function main(): void {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: npm run restore -- data/backups/competition-YYYYMMDD-HHMMSS.sqlite');
    process.exit(2);
  }
  try {
    restore(loadConfig(), file);
    console.log(`restored from ${file}`);
  } catch (error) {
    console.error(error instanceof ConfigError || error instanceof Error ? error.message : error);
    process.exit(1);
  }
}

main();

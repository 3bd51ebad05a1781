import { DataSource } from 'typeorm';
import { AppConfig, ConfigError, loadConfig } from '../config/app-config';
import { dataSourceOptions } from '../data-source';

/** Opens the configured database for a command-line tool, with migrations applied. */
export async function openDatabase(env: NodeJS.ProcessEnv = process.env): Promise<{
  config: AppConfig;
  dataSource: DataSource;
}> {
  let config: AppConfig;
  try {
    config = loadConfig(env);
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  }
  const dataSource = new DataSource(dataSourceOptions(config));
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  return { config, dataSource };
}

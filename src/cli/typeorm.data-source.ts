import { DataSource } from 'typeorm';
import { loadConfig } from '../config/app-config';
import { dataSourceOptions } from '../data-source';

/** The TypeORM CLI's entry: `typeorm -d dist/cli/typeorm.data-source.js migration:run`. */
export default new DataSource(dataSourceOptions(loadConfig()));

import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from './src/config/app-config';
import { buildDataSourceOptions } from './src/database/data-source-options';

// The DataSource the TypeORM CLI uses (`npm run migration:*`). The server itself runs
// migrations at start-up, including on the embedded database; the CLI needs a real one.
const config = loadConfig();
if (!config.databaseUrl) {
  throw new Error(
    'Set DATABASE_URL to run the migration CLI (e.g. postgres://postgres@127.0.0.1:5432/keyward)',
  );
}

export default new DataSource(
  buildDataSourceOptions({ ...config.db, url: config.databaseUrl, migrationsRun: false }),
);

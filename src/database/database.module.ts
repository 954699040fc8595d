import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { buildDataSourceOptions } from './data-source-options';
import { runMigrationsUnderLock } from './migration-lock';

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        if (!config.databaseUrl) {
          throw new Error('databaseUrl is unset: main.ts starts the embedded database first');
        }
        return {
          ...buildDataSourceOptions({ ...config.db, url: config.databaseUrl }),
          // Fail start-up fast instead of TypeORM's default 9 retries, 3 s apart. The embedded
          // database gets more patience: on a first start it creates its files and runs every
          // migration in WASM, and on a loaded machine its socket has dropped a connection then.
          retryAttempts: config.embeddedDatabase ? 5 : 2,
          retryDelay: config.embeddedDatabase ? 2000 : 1000,
        };
      },
      // TypeORM's own migrationsRun takes no lock (instances starting together on a fresh
      // database raced each other): the migrations run here instead, under an advisory lock.
      dataSourceFactory: async (options?: DataSourceOptions) => {
        if (!options) throw new Error('database options missing');
        const dataSource = new DataSource({ ...options, migrationsRun: false });
        await dataSource.initialize();
        if (options.migrationsRun) {
          try {
            await runMigrationsUnderLock(dataSource);
          } catch (err) {
            // TypeORM's start-up retry builds a new DataSource: do not leave this one's pool open.
            await dataSource.destroy();
            throw err;
          }
        }
        return dataSource;
      },
    }),
  ],
})
export class DatabaseModule {}

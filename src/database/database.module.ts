import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { buildDataSourceOptions } from './data-source-options';

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
          // Fail start-up fast instead of TypeORM's default 9 retries, 3 s apart.
          retryAttempts: 2,
          retryDelay: 1000,
        };
      },
    }),
  ],
})
export class DatabaseModule {}

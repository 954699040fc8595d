import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { tmpdir } from 'node:os';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Server } from 'node:http';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app.factory';
import { loadConfig, type AppConfig } from '../../src/config/app-config';
import { useOneConnection } from '../../src/database/embedded-postgres';

/** Secrets shared by every app of this test file, so apps can read each other's tokens/keys. */
export const TEST_SECRETS = {
  JWT_SECRET: randomBytes(32).toString('base64url'),
  KEY_PEPPER: randomBytes(32).toString('base64url'),
};

export interface TestApp {
  app: NestFastifyApplication;
  http: Server;
  config: AppConfig;
  /** Every JSON log line the app wrote. */
  logs: string[];
  dataSource: DataSource;
  close(): Promise<void>;
}

/**
 * A fully configured Keyward app on the run's test database (see global-setup.ts), without a
 * listening port: supertest drives `http`. `env` overrides configuration variables.
 */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const databaseUrl = process.env.KEYWARD_TEST_DATABASE_URL;
  if (!databaseUrl)
    throw new Error('KEYWARD_TEST_DATABASE_URL unset: run through jest (global setup)');
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    DATA_DIR: tmpdir(),
    DB_MIGRATIONS_RUN: 'false',
    // PGlite is one session (see useOneConnection): one connection on it, whichever PGlite.
    DB_POOL_SIZE: process.env.DATABASE_URL ? '5' : '1',
    LOG_LEVEL: 'info',
    // High defaults so the suite's many sign-ins from 127.0.0.1 are not throttled; the
    // throttling tests set their own limits.
    AUTH_RATE_LIMIT_PER_IP: '100000',
    AUTH_RATE_LIMIT_PER_EMAIL: '100000',
    // Suites share the run's database but not KEY_PEPPER, so one suite's worker could not sign
    // another's deliveries: only the webhook suites, which ask for it, run the delivery worker.
    WEBHOOK_WORKER_ENABLED: 'false',
    ...TEST_SECRETS,
    ...(process.env.REDIS_KEY_PREFIX ? { REDIS_KEY_PREFIX: process.env.REDIS_KEY_PREFIX } : {}),
    ...env,
  });
  // The run's embedded database is used as main.ts uses its own. A test that names a database
  // of its own (a fault proxy in front of one) keeps a server's settings for the rest.
  const runDatabaseEmbedded = !process.env.DATABASE_URL && env.DATABASE_URL === undefined;
  if (runDatabaseEmbedded && env.DB_POOL_SIZE === undefined) useOneConnection(config);
  const logs: string[] = [];
  const logStream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      logs.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      callback();
    },
  });
  const app = await createApp(config, { logStream });
  return {
    app,
    http: app.getHttpServer(),
    config,
    logs,
    dataSource: app.get(DataSource),
    close: () => app.close(),
  };
}

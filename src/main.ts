import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createKeywardApp } from './app.factory';
import { flushLogs } from './common/logging';
import { ConfigError, loadConfig } from './config/app-config';
import { DataDirLockedError, lockDataDir } from './database/data-dir-lock';
import {
  startEmbeddedPostgres,
  useOneConnection,
  type EmbeddedPostgres,
} from './database/embedded-postgres';
import { ShutdownState } from './health/shutdown.state';
import { startupBanner } from './startup/startup-banner';

async function bootstrap(): Promise<void> {
  const logger = new Logger('Bootstrap');
  const config = loadConfig();
  let embedded: EmbeddedPostgres | undefined;
  if (!config.databaseUrl) {
    // Before PGlite opens anything: a second process on the same files must not get that far.
    // Released on exit (process 'exit' listener).
    lockDataDir(config.dataDir);
    // One pooled connection (see useOneConnection); the second is the migration lock's.
    useOneConnection(config);
    embedded = await startEmbeddedPostgres({
      dataDir: config.dataDir,
      port: config.embeddedDbPort,
      maxConnections: 2,
    });
    config.databaseUrl = embedded.url;
    config.embeddedDatabase = true;
  }

  const { app, logger: pinoLogger } = await createKeywardApp(config);
  await app.listen({ port: config.port, host: config.host });
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  logger.log(startupBanner(config, { port }));

  let stopping = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: draining`);
    app.get(ShutdownState).beginDraining();
    const timeout = setTimeout(() => {
      logger.error('Shutdown timed out; exiting');
      void flushLogs(pinoLogger).finally(() => process.exit(1));
    }, config.shutdownTimeoutMs);
    timeout.unref();
    try {
      // Readiness answers 503 from now on. With SHUTDOWN_DRAIN_MS the listener stays open that
      // long and requests are still served, so a load balancer sees the 503 and stops routing
      // here before connections are refused.
      if (config.shutdownDrainMs > 0) {
        await new Promise((resolve) => setTimeout(resolve, config.shutdownDrainMs));
      }
      // Stop accepting and let in-flight requests finish first, then run the shutdown hooks
      // (last_used_at flush, Redis and database pools) while nothing can record a use.
      // Node closes the keep-alive connections that are idle when the server closes; one busy
      // then (a request in flight) would stay open after its answer until the keep-alive timeout
      // (72 s) and hold the close up: close such connections as soon as they go idle.
      const server = app.getHttpServer();
      const sweep = setInterval(() => server.closeIdleConnections(), 100);
      try {
        await app.getHttpAdapter().close();
      } finally {
        clearInterval(sweep);
      }
      await app.close();
      await embedded?.stop();
      await flushLogs(pinoLogger);
      process.exit(0);
    } catch (err) {
      logger.error(`Shutdown failed: ${(err as Error).message}`);
      await flushLogs(pinoLogger);
      process.exit(1);
    }
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

bootstrap().catch((err: unknown) => {
  const message =
    err instanceof ConfigError || err instanceof DataDirLockedError
      ? err.message
      : `Start-up failed: ${(err as Error).message}`;
  console.error(message);
  process.exit(1);
});

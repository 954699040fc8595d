import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

/**
 * The shared Redis connection, or none when REDIS_URL is unset. It fails fast: no offline
 * queue and a short command timeout, so a Redis outage costs a request milliseconds (and a
 * fallback to in-process state), never a stall.
 */
@Injectable()
export class RedisService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Redis');
  readonly client: Redis | null;
  private readonly connections: Redis[] = [];
  private degraded = false;
  private corked: { uncork(): void } | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.client = config.redis ? this.connect('keyward') : null;
  }

  /** Wait briefly for the first connection, so the first requests already share limits. */
  async onModuleInit(): Promise<void> {
    const client = this.client;
    if (!client || client.status === 'ready') return;
    await new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        client.off('ready', done);
        resolve();
      };
      const timer = setTimeout(done, 3000);
      client.once('ready', done);
    });
  }

  /**
   * A connection for pub/sub. It queues commands while disconnected (no request waits on it),
   * so SUBSCRIBE issued before the first connect, or re-issued after a reconnect, is not lost.
   */
  subscriber(name: string): Redis | null {
    return this.config.redis ? this.connect(name, true) : null;
  }

  get isConfigured(): boolean {
    return this.client !== null;
  }

  get isReady(): boolean {
    return this.client?.status === 'ready';
  }

  /**
   * Holds the shared connection's writes until the end of this event-loop turn, so the commands
   * of all the requests read in one turn leave in one write(2) instead of one each.
   */
  batchWrites(): void {
    if (this.corked) return;
    const stream = this.client?.stream;
    if (!stream) return;
    stream.cork();
    this.corked = stream;
    setImmediate(() => {
      this.corked = null;
      stream.uncork();
    });
  }

  /** Logged once per outage, not once per request. */
  reportFailure(err: unknown): void {
    if (this.degraded) return;
    this.degraded = true;
    this.logger.warn(
      `Redis unavailable (${(err as Error)?.message ?? String(err)}): using in-process rate limits until it returns`,
    );
  }

  private connect(name: string, queueWhileOffline = false): Redis {
    const redis = new Redis(this.config.redis!.url, {
      connectionName: name,
      enableOfflineQueue: queueWhileOffline,
      commandTimeout: this.config.redis!.commandTimeoutMs,
      maxRetriesPerRequest: 0,
      connectTimeout: 2000,
      retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
    });
    redis.on('error', (err) => this.reportFailure(err));
    redis.on('ready', () => {
      if (this.degraded) this.logger.log('Redis is back: shared rate limits resumed');
      this.degraded = false;
    });
    this.connections.push(redis);
    return redis;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.connections.map((c) => c.quit().catch(() => c.disconnect())));
  }
}

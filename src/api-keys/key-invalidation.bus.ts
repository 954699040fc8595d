import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Client } from 'pg';
import type { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { RedisService } from '../redis/redis.service';
import { KeyCache } from './key-cache';

export type InvalidationEvent = { kind: 'key'; id: string } | { kind: 'user'; id: string };

const CHANNEL = 'keyward_key_invalidation';

/**
 * Tells every instance that a key (or all keys of a user) changed, so each evicts it from its
 * cache. The local eviction happens before `publish` returns: the instance that made the change
 * refuses a revoked key at once. Transport: Redis pub/sub when configured, else PostgreSQL
 * LISTEN/NOTIFY; the embedded database serves one instance only (and its socket does not
 * deliver NOTIFY across connections), so there the local eviction is all there is.
 */
@Injectable()
export class KeyInvalidationBus implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(KeyInvalidationBus.name);
  private subscriber: Redis | null = null;
  private listener: Client | null = null;

  constructor(
    private readonly cache: KeyCache,
    private readonly redis: RedisService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    if (this.redis.isConfigured) {
      this.subscriber = this.redis.subscriber('keyward-invalidation');
      let wasDown = false;
      this.subscriber?.on('message', (_channel: string, message: string) => this.receive(message));
      this.subscriber?.on('close', () => (wasDown = true));
      this.subscriber?.on('ready', () => {
        // Messages sent while we were disconnected are lost: drop everything we cached.
        if (wasDown) this.cache.clear();
        wasDown = false;
      });
      const subscribed = this.subscriber?.subscribe(CHANNEL).catch((err: Error) => {
        this.logger.warn(`Cannot subscribe to key invalidations: ${err.message}`);
      });
      // Queued until Redis answers; start-up waits a little for it, not forever.
      await Promise.race([subscribed, new Promise((resolve) => setTimeout(resolve, 3000).unref())]);
    } else if (!this.config.embeddedDatabase && this.config.databaseUrl) {
      await this.listen(this.config.databaseUrl);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.listener?.end().catch(() => undefined);
  }

  async publish(event: InvalidationEvent): Promise<void> {
    this.apply(event);
    const message = JSON.stringify(event);
    try {
      if (this.redis.client) {
        await this.redis.client.publish(CHANNEL, message);
      } else if (this.listener) {
        await this.listener.query('SELECT pg_notify($1, $2)', [CHANNEL, message]);
      }
    } catch (err) {
      // Other instances fall back on the cache TTL for this change.
      this.logger.warn(`Could not broadcast a key invalidation: ${(err as Error).message}`);
    }
  }

  private async listen(url: string): Promise<void> {
    const client = new Client({ connectionString: url, application_name: 'keyward-listen' });
    client.on('notification', (msg) => msg.payload && this.receive(msg.payload));
    client.on('error', (err) => {
      this.logger.warn(`Invalidation listener lost: ${err.message}`);
      this.cache.clear();
      this.listener = null;
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
      this.listener = client;
    } catch (err) {
      this.logger.warn(`Cannot LISTEN for key invalidations: ${(err as Error).message}`);
      await client.end().catch(() => undefined);
    }
  }

  private receive(message: string): void {
    try {
      const event = JSON.parse(message) as InvalidationEvent;
      if ((event.kind === 'key' || event.kind === 'user') && typeof event.id === 'string') {
        this.apply(event);
      }
    } catch {
      this.logger.warn('Ignored a malformed key invalidation message');
    }
  }

  private apply(event: InvalidationEvent): void {
    if (event.kind === 'key') this.cache.evictKey(event.id);
    else this.cache.evictUser(event.id);
  }
}

import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import type { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { RedisService } from '../redis/redis.service';
import { KeyCache } from './key-cache';

/** What happened to a key, as the key change stream tells verifying services. */
export type KeyChange = 'revoked' | 'deleted' | 'updated' | 'rotated';
export const KEY_CHANGES: readonly KeyChange[] = ['revoked', 'deleted', 'updated', 'rotated'];

/**
 * A key changed; a user changed (its keys with it); a key was created (no id, no secret); a
 * key's secret was replaced (a change, and a new digest no instance may refuse as unknown).
 * `change` (and a user event's `keyChanges`) also puts the change on the key change stream; a
 * rotation is always on it.
 */
export type InvalidationEvent =
  | { kind: 'key'; id: string; change?: KeyChange }
  | { kind: 'user'; id: string; keyChanges?: { keyIds: string[]; change: KeyChange } }
  | { kind: 'created' }
  | { kind: 'rotated'; id: string };

/** One recorded key change: `seq` is its id in `key_changes`, the same on every instance. */
export interface KeyChangeRecord {
  seq: string;
  key_id: string;
  change: KeyChange;
  at: string;
}

/** Told of recorded key changes, and of `null` when some may have been missed (transport lost). */
export type KeyChangeListener = (records: readonly KeyChangeRecord[] | null) => void;

type BusMessage = InvalidationEvent & { records?: KeyChangeRecord[] };

/** Told of every user event, and of `null` when every cached user must go (events were lost). */
export type UserInvalidationListener = (userId: string | null) => void;

/** PostgreSQL's channel (one database is one deployment); Redis's is prefixed (see below). */
const CHANNEL = 'keyward_key_invalidation';

/**
 * Tells every instance that a key (or all keys of a user) changed, so each evicts it from its
 * cache, and that a key was created, so none keeps refusing its digest as unknown. The local eviction happens before `publish` returns: the instance that made the change
 * refuses a revoked key at once. Transport: Redis pub/sub when configured, else PostgreSQL
 * LISTEN/NOTIFY; the embedded database serves one instance only (and its socket does not
 * deliver NOTIFY across connections), so there the local eviction is all there is.
 */
@Injectable()
export class KeyInvalidationBus implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(KeyInvalidationBus.name);
  private subscriber: Redis | null = null;
  private listener: Client | null = null;
  private relisten?: NodeJS.Timeout;
  private stopped = false;
  private readonly userListeners: UserInvalidationListener[] = [];
  private readonly changeListeners: KeyChangeListener[] = [];

  /**
   * Deployments (or test runs) that share a Redis tell them apart by REDIS_KEY_PREFIX; without it
   * in the channel's name, each heard the others' changes: evictions and forgotten unknown keys
   * for nothing, and other deployments' key ids on its change stream.
   */
  private readonly redisChannel: string;

  constructor(
    private readonly cache: KeyCache,
    private readonly redis: RedisService,
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.redisChannel = `${config.redis?.keyPrefix ?? ''}key-invalidation`;
  }

  /** For caches of user records outside this module (UsersService's). */
  onUserInvalidation(listener: UserInvalidationListener): void {
    this.userListeners.push(listener);
  }

  /** For the key change stream (KeyEventsService). */
  onKeyChanges(listener: KeyChangeListener): void {
    this.changeListeners.push(listener);
  }

  async onModuleInit(): Promise<void> {
    if (this.redis.isConfigured) {
      this.subscriber = this.redis.subscriber('keyward-invalidation');
      let wasDown = false;
      this.subscriber?.on('message', (_channel: string, message: string) => this.receive(message));
      this.subscriber?.on('close', () => (wasDown = true));
      this.subscriber?.on('ready', () => {
        // Messages sent while we were disconnected are lost: drop everything we cached.
        if (wasDown) this.clearAll();
        wasDown = false;
      });
      const subscribed = this.subscriber?.subscribe(this.redisChannel).catch((err: Error) => {
        this.logger.warn(`Cannot subscribe to key invalidations: ${err.message}`);
      });
      // Queued until Redis answers; start-up waits a little for it, not forever.
      await Promise.race([subscribed, new Promise((resolve) => setTimeout(resolve, 3000).unref())]);
    } else if (!this.config.embeddedDatabase && this.config.databaseUrl) {
      await this.listen(this.config.databaseUrl);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.relisten);
    await this.listener?.end().catch(() => undefined);
  }

  async publish(event: InvalidationEvent): Promise<void> {
    this.apply(event);
    const records = await this.record(event);
    if (records.length > 0) this.tellChanges(records);
    const message = JSON.stringify(records.length > 0 ? { ...event, records } : event);
    try {
      if (this.redis.client) {
        await this.redis.client.publish(this.redisChannel, message);
      } else if (this.listener) {
        await this.listener.query('SELECT pg_notify($1, $2)', [CHANNEL, message]);
      }
    } catch (err) {
      // Other instances fall back on the cache TTL for this change.
      this.logger.warn(`Could not broadcast a key invalidation: ${(err as Error).message}`);
    }
  }

  /**
   * Writes the event's key changes to `key_changes`, whose ids every instance then sends for
   * them. Written after the change itself: if this fails, the caches are still told (the
   * stream misses the change, and verifiers fall back on their cache TTL for it).
   */
  private async record(event: InvalidationEvent): Promise<KeyChangeRecord[]> {
    const [keyIds, change] =
      event.kind === 'rotated'
        ? [[event.id], 'rotated' as const]
        : event.kind === 'key' && event.change
          ? [[event.id], event.change]
          : event.kind === 'user' && event.keyChanges && event.keyChanges.keyIds.length > 0
            ? [event.keyChanges.keyIds, event.keyChanges.change]
            : [[], undefined];
    if (change === undefined) return [];
    try {
      const rows = await this.dataSource.query<{ seq: string; key_id: string; at: Date }[]>(
        `INSERT INTO key_changes (key_id, change) SELECT unnest($1::uuid[]), $2
         RETURNING id::text AS seq, key_id, at`,
        [keyIds, change],
      );
      return rows.map((row) => ({
        seq: row.seq,
        key_id: row.key_id,
        change,
        at: row.at.toISOString(),
      }));
    } catch (err) {
      this.logger.warn(`Could not record a key change: ${(err as Error).message}`);
      return [];
    }
  }

  private tellChanges(records: readonly KeyChangeRecord[] | null): void {
    for (const listener of this.changeListeners) listener(records);
  }

  /**
   * LISTENs on a dedicated connection. When it is lost (PostgreSQL restarted, network cut) it
   * retries every second until it is back, then drops the whole cache: notifications sent in
   * between are lost, as with Redis. Until then cached records live at most the cache TTL, so
   * keys verified just before a PostgreSQL outage keep working through it, for that long only.
   */
  private async listen(url: string, afterLoss = false): Promise<void> {
    const client = new Client({
      connectionString: url,
      application_name: 'keyward-listen',
      connectionTimeoutMillis: 3000,
      query_timeout: this.config.db.queryTimeoutMs,
    });
    client.on('notification', (msg) => msg.payload && this.receive(msg.payload));
    client.on('error', (err) => {
      if (this.listener !== client) return;
      this.logger.warn(`Invalidation listener lost: ${err.message}`);
      this.listener = null;
      void client.end().catch(() => undefined);
      this.scheduleRelisten(url);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
      if (this.stopped) {
        await client.end().catch(() => undefined);
        return;
      }
      this.listener = client;
      if (afterLoss) {
        this.clearAll();
        this.logger.log('Invalidation listener back; key cache cleared');
      }
    } catch (err) {
      if (!afterLoss) {
        this.logger.warn(`Cannot LISTEN for key invalidations: ${(err as Error).message}`);
      }
      await client.end().catch(() => undefined);
      this.scheduleRelisten(url);
    }
  }

  private scheduleRelisten(url: string): void {
    if (this.stopped) return;
    clearTimeout(this.relisten);
    this.relisten = setTimeout(() => void this.listen(url, true), 1000);
    this.relisten.unref();
  }

  private receive(message: string): void {
    try {
      const event = JSON.parse(message) as BusMessage;
      if (event.kind === 'created') this.apply({ kind: 'created' });
      else if (
        (event.kind === 'key' || event.kind === 'user' || event.kind === 'rotated') &&
        typeof event.id === 'string'
      ) {
        this.apply(event);
      }
      if (Array.isArray(event.records) && event.records.length > 0) this.tellChanges(event.records);
    } catch {
      this.logger.warn('Ignored a malformed key invalidation message');
    }
  }

  private apply(event: InvalidationEvent): void {
    if (event.kind === 'created') {
      this.cache.forgetUnknown();
    } else if (event.kind === 'key') {
      this.cache.evictKey(event.id);
    } else if (event.kind === 'rotated') {
      this.cache.evictKey(event.id);
      this.cache.forgetUnknown();
    } else {
      this.cache.evictUser(event.id);
      for (const listener of this.userListeners) listener(event.id);
    }
  }

  private clearAll(): void {
    this.cache.clear();
    for (const listener of this.userListeners) listener(null);
    this.tellChanges(null);
  }
}

import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnModuleInit,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { KeyChangeOrder } from './key-change-order';
import { KeyInvalidationBus, type KeyChangeRecord } from './key-invalidation.bus';
import { RESET_FRAME, SseSink } from './sse-sink';

interface Subscriber {
  sink: SseSink;
  /** Live changes that arrived while the backlog was read; sent after it. */
  held: KeyChangeRecord[] | null;
  /**
   * Ids the backlog sent, skipped when the same changes come live (they can: a change waits in
   * KeyChangeOrder, or in transit from another instance, after it is in the table), for
   * REPLAYED_MEMORY_MS.
   */
  replayed: Set<string> | null;
  close(): void;
}

/** Longer than a change can wait in order or in transit before it comes live. */
const REPLAYED_MEMORY_MS = 5000;

const frameOf = (record: KeyChangeRecord): string =>
  `id: ${record.seq}\nevent: key.changed\ndata: ${JSON.stringify({
    key_id: record.key_id,
    change: record.change,
    at: record.at,
  })}\n\n`;

/**
 * The key change stream (`GET /api-keys/events`): every recorded key change, from every
 * instance (through KeyInvalidationBus), to every subscriber, with the id `key_changes` gave it.
 * `Last-Event-ID` replays what followed from that table while it holds it; otherwise, and
 * whenever changes may have been missed (the bus lost its transport, a subscriber fell too far
 * behind), the subscriber gets `event: reset`. Old changes are pruned here too.
 */
@Injectable()
export class KeyEventsService implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger('KeyEvents');
  private readonly subscribers = new Set<Subscriber>();
  /** Changes already sent, by id: an instance hears its own changes twice (locally and back). */
  private readonly sent = new Set<string>();
  /** Every subscriber gets changes in id order, so that a resume after an id misses nothing. */
  private readonly order = new KeyChangeOrder<KeyChangeRecord>((record) => this.fanOut(record));
  private pingTimer?: NodeJS.Timeout;
  private pruneTimer?: NodeJS.Timeout;

  constructor(
    bus: KeyInvalidationBus,
    private readonly dataSource: DataSource,
    private readonly adapterHost: HttpAdapterHost,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    bus.onKeyChanges((records) => (records ? this.broadcast(records) : this.resetAll()));
  }

  onModuleInit(): void {
    this.pingTimer = setInterval(() => {
      for (const subscriber of this.subscribers) subscriber.sink.ping();
    }, this.config.keyEvents.pingMs);
    this.pingTimer.unref();
    this.pruneTimer = setInterval(() => void this.prune(), 60_000);
    this.pruneTimer.unref();
    // Streams never end by themselves: they must end before the server waits for its
    // connections to close (main.ts closes the HTTP server before the shutdown hooks run).
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    fastify?.addHook('preClose', (done) => {
      this.closeAll();
      done();
    });
  }

  beforeApplicationShutdown(): void {
    clearInterval(this.pingTimer);
    clearInterval(this.pruneTimer);
    this.order.reset();
    this.closeAll();
  }

  async subscribe(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const lastEventId = request.headers['last-event-id'];
    const raw = reply.raw;
    reply.hijack();
    raw.writeHead(200, {
      ...(reply.getHeaders() as Record<string, string>),
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    const subscriber: Subscriber = {
      sink: new SseSink(raw, this.config.keyEvents.buffer),
      held: [],
      replayed: null,
      close: () => raw.end(),
    };
    this.subscribers.add(subscriber);
    raw.on('close', () => this.subscribers.delete(subscriber));
    subscriber.sink.send(': connected\n\n');
    const replayed = new Set<string>();
    try {
      const backlog =
        typeof lastEventId === 'string' ? await this.changesAfter(lastEventId) : undefined;
      if (backlog === null) subscriber.sink.send(RESET_FRAME);
      for (const record of backlog ?? []) {
        subscriber.sink.send(frameOf(record));
        replayed.add(record.seq);
      }
    } catch (err) {
      this.logger.warn(`Could not read key changes for a resume: ${(err as Error).message}`);
      subscriber.sink.send(RESET_FRAME);
    }
    const held = subscriber.held ?? [];
    subscriber.held = null;
    if (replayed.size > 0) {
      subscriber.replayed = replayed;
      setTimeout(() => (subscriber.replayed = null), REPLAYED_MEMORY_MS).unref();
    }
    // A held change the backlog did not have (not yet in the table when it was read) still goes.
    for (const record of held) this.sendLive(subscriber, record, frameOf(record));
  }

  /**
   * The changes after `lastEventId`, or null when they cannot all be told: the id is not one of
   * ours, or changes after it were already pruned, or too many followed to replay.
   */
  private async changesAfter(lastEventId: string): Promise<KeyChangeRecord[] | null> {
    if (!/^\d{1,18}$/.test(lastEventId)) return null;
    const [held] = await this.dataSource.query<{ oldest: string | null; newest: string }[]>(
      `SELECT (SELECT min(id) FROM key_changes)::text AS oldest,
              (SELECT last_value FROM key_changes_id_seq)::text AS newest`,
    );
    const last = BigInt(lastEventId);
    if (last > BigInt(held.newest)) return null;
    if (held.oldest === null ? last < BigInt(held.newest) : last < BigInt(held.oldest) - 1n) {
      return null;
    }
    const rows = await this.dataSource.query<
      { seq: string; key_id: string; change: KeyChangeRecord['change']; at: Date }[]
    >(
      `SELECT id::text AS seq, key_id, change, at FROM key_changes WHERE id > $1
       ORDER BY id LIMIT $2`,
      [lastEventId, this.config.keyEvents.buffer + 1],
    );
    if (rows.length > this.config.keyEvents.buffer) return null;
    return rows.map((row) => ({ ...row, at: row.at.toISOString() }));
  }

  private broadcast(records: readonly KeyChangeRecord[]): void {
    for (const record of records) {
      if (this.sent.has(record.seq)) continue;
      this.sent.add(record.seq);
      // Only the recent ids matter: the local copy and the transport's arrive close together.
      if (this.sent.size > 10_000) this.sent.delete(this.sent.values().next().value as string);
      this.order.push(record);
    }
  }

  private fanOut(record: KeyChangeRecord): void {
    const frame = frameOf(record);
    for (const subscriber of this.subscribers) {
      if (subscriber.held) subscriber.held.push(record);
      else this.sendLive(subscriber, record, frame);
    }
  }

  private sendLive(subscriber: Subscriber, record: KeyChangeRecord, frame: string): void {
    if (!subscriber.replayed?.has(record.seq)) subscriber.sink.send(frame);
  }

  private resetAll(): void {
    this.order.reset();
    for (const subscriber of this.subscribers) subscriber.sink.send(RESET_FRAME);
  }

  private closeAll(): void {
    for (const subscriber of this.subscribers) subscriber.close();
    this.subscribers.clear();
  }

  private async prune(): Promise<void> {
    try {
      await this.dataSource.query(
        `DELETE FROM key_changes WHERE at < now() - $1 * interval '1 millisecond'`,
        [this.config.keyEvents.retentionMs],
      );
    } catch (err) {
      this.logger.warn(`Could not prune key changes: ${(err as Error).message}`);
    }
  }
}

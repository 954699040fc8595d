import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { parseRfc3339 } from '../api-keys/dto/validators';
import type { Principal } from '../auth/principal';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { ErrorCode } from '../common/error-codes';
import { ForbiddenError } from '../common/errors';
import { AuditEventEntity } from './audit-event.entity';
import { auditHash } from './audit-hash';
import { AuditCursorCodec } from './audit-listing';
import type {
  AuditAction,
  AuditActor,
  AuditActorType,
  AuditChanges,
  AuditEvent,
  AuditEventRecord,
  AuditInput,
  AuditSubscriber,
  AuditTargetType,
} from './audit.types';
import {
  DEFAULT_AUDIT_LIMIT,
  ListAuditEventsQueryDto,
  ListAuditEventsResponseDto,
  VerifyAuditChainResponseDto,
} from './dto/audit.dto';

/** Rows read per round trip while verifying: the walk never holds the whole table. */
const VERIFY_BATCH = 1000;

/** Who did it, as the audit log names it. */
export function actorOf(principal: Principal): AuditActor {
  return principal.kind === 'api_key'
    ? { type: 'api_key', id: principal.apiKeyId }
    : { type: 'user', id: principal.userId };
}

/** Drops the fields whose value did not change; `{}` when nothing did. */
export function changedFields(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): AuditChanges {
  const changes: AuditChanges = {};
  for (const [field, to] of Object.entries(after)) {
    if (to === undefined) continue;
    const from = before[field];
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[field] = { from, to };
  }
  return changes;
}

interface StoredRow {
  id: string;
  seq: string;
  at: Date;
  action: string;
  actor_type: string;
  actor_id: string | null;
  target_type: string | null;
  target_id: string | null;
  ip: string | null;
  user_agent: string | null;
  request_id: string | null;
  changes: AuditChanges | null;
  owner_user_id: string | null;
  prev_hash: string;
  hash: string;
}

interface ChainHead {
  last_seq: string;
  last_hash: string;
  anchor_seq: string;
  anchor_prev_hash: string;
}

/** A stored row as the hash saw it when it was written (absent fields left out). */
function recordOf(row: StoredRow): AuditEventRecord {
  const record: AuditEventRecord = {
    id: row.id,
    seq: Number(row.seq),
    at: row.at.toISOString(),
    action: row.action as AuditAction,
    actor: { type: row.actor_type as AuditActorType },
    hash: row.hash,
    prev_hash: row.prev_hash,
  };
  if (row.actor_id !== null) record.actor.id = row.actor_id;
  if (row.target_type !== null && row.target_id !== null) {
    record.target = { type: row.target_type as AuditTargetType, id: row.target_id };
  }
  if (row.ip !== null) record.ip = row.ip;
  if (row.user_agent !== null) record.user_agent = row.user_agent;
  if (row.request_id !== null) record.request_id = row.request_id;
  if (row.changes !== null) record.changes = row.changes;
  if (row.owner_user_id !== null) record.owner_user_id = row.owner_user_id;
  return record;
}

/**
 * The answer: the stored record whole, so that whoever is given an event can recompute its hash
 * (the hash covers `owner_user_id` too, which the answer once left out).
 */
function toAuditEventDto(entity: AuditEventEntity): AuditEvent {
  return recordOf({
    id: entity.id,
    seq: String(entity.seq),
    at: entity.at,
    action: entity.action,
    actor_type: entity.actorType,
    actor_id: entity.actorId,
    target_type: entity.targetType,
    target_id: entity.targetId,
    ip: entity.ip,
    user_agent: entity.userAgent,
    request_id: entity.requestId,
    changes: entity.changes,
    owner_user_id: entity.ownerUserId,
    prev_hash: entity.prevHash,
    hash: entity.hash,
  });
}

@Injectable()
export class AuditService {
  private readonly subscribers: AuditSubscriber[] = [];
  private readonly cursors: AuditCursorCodec;

  constructor(
    @InjectRepository(AuditEventEntity) private readonly events: Repository<AuditEventEntity>,
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.cursors = new AuditCursorCodec(config.keyPepper);
  }

  /** Called with every event, inside its transaction, after its row is written. */
  subscribe(subscriber: AuditSubscriber): void {
    this.subscribers.push(subscriber);
  }

  /**
   * Writes one event inside the caller's transaction: it commits with the change or not at all.
   * Locking the chain head orders every writer, on every instance, so each event's `prev_hash`
   * is the hash of the one committed before it (the chain never forks). The lock is held to the
   * end of the caller's transaction: call this as the transaction's last write, after the rows
   * it locks, so every transaction takes the head last and none can wait on another in a cycle.
   */
  async record(manager: EntityManager, input: AuditInput): Promise<AuditEventRecord> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('AuditService.record needs the transaction of the change it records');
    }
    const [head] = await manager.query<ChainHead[]>(
      'SELECT last_seq, last_hash FROM audit_chain_head WHERE id = 1 FOR UPDATE',
    );
    const { context } = input;
    // Through JSON once, as jsonb will hold it (dates as text, undefined dropped).
    const changes =
      input.changes && Object.keys(input.changes).length > 0
        ? (JSON.parse(JSON.stringify(input.changes)) as AuditChanges)
        : undefined;
    const unhashed: Omit<AuditEventRecord, 'hash'> = {
      id: randomUUID(),
      seq: Number(head.last_seq) + 1,
      // Taken under the lock, so `at` follows `seq` on any one clock.
      at: new Date().toISOString(),
      action: input.action,
      actor: input.actor.id
        ? { type: input.actor.type, id: input.actor.id }
        : { type: input.actor.type },
      target: input.target ? { type: input.target.type, id: input.target.id } : undefined,
      ip: context?.ip || undefined,
      user_agent: context?.userAgent?.slice(0, 512) || undefined,
      request_id: context?.requestId || undefined,
      changes,
      owner_user_id: input.ownerUserId,
      prev_hash: head.last_hash,
    };
    const event = Object.fromEntries(
      Object.entries({ ...unhashed, hash: auditHash(unhashed) }).filter(([, v]) => v !== undefined),
    ) as unknown as AuditEventRecord;
    await manager.query(
      `INSERT INTO audit_events (id, seq, at, action, actor_type, actor_id, target_type,
         target_id, ip, user_agent, request_id, changes, owner_user_id, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb, $13, $14, $15)`,
      [
        event.id,
        event.seq,
        event.at,
        event.action,
        event.actor.type,
        event.actor.id ?? null,
        event.target?.type ?? null,
        event.target?.id ?? null,
        event.ip ?? null,
        event.user_agent ?? null,
        event.request_id ?? null,
        event.changes === undefined ? null : JSON.stringify(event.changes),
        event.owner_user_id ?? null,
        event.prev_hash,
        event.hash,
      ],
    );
    await manager.query('UPDATE audit_chain_head SET last_seq = $1, last_hash = $2 WHERE id = 1', [
      event.seq,
      event.hash,
    ]);
    for (const subscriber of this.subscribers) await subscriber.onAuditEvent(manager, event);
    return event;
  }

  /**
   * The caller's own events (about its account or keys, or done by it), or with an admin's
   * `all=true` everyone's; newest first, a page at a time.
   */
  async list(
    caller: Principal,
    query: ListAuditEventsQueryDto,
  ): Promise<ListAuditEventsResponseDto> {
    const before = query.cursor === undefined ? undefined : this.cursors.decode(query.cursor);
    if (query.all && caller.role !== 'admin') {
      throw new ForbiddenError(ErrorCode.Forbidden, "Only an admin may list other users' events");
    }
    const qb = this.events.createQueryBuilder('e');
    if (!query.all) {
      qb.andWhere('(e.owner_user_id = :me OR e.actor_id = :me)', { me: caller.userId });
    }
    if (query.action !== undefined) qb.andWhere('e.action = :action', { action: query.action });
    if (query.target_id !== undefined) {
      qb.andWhere('e.target_id = :targetId', { targetId: query.target_id });
    }
    if (query.actor_id !== undefined) {
      qb.andWhere('e.actor_id = :actorId', { actorId: query.actor_id });
    }
    // As instants, not text: PostgreSQL reads some valid RFC 3339 text differently (year 0000).
    if (query.since !== undefined) {
      qb.andWhere('e.at >= :since', { since: new Date(parseRfc3339(query.since)) });
    }
    if (query.until !== undefined) {
      qb.andWhere('e.at < :until', { until: new Date(parseRfc3339(query.until)) });
    }
    if (before !== undefined) qb.andWhere('e.seq < :before', { before });
    const limit = query.limit ?? DEFAULT_AUDIT_LIMIT;
    const rows = await qb
      .orderBy('e.seq', 'DESC')
      .limit(limit + 1)
      .getMany();
    const page: ListAuditEventsResponseDto = {
      events: rows.slice(0, limit).map(toAuditEventDto),
    };
    if (rows.length > limit) page.next_cursor = this.cursors.encode(rows[limit - 1].seq);
    return page;
  }

  /**
   * Walks the kept chain oldest first, in batches, on one snapshot (events written meanwhile
   * are not part of it; a prune is seen whole or not at all). The oldest kept event must
   * continue the anchor (seq 1 after the genesis hash, or where the last prune stopped), each
   * next event must have the next seq, its prev_hash the previous hash and its hash its own
   * content; the last must be the chain head. The first event that does not fit is named: the
   * edited or moved one, or the one after a deleted one (or the deleted newest one's seq).
   */
  async verify(caller: Principal): Promise<VerifyAuditChainResponseDto> {
    if (caller.role !== 'admin') {
      throw new ForbiddenError(ErrorCode.Forbidden, 'Only an admin may verify the audit log');
    }
    return this.dataSource.transaction('REPEATABLE READ', async (tx) => {
      const [head] = await tx.query<ChainHead[]>(
        'SELECT last_seq, last_hash, anchor_seq, anchor_prev_hash FROM audit_chain_head WHERE id = 1',
      );
      const lastSeq = Number(head.last_seq);
      let expectedSeq = Number(head.anchor_seq);
      let expectedPrev = head.anchor_prev_hash;
      let checked = 0;
      let lastRead = -1;
      for (;;) {
        const rows = await tx.query<StoredRow[]>(
          `SELECT id, seq, at, action, actor_type, actor_id, target_type, target_id, ip,
             user_agent, request_id, changes, owner_user_id, prev_hash, hash
           FROM audit_events WHERE seq > $1 ORDER BY seq LIMIT $2`,
          [lastRead, VERIFY_BATCH],
        );
        for (const row of rows) {
          const event = recordOf(row);
          lastRead = event.seq;
          checked += 1;
          const { hash, ...unhashed } = event;
          if (
            event.seq !== expectedSeq ||
            event.prev_hash !== expectedPrev ||
            auditHash(unhashed) !== hash
          ) {
            return { ok: false, checked, first_bad_seq: event.seq };
          }
          expectedSeq += 1;
          expectedPrev = hash;
        }
        if (rows.length < VERIFY_BATCH) break;
      }
      if (expectedSeq - 1 !== lastSeq || expectedPrev !== head.last_hash) {
        // The newest events are gone (or the head was edited): name the first missing one.
        return { ok: false, checked, first_bad_seq: expectedSeq };
      }
      return { ok: true, checked };
    });
  }
}

import { createHmac, timingSafeEqual } from 'node:crypto';
import { isUUID } from 'class-validator';
import type { Repository, SelectQueryBuilder } from 'typeorm';
import { InvalidCursorError } from '../common/errors';
import type { ApiKeyEntity } from './api-key.entity';
import type { KeyStatus } from './dto/api-key.dto';
import type { Scope } from './scopes';

/** Which keys a listing covers; `userId` absent means every owner's (an admin's `all=true`). */
export interface KeyListFilter {
  userId?: string;
  status: KeyStatus;
  scope?: Scope;
  q?: string;
}

/** A position in the listing's order: the last key of a page. */
export interface KeyPosition {
  /** created_at to the microsecond, as PostgreSQL holds it (a Date would drop the last three digits). */
  createdAt: string;
  id: string;
}

/** The exact created_at of each row, for the next cursor. */
export const POSITION_COLUMN = 'cursor_created_at';
const POSITION_FORMAT = 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"';
const POSITION_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

const likeLiteral = (text: string): string => text.replace(/[\\%_]/g, '\\$&');

/** The keys matching `filter`, without order or page: counted as is, paged by `pageOf`. */
export function filteredKeys(
  keys: Repository<ApiKeyEntity>,
  filter: KeyListFilter,
): SelectQueryBuilder<ApiKeyEntity> {
  const qb = keys.createQueryBuilder('k');
  if (filter.userId !== undefined) qb.andWhere('k.user_id = :userId', { userId: filter.userId });
  if (filter.status === 'active') {
    qb.andWhere('k.revoked_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > now())');
  } else if (filter.status === 'revoked') {
    qb.andWhere('k.revoked_at IS NOT NULL');
  } else if (filter.status === 'expired') {
    qb.andWhere('k.revoked_at IS NULL AND k.expires_at <= now()');
  }
  if (filter.scope !== undefined) qb.andWhere(':scope = ANY(k.scopes)', { scope: filter.scope });
  if (filter.q !== undefined) {
    const q = likeLiteral(filter.q);
    qb.andWhere('(k.name ILIKE :qAnywhere OR k.key_prefix LIKE :qStart)', {
      qAnywhere: `%${q}%`,
      qStart: `${q}%`,
    });
  }
  return qb;
}

/**
 * One page, newest first, after `after`: keyset pagination on (created_at, id), which the
 * listing indexes serve directly. Keys created during a walk sort before its position, so a walk
 * sees every key that existed when it started exactly once. Fetches one row more than `limit`
 * to tell whether another page follows.
 */
export function pageOf(
  filtered: SelectQueryBuilder<ApiKeyEntity>,
  limit: number,
  after?: KeyPosition,
): SelectQueryBuilder<ApiKeyEntity> {
  const qb = filtered
    .clone()
    .addSelect(`to_char(k.created_at AT TIME ZONE 'UTC', :positionFormat)`, POSITION_COLUMN)
    .setParameter('positionFormat', POSITION_FORMAT)
    .orderBy('k.created_at', 'DESC')
    .addOrderBy('k.id', 'DESC')
    .limit(limit + 1);
  if (after) {
    qb.andWhere(
      '(k.created_at, k.id) < (CAST(:afterTime AS timestamptz), CAST(:afterId AS uuid))',
      {
        afterTime: after.createdAt,
        afterId: after.id,
      },
    );
  }
  return qb;
}

/**
 * Cursors are opaque to callers: the position, MAC'd so that a cursor is one we gave out (a
 * forged or mangled one is 400 invalid_cursor, never a query on attacker-chosen values).
 */
export class ListCursorCodec {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = createHmac('sha256', secret).update('keyward api-key list cursor v1').digest();
  }

  encode(position: KeyPosition): string {
    const body = Buffer.from(JSON.stringify({ t: position.createdAt, i: position.id })).toString(
      'base64url',
    );
    return `${body}.${this.mac(body)}`;
  }

  decode(cursor: string): KeyPosition {
    const [body, mac, ...rest] = cursor.split('.');
    if (!body || !mac || rest.length > 0) throw new InvalidCursorError();
    // Compared as text: base64url decoding ignores stray low bits, so two spellings would pass.
    const given = Buffer.from(mac);
    const expected = Buffer.from(this.mac(body));
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new InvalidCursorError();
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    } catch {
      throw new InvalidCursorError();
    }
    const { t, i } = (parsed ?? {}) as { t?: unknown; i?: unknown };
    if (typeof t !== 'string' || !POSITION_TIME.test(t) || typeof i !== 'string' || !isUUID(i)) {
      throw new InvalidCursorError();
    }
    return { createdAt: t, id: i };
  }

  private mac(body: string): string {
    return createHmac('sha256', this.key)
      .update(body)
      .digest()
      .subarray(0, 16)
      .toString('base64url');
  }
}

import { isUUID } from 'class-validator';
import type { Repository, SelectQueryBuilder } from 'typeorm';
import { InvalidCursorError } from '../common/errors';
import { SignedCursor } from '../common/signed-cursor';
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
  private readonly cursor: SignedCursor;

  constructor(secret: string) {
    this.cursor = new SignedCursor(secret, 'keyward api-key list cursor v1');
  }

  encode(position: KeyPosition): string {
    return this.cursor.seal(JSON.stringify({ t: position.createdAt, i: position.id }));
  }

  decode(cursor: string): KeyPosition {
    let parsed: unknown;
    try {
      parsed = JSON.parse(this.cursor.open(cursor));
    } catch {
      throw new InvalidCursorError();
    }
    const { t, i } = (parsed ?? {}) as { t?: unknown; i?: unknown };
    if (typeof t !== 'string' || !POSITION_TIME.test(t) || typeof i !== 'string' || !isUUID(i)) {
      throw new InvalidCursorError();
    }
    return { createdAt: t, id: i };
  }
}

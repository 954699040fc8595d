import request from 'supertest';
import type { DataSource } from 'typeorm';
import { API, bearer, type TestUser } from '../../helpers/factories';
import type { TestApp } from '../../helpers/test-app';

export interface KeyBody {
  id: string;
  name: string;
  key_prefix: string;
  scopes: string[];
  created_at: string;
  revoked_at?: string;
  expires_at?: string;
  user_id: string;
  metadata?: Record<string, unknown>;
  rotated_at?: string;
  previous_key_prefix?: string;
  previous_key_expires_at?: string;
}

export interface ListBody {
  api_keys: KeyBody[];
  total: number;
  next_cursor?: string;
}

/** GET /api-keys with `query`, as `user`. */
export function listKeys(
  t: TestApp,
  user: Pick<TestUser, 'accessToken'>,
  query = '',
): request.Test {
  return request(t.http)
    .get(`${API}/api-keys${query}`)
    .set(...bearer(user.accessToken));
}

/** Every page of a listing, following next_cursor; `between` runs after each page. */
export async function walk(
  t: TestApp,
  user: Pick<TestUser, 'accessToken'>,
  query: string,
  between: () => Promise<void> = async () => {},
): Promise<{ ids: string[]; pages: ListBody[] }> {
  const pages: ListBody[] = [];
  let cursor: string | undefined;
  do {
    const sep = query ? '&' : '?';
    const q = cursor ? `${query}${sep}cursor=${encodeURIComponent(cursor)}` : query;
    const res = await listKeys(t, user, q).expect(200);
    const page = res.body as ListBody;
    pages.push(page);
    cursor = page.next_cursor;
    await between();
  } while (cursor !== undefined && pages.length < 1000);
  return { ids: pages.flatMap((p) => p.api_keys.map((k) => k.id)), pages };
}

/**
 * Inserts `count` keys of `userId` straight into the table (far faster than the API), all with
 * the same `created_at` when `createdAt` is given. Returns their ids.
 */
export async function insertKeys(
  db: DataSource,
  userId: string,
  count: number,
  opts: { createdAt?: string; name?: string } = {},
): Promise<string[]> {
  const rows: { id: string }[] = await db.query(
    `INSERT INTO api_keys (user_id, name, key_prefix, key_hash, scopes, created_at)
     SELECT $1, $2 || ' ' || i, 'kw_ins' || lpad(i::text, 6, '0'),
            md5(random()::text || i) || md5(random()::text || i), ARRAY['read:users'],
            COALESCE($4::timestamptz, clock_timestamp())
       FROM generate_series(1, $3::int) AS i
     RETURNING id`,
    [userId, opts.name ?? 'inserted', count, opts.createdAt ?? null],
  );
  return rows.map((r) => r.id);
}

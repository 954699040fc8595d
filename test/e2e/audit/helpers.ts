import type { Server } from 'node:http';
import request from 'supertest';
import { API, bearer } from '../../helpers/factories';

/** An audit event as GET /audit-events answers it. */
export interface WireEvent {
  id: string;
  seq: number;
  at: string;
  action: string;
  actor: { type: string; id?: string };
  target?: { type: string; id: string };
  ip?: string;
  user_agent?: string;
  request_id?: string;
  changes?: Record<string, { from?: unknown; to?: unknown }>;
  owner_user_id?: string;
  hash: string;
  prev_hash: string;
}

/** Every event `token`'s caller may see that matches `query`, following every cursor. */
export async function allEvents(
  http: Server,
  token: string,
  query: Record<string, string> = {},
): Promise<WireEvent[]> {
  const events: WireEvent[] = [];
  let cursor: string | undefined;
  do {
    const res = await request(http)
      .get(`${API}/audit-events`)
      .query({ ...query, limit: '500', ...(cursor ? { cursor } : {}) })
      .set(...bearer(token))
      .expect(200);
    const page = res.body as { events: WireEvent[]; next_cursor?: string };
    events.push(...page.events);
    cursor = page.next_cursor;
  } while (cursor);
  return events;
}

/** The chain check, as the admin sees it. */
export async function verifyChain(
  http: Server,
  adminToken: string,
): Promise<{ ok: boolean; checked: number; first_bad_seq?: number }> {
  const res = await request(http)
    .get(`${API}/audit-events/verify`)
    .set(...bearer(adminToken))
    .expect(200);
  return res.body as { ok: boolean; checked: number; first_bad_seq?: number };
}

import { createHash } from 'node:crypto';
import type { AuditEventRecord } from './audit.types';

/** The `prev_hash` of the first event ever written. */
export const GENESIS_HASH = '0'.repeat(64);

/** JSON with every object's keys sorted (recursively) and no whitespace. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/**
 * hash = hex SHA-256 of the UTF-8 bytes of `prev_hash + "\n" + canonical`, where `canonical` is
 * the canonical JSON (keys sorted, no whitespace, absent fields left out) of
 * `{ action, actor, at, changes?, id, ip?, owner_user_id?, request_id?, seq, target?, user_agent? }`:
 * every stored field of the event but `hash` and `prev_hash` themselves. `seq` is in it, so
 * moving an event to another place in the chain breaks it too; `owner_user_id` is in it, so an
 * event cannot be hidden from its owner by editing that column.
 */
export function auditHash(event: Omit<AuditEventRecord, 'hash'>): string {
  const { prev_hash: prevHash, ...body } = event;
  return createHash('sha256')
    .update(`${prevHash}\n${canonicalJson(body)}`)
    .digest('hex');
}

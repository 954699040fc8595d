import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import { ApiKeyEntity } from '../api-keys/api-key.entity';
import { AuditEventEntity } from '../audit/audit-event.entity';
import { SessionEntity } from '../auth/session.entity';
import { UserEntity } from '../users/user.entity';
import { WebhookDeliveryEntity } from '../webhooks/webhook-delivery.entity';
import { WebhookEntity } from '../webhooks/webhook.entity';
import { MIGRATIONS } from './migrations';
import { TimeoutSafeClient } from './timeout-safe-client';

export const ENTITIES = [
  UserEntity,
  SessionEntity,
  ApiKeyEntity,
  AuditEventEntity,
  WebhookEntity,
  WebhookDeliveryEntity,
];

export interface DatabaseOptionsInput {
  url: string;
  migrationsRun: boolean;
  poolSize: number;
  statementTimeoutMs: number;
  /** Client-side bound on a query (default: statement timeout + 1 s). */
  queryTimeoutMs?: number;
  /**
   * How long a query may wait to get a connection, from the pool or a new one. On a server 3 s:
   * a pool that full, or a server that slow to accept, is trouble to report, not to queue for.
   */
  connectionWaitMs?: number;
}

/**
 * The one builder of TypeORM options, used by the Nest module and by ormconfig.ts (migration
 * CLI). Entities and migrations are listed as classes, so the same list works from `src` under
 * ts-node/jest and from `dist` in production.
 */
export function buildDataSourceOptions(input: DatabaseOptionsInput): PostgresConnectionOptions {
  return {
    type: 'postgres',
    url: input.url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: input.migrationsRun,
    migrationsTransactionMode: 'each',
    synchronize: false,
    // gen_random_uuid() is core PostgreSQL (13+) and exists in PGlite; uuid-ossp does not.
    uuidExtension: 'pgcrypto',
    logging: false,
    extra: {
      max: input.poolSize,
      connectionTimeoutMillis: input.connectionWaitMs ?? 3000,
      idleTimeoutMillis: 30_000,
      // Server-side: PostgreSQL cancels a slow statement and the connection stays usable.
      statement_timeout: input.statementTimeoutMs,
      // Client-side backstop for a server that does not answer at all (hung, or a network path
      // that drops packets), where statement_timeout cannot fire: the query fails with
      // "Query read timeout" (a 503) and TimeoutSafeClient takes the connection out of the pool.
      query_timeout: input.queryTimeoutMs ?? input.statementTimeoutMs + 1000,
      Client: TimeoutSafeClient,
      application_name: 'keyward',
    },
  };
}

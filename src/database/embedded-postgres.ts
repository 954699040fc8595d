import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import type { AppConfig } from '../config/app-config';

export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts PGlite (PostgreSQL compiled to WASM) and serves it over the PostgreSQL wire protocol on
 * loopback, so the rest of the app talks to it through `pg` exactly as to a real server.
 * `dataDir` undefined keeps the database in memory (tests).
 */
export async function startEmbeddedPostgres(opts: {
  dataDir?: string;
  port?: number;
  maxConnections?: number;
}): Promise<EmbeddedPostgres> {
  let db: PGlite;
  if (opts.dataDir) {
    const dir = join(opts.dataDir, 'pglite');
    mkdirSync(dir, { recursive: true });
    db = await PGlite.create(dir);
  } else {
    db = await PGlite.create();
  }
  const server = new PGLiteSocketServer({
    db,
    host: '127.0.0.1',
    port: opts.port ?? 0,
    maxConnections: opts.maxConnections ?? 10,
  });
  await server.start();
  const address = server.getServerConn();
  return {
    url: `postgres://postgres@${address}/postgres?sslmode=disable`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}

/**
 * How long a request may wait for its turn on the embedded database's one connection. A turn long
 * in coming is a burst of other requests' statements ahead of it, not a database gone (PGlite
 * runs in this process: if it hangs, so does everything else), so it gets more patience than a
 * server's 3 s, which answered bursts of concurrent writes with 503s on a busy machine.
 */
export const EMBEDDED_CONNECTION_WAIT_MS = 10_000;

/**
 * The pool settings for the embedded database. PGlite is a single session, and its socket server
 * interleaves the protocol messages of several connections, which can split one connection's
 * parse/bind/execute (500s under concurrent requests): one pooled connection keeps every
 * statement whole, and requests take turns on it.
 */
export function useOneConnection(config: AppConfig): void {
  config.db.poolSize = 1;
  config.db.connectionWaitMs = EMBEDDED_CONNECTION_WAIT_MS;
}

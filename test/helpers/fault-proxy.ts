import { createServer, Socket, type AddressInfo, type Server } from 'node:net';

/**
 * A TCP proxy in front of a real server (PostgreSQL or Redis) that a test can break in the ways a
 * dependency breaks:
 *
 * - `cut()`: the server is gone. Open connections are reset, new ones refused (ECONNREFUSED).
 * - `pause()`: the server hangs. Connections stay open and new ones are accepted, but no byte
 *   is forwarded either way (what a frozen process or a black-holed network path looks like).
 * - `freezeExisting()`: the connections open now hang forever; new ones work (a half-dead
 *   connection after a network blip or a fail-over).
 * - `restore()` / `resume()`: back to normal; held bytes are delivered on resume.
 */
interface Pair {
  client: Socket;
  upstream: Socket;
  held: boolean;
  toUpstream: Buffer[];
  toClient: Buffer[];
}

export class FaultProxy {
  private server: Server | null = null;
  private readonly pairs = new Set<Pair>();
  private paused = false;
  port = 0;
  /** Bytes the proxy received and held back (either direction) since the last pause/freeze. */
  heldBytes = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  /** `url` (a postgres:// URL) rewritten to go through this proxy. */
  proxiedUrl(url: string): string {
    const proxied = new URL(url);
    proxied.hostname = '127.0.0.1';
    proxied.port = String(this.port);
    return proxied.toString();
  }

  async start(): Promise<void> {
    const server = createServer((client) => this.accept(client));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  get connections(): number {
    return this.pairs.size;
  }

  /** The server died: resets open connections, refuses new ones until `restore()`. */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = null;
    this.destroyAll();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Listens again on the same port. */
  async restore(): Promise<void> {
    this.paused = false;
    if (!this.server) await this.start();
  }

  /** The server hangs: nothing is forwarded on any connection, old or new. */
  pause(): void {
    this.paused = true;
    this.heldBytes = 0;
    for (const pair of this.pairs) pair.held = true;
  }

  /** The connections open now hang (until `resume()`); new connections are served. */
  freezeExisting(): void {
    this.heldBytes = 0;
    for (const pair of this.pairs) pair.held = true;
  }

  /** Forwards again, held bytes first. */
  resume(): void {
    this.paused = false;
    for (const pair of this.pairs) {
      pair.held = false;
      for (const chunk of pair.toUpstream.splice(0)) pair.upstream.write(chunk);
      for (const chunk of pair.toClient.splice(0)) pair.client.write(chunk);
    }
  }

  async close(): Promise<void> {
    await this.cut();
  }

  private destroyAll(): void {
    for (const pair of this.pairs) {
      pair.client.destroy();
      pair.upstream.destroy();
    }
    this.pairs.clear();
  }

  private accept(client: Socket): void {
    const upstream = new Socket();
    const pair: Pair = { client, upstream, held: this.paused, toUpstream: [], toClient: [] };
    this.pairs.add(pair);
    upstream.connect(this.targetPort, this.targetHost);
    const forward = (to: Socket, queue: Buffer[]) => (chunk: Buffer) => {
      if (pair.held) {
        this.heldBytes += chunk.length;
        queue.push(chunk);
      } else {
        to.write(chunk);
      }
    };
    client.on('data', forward(upstream, pair.toUpstream));
    upstream.on('data', forward(client, pair.toClient));
    const end = (): void => {
      this.pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    for (const socket of [client, upstream]) {
      socket.on('error', end);
      socket.on('close', end);
    }
  }
}

/**
 * The PostgreSQL a fault suite breaks: the run's database on the real server when DATABASE_URL
 * is set (CI), else a private in-memory PGlite in a child process (not the run's shared one, so
 * hanging it cannot stall other suites). `migrate` tells the app to create the schema itself.
 */
export interface FaultTarget {
  url: string;
  server: 'postgresql' | 'pglite';
  /** DB_MIGRATIONS_RUN for an app on this target. */
  migrate: 'true' | 'false';
  close(): Promise<void>;
}

export async function startFaultTarget(): Promise<FaultTarget> {
  const shared = process.env.KEYWARD_TEST_DATABASE_URL;
  if (process.env.DATABASE_URL && shared) {
    return { url: shared, server: 'postgresql', migrate: 'false', close: () => Promise.resolve() };
  }
  const { startEmbeddedPostgresProcess } = await import('./embedded-postgres-process');
  const embedded = await startEmbeddedPostgresProcess();
  return { url: embedded.url, server: 'pglite', migrate: 'true', close: () => embedded.kill() };
}

/** A proxy in front of `target`, started. */
export async function startProxyFor(target: FaultTarget): Promise<FaultProxy> {
  const url = new URL(target.url);
  const proxy = new FaultProxy(url.hostname, Number(url.port || 5432));
  await proxy.start();
  return proxy;
}

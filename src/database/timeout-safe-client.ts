import { Client } from 'pg';

/** pg's message when its client-side `query_timeout` fires. */
export const QUERY_READ_TIMEOUT = 'Query read timeout';

function isReadTimeout(err: unknown): boolean {
  return (err as { message?: unknown } | null)?.message === QUERY_READ_TIMEOUT;
}

/**
 * The pool's client class. When pg's `query_timeout` fires it rejects the query but leaves it
 * on the wire: the connection still waits for that answer, so the next query sent on it queues
 * behind a server that may never answer. TypeORM then releases the client to the pool without
 * an error, and the pool would hand the stuck connection out again, request after request.
 * So a client whose query timed out ends itself (pg destroys the socket when a query is still
 * active), and the pool drops it on release (`_ending`), opening a fresh connection next time.
 */
export class TimeoutSafeClient extends Client {
  constructor(config?: ConstructorParameters<typeof Client>[0]) {
    super(config);
    // Looked up on the prototype at each call, not bound once, so instrumentation of
    // Client.prototype.query (the bench's SQL counter, the tests' spy) sees every statement.
    const query = (...args: unknown[]): unknown =>
      (Client.prototype.query as (...a: unknown[]) => unknown).apply(this, args);
    const discard = (): void => void this.end().catch(() => undefined);
    this.query = ((...args: unknown[]) => {
      const last = args.length - 1;
      const callback = args[last];
      if (typeof callback === 'function') {
        args[last] = (err: unknown, res: unknown) => {
          if (isReadTimeout(err)) discard();
          (callback as (err: unknown, res: unknown) => void)(err, res);
        };
      }
      const result = query(...args);
      if (typeof (result as Promise<unknown> | undefined)?.catch === 'function') {
        // A side branch, attached before the caller's: the caller still gets the rejection.
        (result as Promise<unknown>).catch((err: unknown) => isReadTimeout(err) && discard());
      }
      return result;
    }) as Client['query'];
  }
}

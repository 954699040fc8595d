/**
 * The load generator, in its own process so that driving load never shares an event loop with
 * the bench's bookkeeping (or with the server). The parent sends one LoadJob over IPC and gets
 * one LoadResult back.
 */
import autocannon from 'autocannon';

export interface LoadJob {
  url: string;
  method: 'GET' | 'POST';
  durationSeconds?: number;
  /** Stop after this many requests instead of after a duration. */
  amount?: number;
  connections: number;
  /** Requests per second over all connections (autocannon `overallRate`). */
  overallRate?: number;
  headers: Record<string, string>;
  body?: string;
  /** Round-robin: request n carries `rotate.values[n % length]` in header `rotate.header`. */
  rotate?: { header: string; values: string[] };
  /**
   * As `rotate`, but each connection walks `values` in order from the first, with every request
   * built once up front: autocannon then does per request exactly what it does for a fixed
   * request, so the scenario is not charged for the load generator's own work (a setupRequest
   * per request made even a bare node:http server spend ~25% more CPU per request on this
   * 2-core machine; bench/README.md). Meant for short lists (one buffer per value and connection).
   */
  cycle?: { header: string; values: string[] };
}

export interface LoadResult {
  requests: number;
  durationSeconds: number;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
}

function run(job: LoadJob): Promise<LoadResult> {
  let next = 0;
  const rotate = job.rotate;
  const cycle = job.cycle;
  const options: autocannon.Options = {
    url: job.url,
    method: job.method,
    connections: job.connections,
    pipelining: 1,
    headers: job.headers,
    body: job.body,
    timeout: 10,
    ...(job.amount !== undefined ? { amount: job.amount } : { duration: job.durationSeconds }),
    ...(job.overallRate !== undefined ? { overallRate: job.overallRate } : {}),
    ...(rotate
      ? {
          requests: [
            {
              setupRequest: (request: autocannon.Request): autocannon.Request => ({
                ...request,
                headers: {
                  ...request.headers,
                  [rotate.header]: rotate.values[next++ % rotate.values.length],
                },
              }),
            },
          ],
        }
      : {}),
    ...(cycle
      ? {
          requests: cycle.values.map((value) => ({
            headers: { ...job.headers, [cycle.header]: value },
          })),
        }
      : {}),
  };
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    void autocannon(options, (err, result) => {
      if (err) return reject(err instanceof Error ? err : new Error(String(err)));
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const statusCodes: Record<string, number> = {};
      const stats = result.statusCodeStats as unknown as Record<string, { count: number }>;
      for (const [code, { count }] of Object.entries(stats ?? {})) statusCodes[code] = count;
      const total = result.requests.total;
      resolve({
        requests: total,
        durationSeconds: seconds,
        rps: total / seconds,
        p50: result.latency.p50,
        p90: result.latency.p90,
        p99: result.latency.p99,
        max: result.latency.max,
        non2xx: result.non2xx,
        errors: result.errors,
        timeouts: result.timeouts,
        statusCodes,
      });
    });
  });
}

process.once('message', (job: LoadJob) => {
  run(job).then(
    (result) => process.send?.({ ok: true, result }, () => process.exit(0)),
    (err: Error) => process.send?.({ ok: false, error: err.message }, () => process.exit(1)),
  );
});

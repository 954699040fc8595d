import { timingSafeEqual, createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { RedisService } from '../redis/redis.service';
import { NotFoundError } from '../common/errors';
import { USAGE_OUTCOMES } from '../usage/usage-outcome';

/** `keyward_key_verifications_total` outcomes: the usage outcomes, and a key we do not know. */
export const VERIFICATION_OUTCOMES = [...USAGE_OUTCOMES, 'invalid'] as const;
export type VerificationOutcome = (typeof VERIFICATION_OUTCOMES)[number];

export type RateLimitDecisionLabel = 'allowed' | 'refused';
/** Whose budget was asked: a key on a keyed request, a session, or a key checked by verify. */
export type RateLimitSource = 'api_key' | 'session' | 'verify';
const RATE_LIMIT_SOURCES: readonly RateLimitSource[] = ['api_key', 'session', 'verify'];

export type WebhookDeliveryResult = 'succeeded' | 'failed' | 'retried';
const WEBHOOK_RESULTS: readonly WebhookDeliveryResult[] = ['succeeded', 'failed', 'retried'];

/** Seconds. Keyward answers most requests well under a millisecond, hence the low buckets. */
export const HTTP_BUCKETS = [
  0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
] as const;

/** The `route` label of a request no route matched (a 404): never its raw URL. */
export const UNMATCHED_ROUTE = 'unmatched';
const STATUS_CLASSES = ['1xx', '2xx', '3xx', '4xx', '5xx'] as const;

/** One (route, status class) series: per-bucket counts (not cumulative), their sum and count. */
interface HttpSeries {
  buckets: Float64Array;
  sum: number;
  count: number;
}

/**
 * Every metric of the service. The request path only adds to plain numbers and typed arrays
 * (no label objects, no hashing, nothing allocated); prom-client reads them at scrape time
 * through its `collect` callbacks. prom-client's own `inc({ label })` hashes the labels on every
 * call, which is a cost the keyed path should not pay for a scrape that comes every 15 s.
 *
 * Metrics are exposed only when METRICS_TOKEN is set; without it the registry is never built and
 * no request is timed (the counters still cost one addition each).
 */
@Injectable()
export class MetricsService {
  private readonly verifications = new Float64Array(VERIFICATION_OUTCOMES.length);
  private readonly verificationIndex = new Map<VerificationOutcome, number>(
    VERIFICATION_OUTCOMES.map((o, i) => [o, i]),
  );
  private cacheHits = 0;
  private cacheMisses = 0;
  /** [source][allowed=0 | refused=1]. */
  private readonly rateLimit = RATE_LIMIT_SOURCES.map(() => [0, 0]);
  private readonly webhookDeliveries = new Map<WebhookDeliveryResult, number>(
    WEBHOOK_RESULTS.map((r) => [r, 0]),
  );
  private readonly http = new Map<string, (HttpSeries | undefined)[]>();
  private registry?: Registry;
  private readonly tokenDigest?: Buffer;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly redis: RedisService,
    private readonly dataSource: DataSource,
  ) {
    if (config.metricsToken) this.tokenDigest = sha256(config.metricsToken);
  }

  /** Whether /metrics is served and requests are timed (METRICS_TOKEN is set). */
  get enabled(): boolean {
    return this.tokenDigest !== undefined;
  }

  verification(outcome: VerificationOutcome): void {
    this.verifications[this.verificationIndex.get(outcome)!]++;
  }

  cacheHit(): void {
    this.cacheHits++;
  }

  cacheMiss(): void {
    this.cacheMisses++;
  }

  rateLimitDecision(source: RateLimitSource, allowed: boolean): void {
    this.rateLimit[source === 'api_key' ? 0 : source === 'session' ? 1 : 2][allowed ? 0 : 1]++;
  }

  /** For the webhook dispatcher: one call per delivery attempt that ended. */
  webhookDelivery(result: WebhookDeliveryResult): void {
    this.webhookDeliveries.set(result, (this.webhookDeliveries.get(result) ?? 0) + 1);
  }

  /**
   * One answer: `route` is the matched route's template (`/api/v1/api-keys/:id`), undefined when
   * no route matched; `seconds` comes from Fastify's own start time for the request.
   */
  observeHttp(route: string | undefined, status: number, seconds: number): void {
    const name = route ?? UNMATCHED_ROUTE;
    let byClass = this.http.get(name);
    if (byClass === undefined) {
      byClass = [undefined, undefined, undefined, undefined, undefined];
      this.http.set(name, byClass);
    }
    const cls = Math.min(Math.max(Math.floor(status / 100), 1), 5) - 1;
    let series = byClass[cls];
    if (series === undefined) {
      series = { buckets: new Float64Array(HTTP_BUCKETS.length), sum: 0, count: 0 };
      byClass[cls] = series;
    }
    let i = 0;
    while (i < HTTP_BUCKETS.length && seconds > HTTP_BUCKETS[i]) i++;
    if (i < HTTP_BUCKETS.length) series.buckets[i]++;
    series.sum += seconds;
    series.count++;
  }

  /** The exposition for a scrape, or 404 without METRICS_TOKEN or with the wrong bearer token. */
  async scrape(authorization: string | undefined): Promise<{ contentType: string; body: string }> {
    if (!this.authorized(authorization)) throw new NotFoundError('Route');
    const registry = this.ensureRegistry();
    const body = (await registry.metrics()) + this.renderHttpHistogram();
    return { contentType: registry.contentType, body };
  }

  private authorized(authorization: string | undefined): boolean {
    if (this.tokenDigest === undefined || authorization === undefined) return false;
    if (!authorization.startsWith('Bearer ')) return false;
    // Digests, so the comparison is constant-time whatever the lengths.
    return timingSafeEqual(sha256(authorization.slice(7).trim()), this.tokenDigest);
  }

  private ensureRegistry(): Registry {
    if (this.registry) return this.registry;
    const registry = new Registry();
    collectDefaultMetrics({ register: registry });
    const read = {
      verifications: this.verifications,
      rateLimit: this.rateLimit,
      webhooks: this.webhookDeliveries,
      cache: () => [this.cacheHits, this.cacheMisses] as const,
    };
    new Counter({
      name: 'keyward_key_verifications_total',
      help: 'Key checks (keyed requests and verify calls) by outcome',
      labelNames: ['outcome'],
      registers: [registry],
      collect() {
        this.reset();
        VERIFICATION_OUTCOMES.forEach((outcome, i) => this.inc({ outcome }, read.verifications[i]));
      },
    });
    new Counter({
      name: 'keyward_key_cache_hits_total',
      help: 'Key checks answered from the in-process key cache',
      registers: [registry],
      collect() {
        this.reset();
        this.inc(read.cache()[0]);
      },
    });
    new Counter({
      name: 'keyward_key_cache_misses_total',
      help: 'Key checks that had to look the key up in PostgreSQL',
      registers: [registry],
      collect() {
        this.reset();
        this.inc(read.cache()[1]);
      },
    });
    new Counter({
      name: 'keyward_rate_limit_decisions_total',
      help: 'Rate-limit decisions on callers (keys, sessions, verified keys)',
      labelNames: ['decision', 'source'],
      registers: [registry],
      collect() {
        this.reset();
        RATE_LIMIT_SOURCES.forEach((source, i) => {
          this.inc({ decision: 'allowed', source }, read.rateLimit[i][0]);
          this.inc({ decision: 'refused', source }, read.rateLimit[i][1]);
        });
      },
    });
    new Counter({
      name: 'keyward_webhook_deliveries_total',
      help: 'Webhook delivery attempts by result',
      labelNames: ['result'],
      registers: [registry],
      collect() {
        this.reset();
        for (const [result, n] of read.webhooks) this.inc({ result }, n);
      },
    });
    const redis = this.redis;
    new Gauge({
      name: 'keyward_redis_up',
      help: '1 when the shared Redis connection is ready, 0 when it is down or not configured',
      registers: [registry],
      collect() {
        this.set(redis.isReady ? 1 : 0);
      },
    });
    const pool = (this.dataSource.driver as unknown as { master?: Pool }).master;
    new Gauge({
      name: 'keyward_db_pool_waiting',
      help: 'Queries waiting for a free PostgreSQL connection',
      registers: [registry],
      collect() {
        this.set(pool?.waitingCount ?? 0);
      },
    });
    this.registry = registry;
    return registry;
  }

  private renderHttpHistogram(): string {
    const name = 'keyward_http_request_duration_seconds';
    const lines = [
      `# HELP ${name} Time to answer a request, by route template and status class`,
      `# TYPE ${name} histogram`,
    ];
    for (const [route, byClass] of this.http) {
      byClass.forEach((series, cls) => {
        if (series === undefined) return;
        const labels = `route="${escapeLabel(route)}",status="${STATUS_CLASSES[cls]}"`;
        let cumulative = 0;
        HTTP_BUCKETS.forEach((le, i) => {
          cumulative += series.buckets[i];
          lines.push(`${name}_bucket{le="${le}",${labels}} ${cumulative}`);
        });
        lines.push(`${name}_bucket{le="+Inf",${labels}} ${series.count}`);
        lines.push(`${name}_sum{${labels}} ${series.sum}`);
        lines.push(`${name}_count{${labels}} ${series.count}`);
      });
    }
    return `${lines.join('\n')}\n`;
  }
}

function sha256(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

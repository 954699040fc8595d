import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { MetricsService } from '../metrics/metrics.service';
import { UsageCounter } from '../usage/usage-counter';
import { keyBucket, userBucket } from './buckets';
import { callerRateLimited } from './caller-limit';
import { RateLimiterService } from './rate-limiter.service';
import { WebhookAlerts } from '../webhooks/webhook-alerts';

/**
 * Pipeline step 3: every authenticated request spends its caller's budget, an API key's own
 * `rate_limit_per_minute` or the per-user session limit, before authorization, so a keyed
 * request counts against its key even when it is refused for scope. A request that failed
 * authentication never reaches this step, so a bad key never spends a real key's budget.
 */
@Injectable()
export class CallerBudgetGuard implements CanActivate {
  constructor(
    private readonly limiter: RateLimiterService,
    private readonly usage: UsageCounter,
    private readonly metrics: MetricsService,
    private readonly alerts: WebhookAlerts,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const principal = http.getRequest<FastifyRequest>().principal;
    if (!principal) return true; // a @Public() route
    const [bucket, limit] =
      principal.kind === 'api_key'
        ? [keyBucket(principal.apiKeyId), principal.rateLimitPerMinute]
        : [userBucket(principal.userId), this.config.sessionRateLimitPerMinute];
    const decision = await this.limiter.consume(bucket, limit);
    this.metrics.rateLimitDecision(principal.kind, decision.allowed);
    if (!decision.allowed) {
      if (principal.kind === 'api_key') {
        this.usage.count(principal.apiKeyId, 'rate_limited');
        // Noted in memory only; the webhook worker writes the alert (once an hour per key).
        this.alerts.apiKeyRateLimited({
          id: principal.apiKeyId,
          userId: principal.userId,
          rateLimitPerMinute: limit,
        });
      }
      throw callerRateLimited(limit, decision.resetSeconds, decision.retryAfterSeconds);
    }
    void http.getResponse<FastifyReply>().headers({
      'X-RateLimit-Limit': String(limit),
      'X-RateLimit-Remaining': String(decision.remaining),
      'X-RateLimit-Reset': String(decision.resetSeconds),
    });
    return true;
  }
}

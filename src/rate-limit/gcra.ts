import { LRUCache } from 'lru-cache';

/**
 * GCRA (generic cell rate algorithm): each bucket keeps one number, the "theoretical arrival
 * time" (TAT). A limit of L per window W lets through a burst of L, then one request every W/L,
 * with no fixed window boundary to game. The same rule runs in Redis (Lua, below) and in process.
 *
 * When a bucket's limit changes, its consumed budget is carried over in *requests*, so raising a
 * key's limit helps at once and changing it never resets what was used.
 */
export interface RateLimitDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the budget is whole again. */
  resetSeconds: number;
  /** Seconds until a request would be allowed (0 when allowed). */
  retryAfterSeconds: number;
}

/** Spends one request of a bucket's budget (`limit` per `windowMs`) and says whether it may pass. */
export interface RateLimiter {
  consume(bucket: string, limit: number, windowMs: number): Promise<RateLimitDecision>;
}

export interface GcraState {
  tat: number;
  limit: number;
}

export function gcra(
  state: GcraState | undefined,
  now: number,
  limit: number,
  windowMs: number,
): { decision: RateLimitDecision; state: GcraState } {
  const interval = windowMs / limit;
  let tat = Math.max(state?.tat ?? now, now);
  if (state && state.limit !== limit) {
    const used = (tat - now) / (windowMs / state.limit);
    tat = now + used * interval;
  }
  const next = tat + interval;
  const allowed = next - now <= windowMs + 1e-6;
  if (allowed) tat = next;
  return {
    state: { tat, limit },
    decision: {
      allowed,
      limit,
      remaining: Math.max(0, Math.floor((windowMs - (tat - now)) / interval + 1e-9)),
      resetSeconds: Math.ceil((tat - now) / 1000),
      retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil((next - now - windowMs) / 1000)),
    },
  };
}

/**
 * Up to `wanted` requests at once (a verify lease): as many as the budget holds, none if it
 * holds none. The same rule as the Redis script's `wanted`; `gcra` is the case of one.
 */
export function gcraTake(
  state: GcraState | undefined,
  now: number,
  limit: number,
  windowMs: number,
  wanted: number,
): { granted: number; remaining: number; state: GcraState } {
  const interval = windowMs / limit;
  let tat = Math.max(state?.tat ?? now, now);
  if (state && state.limit !== limit)
    tat = now + ((tat - now) / (windowMs / state.limit)) * interval;
  const granted = Math.max(
    0,
    Math.min(wanted, Math.floor((windowMs + 1e-6 - (tat - now)) / interval)),
  );
  tat += granted * interval;
  const remaining = Math.max(0, Math.floor((windowMs - (tat - now)) / interval + 1e-9));
  return { granted, remaining, state: { tat, limit } };
}

/**
 * GCRA in process: for one instance, for counters that must never cost a round trip, and as the
 * fallback while Redis is unreachable.
 */
export class LocalRateLimiter implements RateLimiter {
  private readonly buckets = new LRUCache<string, GcraState>({ max: 100_000 });

  constructor(private readonly now: () => number = Date.now) {}

  consume(bucket: string, limit: number, windowMs: number): Promise<RateLimitDecision> {
    return Promise.resolve(this.consumeNow(bucket, limit, windowMs));
  }

  consumeNow(bucket: string, limit: number, windowMs: number): RateLimitDecision {
    const { state, decision } = gcra(this.buckets.get(bucket), this.now(), limit, windowMs);
    this.buckets.set(bucket, state);
    return decision;
  }

  /** Up to `wanted` requests at once; see `gcraTake`. */
  takeNow(
    bucket: string,
    limit: number,
    windowMs: number,
    wanted: number,
  ): { granted: number; remaining: number } {
    const { state, granted, remaining } = gcraTake(
      this.buckets.get(bucket),
      this.now(),
      limit,
      windowMs,
      wanted,
    );
    this.buckets.set(bucket, state);
    return { granted, remaining };
  }

  /** The refusal `consumeNow` would give now, without spending anything; undefined if it admits. */
  knownRefusal(bucket: string, limit: number, windowMs: number): RateLimitDecision | undefined {
    const state = this.buckets.get(bucket);
    if (state === undefined) return undefined;
    const { state: next, decision } = gcra(state, this.now(), limit, windowMs);
    if (decision.allowed) return undefined;
    // What consumeNow stores on a refusal: the bucket rescaled if the limit changed.
    this.buckets.set(bucket, next);
    return decision;
  }
}

/**
 * The same rule as `gcra` in one atomic Redis script. KEYS[1] is the bucket (with a {hash tag},
 * so it also runs on Redis Cluster); ARGV: limit, windowMs, and optionally how many requests to
 * take at once (a lease, LeasingRateLimiter): as many of them as the budget holds, none if it
 * holds none; and how many requests an earlier lease leaves unspent, with the limit it was taken
 * at and the bucket's `tat` once it was granted: given back first, but only as much of it as the
 * bucket still owes (a lease older than the budget's last refill owes nothing: giving that back
 * would grant requests twice), and nothing if the limit has changed since. Time comes from Redis
 * itself, so every instance agrees on "now". Returns {granted, remaining, resetMs, retryMs, tat}
 * (`tat` in whole milliseconds, rounded down); with one request asked, `granted` is 1 exactly
 * when `gcra` allows.
 */
export const GCRA_LUA = `
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local interval = window / limit
local stored = redis.call('HMGET', KEYS[1], 'tat', 'limit')
local tat = tonumber(stored[1]) or now
local previous = tonumber(stored[2])
if tat < now then tat = now end
local unspent = tonumber(ARGV[4]) or 0
if unspent > 0 and previous == tonumber(ARGV[5]) then
  local owed = math.min(unspent * (window / previous), (tonumber(ARGV[6]) or 0) - now)
  if owed > 0 then
    tat = tat - owed
    if tat < now then tat = now end
  end
end
if previous and previous ~= limit then
  tat = now + ((tat - now) / (window / previous)) * interval
end
local wanted = tonumber(ARGV[3]) or 1
local granted = math.floor((window + 0.000001 - (tat - now)) / interval)
if granted > wanted then granted = wanted end
if granted < 0 then granted = 0 end
tat = tat + granted * interval
redis.call('HSET', KEYS[1], 'tat', string.format('%.3f', tat), 'limit', limit)
redis.call('PEXPIRE', KEYS[1], math.ceil(tat - now) + 1000)
local remaining = math.floor((window - (tat - now)) / interval + 0.000000001)
if remaining < 0 then remaining = 0 end
local retry = 0
if granted == 0 then retry = tat + interval - now - window end
return {granted, remaining, math.ceil(tat - now), math.ceil(retry), math.floor(tat)}
`;

import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { plainToInstance, Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
  ValidateBy,
} from 'class-validator';
import { allowlistProblem } from '../api-keys/ip-allowlist';
import { emailProblem, normalizeEmail } from '../users/email';

/**
 * The only place that reads `process.env`. Everything else receives an `AppConfig`.
 * Variables are validated at boot so a typo fails fast with a clear message.
 */
const toBool = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? ['1', 'true', 'yes', 'on'].includes(value.toLowerCase()) : value;

export class EnvironmentVariables {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 8080;

  @IsString()
  HOST = '0.0.0.0';

  @IsOptional()
  @IsString()
  DATABASE_URL?: string;

  @IsString()
  DATA_DIR = './data';

  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  EMBEDDED_DB_PORT = 0;

  @Transform(toBool)
  @IsBoolean()
  DB_MIGRATIONS_RUN = true;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  DB_POOL_SIZE = 10;

  @Type(() => Number)
  @IsInt()
  @Min(100)
  DB_STATEMENT_TIMEOUT_MS = 5000;

  /** Client-side bound on a query; unset means DB_STATEMENT_TIMEOUT_MS + 1000. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(100)
  DB_QUERY_TIMEOUT_MS?: number;

  @IsOptional()
  @IsString()
  @MinLength(32)
  JWT_SECRET?: string;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  JWT_ACCESS_TTL_SECONDS = 900;

  @IsString()
  JWT_ISSUER = 'keyward';

  @IsString()
  JWT_AUDIENCE = 'keyward-api';

  @Type(() => Number)
  @IsInt()
  @Min(60)
  REFRESH_TOKEN_TTL_SECONDS = 30 * 24 * 3600;

  /** How late a copy of the refresh token just rotated counts as a lost race, not a replay. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(60_000)
  REFRESH_RACE_GRACE_MS = 5000;

  @IsOptional()
  @IsString()
  @MinLength(32)
  KEY_PEPPER?: string;

  @Type(() => Number)
  @IsInt()
  @Min(8)
  @Max(256)
  PASSWORD_MIN_LENGTH = 15;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  MAX_KEYS_PER_USER = 100;

  /** Audit events older than this many days are pruned; the chain stays verifiable from the oldest kept. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(36_500)
  AUDIT_RETENTION_DAYS = 365;

  /** How often an instance tries to prune the audit log (one instance at a time prunes). */
  @Type(() => Number)
  @IsInt()
  @Min(1000)
  AUDIT_PRUNE_INTERVAL_MS = 3_600_000;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  AUTH_RATE_LIMIT_PER_IP = 30;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  AUTH_RATE_LIMIT_PER_EMAIL = 10;

  @Type(() => Number)
  @IsInt()
  @Min(1000)
  AUTH_RATE_LIMIT_WINDOW_MS = 60_000;

  /** Checked, and normalised, as a sign-up's email is (src/users/email.ts). */
  @IsOptional()
  @IsString()
  ADMIN_EMAIL?: string;

  @IsOptional()
  @IsString()
  ADMIN_PASSWORD?: string;

  @IsOptional()
  @IsString()
  CORS_ORIGINS?: string;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** Unset: readable lines on a terminal outside production, JSON otherwise. */
  @IsOptional()
  @IsIn(['json', 'pretty'])
  LOG_FORMAT?: 'json' | 'pretty';

  /** Refused requests (401/403/429) logged per second at most; the rest are counted. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  LOG_REFUSALS_PER_SECOND = 20;

  /**
   * The proxies in front of us that append to X-Forwarded-For: their addresses (safest), or how
   * many there are. Never "true": trusting the whole header would let any client pick its own
   * IP and walk around the per-IP limits and key allowlists.
   */
  @ValidateBy({
    name: 'trustProxy',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && parseTrustProxy(value) !== null,
      defaultMessage: () =>
        'must be a number of proxies (0-10) or a comma-separated list of proxy IP addresses ' +
        'and CIDR ranges',
    },
  })
  TRUST_PROXY = '0';

  /** Whole request, head and body: a client that stalls or trickles gets a 408 after this. */
  @Type(() => Number)
  @IsInt()
  @Min(1000)
  @Max(600_000)
  REQUEST_TIMEOUT_MS = 30_000;

  @Type(() => Number)
  @IsInt()
  @Min(1000)
  SHUTDOWN_TIMEOUT_MS = 10_000;

  @Type(() => Number)
  @IsInt()
  @Min(0)
  SHUTDOWN_DRAIN_MS = 0;

  @Type(() => Number)
  @IsInt()
  @Min(100)
  LAST_USED_FLUSH_MS = 10_000;

  @IsOptional()
  @IsString()
  REDIS_URL?: string;

  @Type(() => Number)
  @IsInt()
  @Min(10)
  REDIS_COMMAND_TIMEOUT_MS = 250;

  @IsString()
  @Matches(/^[A-Za-z0-9:_.-]{1,64}$/, {
    message: 'REDIS_KEY_PREFIX must be 1-64 characters of letters, digits, ":", "_", "." or "-"',
  })
  REDIS_KEY_PREFIX = 'kw:';

  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1000)
  RATE_LIMIT_LEASE_MS = 100;

  @Type(() => Number)
  @IsInt()
  @Min(100)
  KEY_CACHE_TTL_MS = 30_000;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  KEY_CACHE_MAX_ENTRIES = 50_000;

  /** How long a digest found in no key is answered 401 without a lookup (0: never). */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(600_000)
  UNKNOWN_KEY_CACHE_TTL_MS = 60_000;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  SESSION_RATE_LIMIT_PER_MINUTE = 600;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  AUTH_FAILURE_LIMIT_PER_IP = 120;

  /** Unset or empty: no /metrics (404) and no per-request timing. */
  @Transform(({ value }: { value: unknown }) => (value === '' ? undefined : value))
  @IsOptional()
  @IsString()
  @MinLength(16)
  METRICS_TOKEN?: string;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3650)
  USAGE_RETENTION_DAYS = 90;
  /** How long a verify lease lets an in-process verifier admit requests on its own. */
  @Type(() => Number)
  @IsInt()
  @Min(1000)
  @Max(60_000)
  VERIFY_LEASE_MS = 10_000;

  /** Heartbeat of the key change stream (`: ping`); at most the contract's 15 s. */
  @Type(() => Number)
  @IsInt()
  @Min(50)
  @Max(15_000)
  KEY_EVENTS_PING_MS = 15_000;

  /** Events queued for one slow subscriber before its queue is dropped for an `event: reset`. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  KEY_EVENTS_BUFFER = 1000;

  /** How long key changes are kept for `Last-Event-ID` resumes (at least the contract's 10 min). */
  @Type(() => Number)
  @IsInt()
  @Min(600_000)
  KEY_EVENTS_RETENTION_MS = 900_000;
  /** Lets webhooks point at loopback, private and link-local addresses (tests, closed networks). */
  @Transform(toBool)
  @IsBoolean()
  WEBHOOK_ALLOW_PRIVATE_URLS = false;

  /** First wait before a failed delivery is retried; doubles (with jitter) up to an hour. */
  @Type(() => Number)
  @IsInt()
  @Min(10)
  WEBHOOK_RETRY_BASE_MS = 30_000;

  /** How often each instance looks for due deliveries and keys about to expire. */
  @Type(() => Number)
  @IsInt()
  @Min(10)
  @Max(600_000)
  WEBHOOK_POLL_INTERVAL_MS = 1000;

  /**
   * false: no webhook background work here (deliveries, expiry scans, writing this instance's
   * rate-limit alerts); instances with it on deliver everything queued in the database.
   */
  @Transform(toBool)
  @IsBoolean()
  WEBHOOK_WORKER_ENABLED = true;
}

export interface AppConfig {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  /** Undefined means "start the embedded PostgreSQL"; main.ts fills it in before the app boots. */
  databaseUrl?: string;
  dataDir: string;
  embeddedDbPort: number;
  db: {
    migrationsRun: boolean;
    poolSize: number;
    statementTimeoutMs: number;
    /** Client-side (pg `query_timeout`): bounds a query even when the server stops answering. */
    queryTimeoutMs: number;
    /**
     * How long a query waits for a pooled connection before the request gets a 503; unset, a
     * server's 3 s (see buildDataSourceOptions). Set for the embedded database by
     * useOneConnection.
     */
    connectionWaitMs?: number;
  };
  jwt: { secret: string; accessTtlSeconds: number; issuer: string; audience: string };
  refreshTokenTtlSeconds: number;
  /** See SessionsService.rotate: within this, the just-rotated token is refused, not a replay. */
  refreshRaceGraceMs: number;
  keyPepper: string;
  /** Secrets kept in files in DATA_DIR (not from the environment), and whether this load made them. */
  secretFiles: { name: 'JWT_SECRET' | 'KEY_PEPPER'; file: string; generated: boolean }[];
  passwordMinLength: number;
  passwordMaxLength: number;
  maxKeysPerUser: number;
  authRateLimit: { perIp: number; perEmail: number; windowMs: number };
  admin?: { email: string; password: string };
  corsOrigins: string[];
  logLevel: string;
  /** `auto`: pretty when stdout is a terminal outside production (decided in createLogger). */
  logFormat: 'json' | 'pretty' | 'auto';
  logRefusalsPerSecond: number;
  /**
   * Who may set X-Forwarded-For: the proxies' addresses and ranges, or a number of hops
   * (0: nobody, the socket's address counts).
   */
  trustProxy: number | string[];
  bodyLimitBytes: number;
  /** Time a client has to send a whole request (head and body) before a 408. */
  requestTimeoutMs: number;
  shutdownTimeoutMs: number;
  /** After SIGTERM: keep serving (readiness 503) this long before closing the listener. */
  shutdownDrainMs: number;
  lastUsedFlushMs: number;
  /** True when main.ts started PGlite: one instance by nature, no LISTEN/NOTIFY across it. */
  embeddedDatabase: boolean;
  /** `keyPrefix` starts every key Keyward writes, so deployments (or test runs) can share a Redis. */
  redis?: { url: string; commandTimeoutMs: number; keyPrefix: string };
  /**
   * With Redis: how much of a caller's budget an instance takes from Redis at once, as time at
   * the caller's limit (0: one Redis call per request). See RateLimiterService.
   */
  rateLimitLeaseMs: number;
  keyCache: { ttlMs: number; maxEntries: number; unknownTtlMs: number };
  sessionRateLimitPerMinute: number;
  /** Failed authentications allowed per client IP per minute (in-process). */
  authFailureLimitPerIp: number;
  audit: { retentionDays: number; pruneIntervalMs: number };
  /** The bearer token /metrics asks for; unset, /metrics is 404 and requests are not timed. */
  metricsToken?: string;
  /** Per-key usage older than this is deleted. */
  usageRetentionDays: number;
  /** `ttl_ms` of a verify lease. */
  verifyLeaseMs: number;
  keyEvents: { pingMs: number; buffer: number; retentionMs: number };
  webhooks: {
    allowPrivateUrls: boolean;
    retryBaseMs: number;
    pollIntervalMs: number;
    workerEnabled: boolean;
  };
}

export class ConfigError extends Error {}

const HOP_COUNT = /^\d{1,2}$/;

/** TRUST_PROXY as Fastify takes it: a hop count (0-10) or the proxies' addresses; null if neither. */
export function parseTrustProxy(value: string): number | string[] | null {
  const trimmed = value.trim();
  if (HOP_COUNT.test(trimmed)) return Number(trimmed) <= 10 ? Number(trimmed) : null;
  const entries = trimmed
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  // Addresses and CIDRs as a key's allowlist takes them (the same parser).
  return entries.length > 0 && allowlistProblem(entries, 'TRUST_PROXY') === null ? entries : null;
}

interface ResolvedSecret {
  value: string;
  /** Set when the secret lives in a file in DATA_DIR. */
  file?: { path: string; generated: boolean };
}

/**
 * A secret comes from the environment; outside production a missing one is generated once and
 * kept in the data directory, so restarts neither log everyone out nor invalidate every key.
 */
function resolveSecret(
  name: string,
  fromEnv: string | undefined,
  env: EnvironmentVariables,
): ResolvedSecret {
  if (fromEnv) return { value: fromEnv };
  if (env.NODE_ENV === 'production') {
    throw new ConfigError(`${name} must be set in production (at least 32 random characters)`);
  }
  const dir = resolve(env.DATA_DIR);
  const path = join(dir, `${name.toLowerCase()}.secret`);
  mkdirSync(dir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  try {
    // `wx`: of two first starts at once, one writes and both read the same secret back.
    writeFileSync(path, secret, { mode: 0o600, flag: 'wx' });
    return { value: secret, file: { path, generated: true } };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return { value: readFileSync(path, 'utf8').trim(), file: { path, generated: false } };
  }
}

const PLACEHOLDER_SECRETS = /^(changeme|secret|password|test|example)/i;

export function loadConfig(source: NodeJS.ProcessEnv = process.env): AppConfig {
  const env = plainToInstance(EnvironmentVariables, { ...source }, { exposeDefaultValues: true });
  const errors = validateSync(env, { skipMissingProperties: false, whitelist: false });
  if (errors.length > 0) {
    const lines = errors.map(
      (e) => `  ${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`,
    );
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  if (env.NODE_ENV === 'production') {
    for (const [name, value] of [
      ['JWT_SECRET', env.JWT_SECRET],
      ['KEY_PEPPER', env.KEY_PEPPER],
    ] as const) {
      if (value && PLACEHOLDER_SECRETS.test(value)) {
        throw new ConfigError(`${name} looks like a placeholder; use at least 32 random bytes`);
      }
    }
  }
  const jwt = resolveSecret('JWT_SECRET', env.JWT_SECRET, env);
  const pepper = resolveSecret('KEY_PEPPER', env.KEY_PEPPER, env);
  const jwtSecret = jwt.value;
  const keyPepper = pepper.value;
  const secretFiles: AppConfig['secretFiles'] = [];
  for (const [name, secret] of [
    ['JWT_SECRET', jwt],
    ['KEY_PEPPER', pepper],
  ] as const) {
    if (secret.file)
      secretFiles.push({ name, file: secret.file.path, generated: secret.file.generated });
  }
  if (jwtSecret === keyPepper) throw new ConfigError('JWT_SECRET and KEY_PEPPER must differ');
  if (env.SHUTDOWN_DRAIN_MS >= env.SHUTDOWN_TIMEOUT_MS) {
    throw new ConfigError('SHUTDOWN_DRAIN_MS must be less than SHUTDOWN_TIMEOUT_MS');
  }
  if ((env.ADMIN_EMAIL === undefined) !== (env.ADMIN_PASSWORD === undefined)) {
    throw new ConfigError('ADMIN_EMAIL and ADMIN_PASSWORD must be set together');
  }
  const adminEmailProblem = env.ADMIN_EMAIL === undefined ? null : emailProblem(env.ADMIN_EMAIL);
  if (adminEmailProblem) throw new ConfigError(`ADMIN_EMAIL ${adminEmailProblem}`);
  return {
    env: env.NODE_ENV,
    port: env.PORT,
    host: env.HOST,
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: resolve(env.DATA_DIR),
    embeddedDbPort: env.EMBEDDED_DB_PORT,
    db: {
      migrationsRun: env.DB_MIGRATIONS_RUN,
      poolSize: env.DB_POOL_SIZE,
      statementTimeoutMs: env.DB_STATEMENT_TIMEOUT_MS,
      queryTimeoutMs: env.DB_QUERY_TIMEOUT_MS ?? env.DB_STATEMENT_TIMEOUT_MS + 1000,
    },
    jwt: {
      secret: jwtSecret,
      accessTtlSeconds: env.JWT_ACCESS_TTL_SECONDS,
      issuer: env.JWT_ISSUER,
      audience: env.JWT_AUDIENCE,
    },
    refreshTokenTtlSeconds: env.REFRESH_TOKEN_TTL_SECONDS,
    refreshRaceGraceMs: env.REFRESH_RACE_GRACE_MS,
    keyPepper,
    secretFiles,
    passwordMinLength: env.PASSWORD_MIN_LENGTH,
    passwordMaxLength: 256,
    maxKeysPerUser: env.MAX_KEYS_PER_USER,
    authRateLimit: {
      perIp: env.AUTH_RATE_LIMIT_PER_IP,
      perEmail: env.AUTH_RATE_LIMIT_PER_EMAIL,
      windowMs: env.AUTH_RATE_LIMIT_WINDOW_MS,
    },
    admin:
      env.ADMIN_EMAIL && env.ADMIN_PASSWORD
        ? { email: normalizeEmail(env.ADMIN_EMAIL), password: env.ADMIN_PASSWORD }
        : undefined,
    corsOrigins: (env.CORS_ORIGINS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    logLevel: env.LOG_LEVEL,
    logFormat: env.LOG_FORMAT ?? 'auto',
    logRefusalsPerSecond: env.LOG_REFUSALS_PER_SECOND,
    trustProxy: parseTrustProxy(env.TRUST_PROXY)!,
    bodyLimitBytes: 16 * 1024,
    requestTimeoutMs: env.REQUEST_TIMEOUT_MS,
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
    shutdownDrainMs: env.SHUTDOWN_DRAIN_MS,
    lastUsedFlushMs: env.LAST_USED_FLUSH_MS,
    embeddedDatabase: false,
    redis: env.REDIS_URL
      ? {
          url: env.REDIS_URL,
          commandTimeoutMs: env.REDIS_COMMAND_TIMEOUT_MS,
          keyPrefix: env.REDIS_KEY_PREFIX,
        }
      : undefined,
    rateLimitLeaseMs: env.RATE_LIMIT_LEASE_MS,
    keyCache: {
      ttlMs: env.KEY_CACHE_TTL_MS,
      maxEntries: env.KEY_CACHE_MAX_ENTRIES,
      unknownTtlMs: env.UNKNOWN_KEY_CACHE_TTL_MS,
    },
    sessionRateLimitPerMinute: env.SESSION_RATE_LIMIT_PER_MINUTE,
    authFailureLimitPerIp: env.AUTH_FAILURE_LIMIT_PER_IP,
    audit: {
      retentionDays: env.AUDIT_RETENTION_DAYS,
      pruneIntervalMs: env.AUDIT_PRUNE_INTERVAL_MS,
    },
    metricsToken: env.METRICS_TOKEN || undefined,
    usageRetentionDays: env.USAGE_RETENTION_DAYS,
    verifyLeaseMs: env.VERIFY_LEASE_MS,
    keyEvents: {
      pingMs: env.KEY_EVENTS_PING_MS,
      buffer: env.KEY_EVENTS_BUFFER,
      retentionMs: env.KEY_EVENTS_RETENTION_MS,
    },
    webhooks: {
      allowPrivateUrls: env.WEBHOOK_ALLOW_PRIVATE_URLS,
      retryBaseMs: env.WEBHOOK_RETRY_BASE_MS,
      pollIntervalMs: env.WEBHOOK_POLL_INTERVAL_MS,
      workerEnabled: env.WEBHOOK_WORKER_ENABLED,
    },
  };
}

/** Injection token: `@Inject(APP_CONFIG) config: AppConfig`. */
export const APP_CONFIG = Symbol('APP_CONFIG');

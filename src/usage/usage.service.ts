import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal';
import { ErrorCode } from '../common/error-codes';
import { ForbiddenError, NotFoundError, ValidationFailedError } from '../common/errors';
import type {
  Granularity,
  KeyUsageQueryDto,
  KeyUsageResponseDto,
  UsageSummaryQueryDto,
  UsageSummaryResponseDto,
} from './dto/usage.dto';
import { USAGE_OUTCOMES, zeroCounts, type OutcomeCounts } from './usage-outcome';
import { MINUTE_BUCKETS_KEPT_MS } from './usage-retention.job';

const DEFAULT_RANGE_MS = 24 * 3_600_000;

interface Range {
  since: Date;
  until: Date;
}

/** Reads the counts UsageCounter wrote; owners see their keys, admins every key. */
@Injectable()
export class UsageService {
  constructor(private readonly dataSource: DataSource) {}

  async forKey(
    caller: Principal,
    keyId: string,
    query: KeyUsageQueryDto,
  ): Promise<KeyUsageResponseDto> {
    const granularity = query.granularity ?? 'hour';
    const range = rangeOf(query, granularity);
    const owner = caller.role === 'admin' ? null : caller.userId;
    // Two statements: one that proves the key is visible (else 404, whatever its usage), one
    // for the buckets.
    const visible = await this.dataSource.query<unknown[]>(
      'SELECT 1 FROM api_keys WHERE id = $1 AND ($2::uuid IS NULL OR user_id = $2)',
      [keyId, owner],
    );
    if (visible.length === 0) throw new NotFoundError('API key');
    const rows = await this.dataSource.query<{ start: Date; outcome: number; n: string }[]>(
      `SELECT date_trunc($4, bucket_start, 'UTC') AS start, outcome, sum(count) AS n
         FROM key_usage
        WHERE key_id = $1 AND bucket_start >= $2 AND bucket_start < $3
        GROUP BY 1, 2
        ORDER BY 1`,
      [keyId, range.since.toISOString(), range.until.toISOString(), granularity],
    );
    const totals = zeroCounts();
    const buckets: KeyUsageResponseDto['buckets'] = [];
    for (const row of rows) {
      const start = row.start.toISOString();
      let bucket = buckets[buckets.length - 1];
      if (bucket?.start !== start) {
        bucket = { start, counts: zeroCounts() };
        buckets.push(bucket);
      }
      add(bucket.counts, totals, row.outcome, Number(row.n));
    }
    return { key_id: keyId, granularity, buckets, totals };
  }

  /** Every key in one statement, its totals beside it (keys without traffic count zeros). */
  async summary(caller: Principal, query: UsageSummaryQueryDto): Promise<UsageSummaryResponseDto> {
    if (query.all && caller.role !== 'admin') {
      throw new ForbiddenError(ErrorCode.Forbidden, "Only an admin may read other users' usage");
    }
    const range = rangeOf(query, 'hour');
    const owner = query.all ? null : caller.userId;
    const rows = await this.dataSource.query<
      { id: string; name: string; outcome: number | null; n: string | null }[]
    >(
      `SELECT k.id, k.name, u.outcome, u.n
         FROM api_keys k
         LEFT JOIN LATERAL (
           SELECT outcome, sum(count) AS n FROM key_usage
            WHERE key_id = k.id AND bucket_start >= $2 AND bucket_start < $3
            GROUP BY outcome
         ) u ON true
        WHERE $1::uuid IS NULL OR k.user_id = $1
        ORDER BY k.created_at DESC, k.id DESC`,
      [owner, range.since.toISOString(), range.until.toISOString()],
    );
    const totals = zeroCounts();
    const keys: UsageSummaryResponseDto['keys'] = [];
    for (const row of rows) {
      let key = keys[keys.length - 1];
      if (key?.key_id !== row.id) {
        key = { key_id: row.id, name: row.name, totals: zeroCounts() };
        keys.push(key);
      }
      if (row.outcome !== null) add(key.totals, totals, row.outcome, Number(row.n));
    }
    return { keys, totals };
  }
}

function add(counts: OutcomeCounts, totals: OutcomeCounts, code: number, n: number): void {
  const outcome = USAGE_OUTCOMES[code];
  if (outcome === undefined) return; // a code a newer version wrote
  counts[outcome] += n;
  totals[outcome] += n;
}

function rangeOf(query: { since?: string; until?: string }, granularity: Granularity): Range {
  const until = query.until === undefined ? new Date() : new Date(query.until);
  const since =
    query.since === undefined
      ? new Date(until.getTime() - DEFAULT_RANGE_MS)
      : new Date(query.since);
  for (const [field, date] of [
    ['since', since],
    ['until', until],
  ] as const) {
    // IsISO8601 lets through dates JavaScript cannot parse, and years PostgreSQL refuses (0).
    const year = date.getUTCFullYear();
    if (Number.isNaN(date.getTime()) || year < 1970 || year > 9999) {
      throw new ValidationFailedError([
        { field, problem: `${field} must be a date-time from 1970 to 9999` },
      ]);
    }
  }
  if (since.getTime() >= until.getTime()) {
    throw new ValidationFailedError([{ field: 'until', problem: 'until must be after since' }]);
  }
  if (granularity === 'minute' && until.getTime() - since.getTime() > MINUTE_BUCKETS_KEPT_MS) {
    throw new ValidationFailedError([
      { field: 'granularity', problem: 'minute buckets cover at most 48 hours at once' },
    ]);
  }
  return { since, until };
}

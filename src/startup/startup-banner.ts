import type { AppConfig } from '../config/app-config';

/** The address a person can open: a wildcard bind is reached on localhost. */
function publicBase(host: string, port: number): string {
  const name = ['', '0.0.0.0', '::', '[::]'].includes(host) ? 'localhost' : host;
  return `http://${name.includes(':') ? `[${name}]` : name}:${port}`;
}

/** host:port/dbname of a PostgreSQL URL, never its credentials or options. */
function describePostgres(url: string): string {
  try {
    const u = new URL(url);
    return `PostgreSQL ${u.hostname}:${u.port || '5432'}/${decodeURIComponent(u.pathname.slice(1))}`;
  } catch {
    return 'PostgreSQL (DATABASE_URL)';
  }
}

/** protocol://host:port of a Redis URL, never its credentials. */
function describeRedis(url: string): string {
  try {
    const u = new URL(url);
    const db = u.pathname.length > 1 ? u.pathname : '';
    return `${u.protocol}//${u.hostname}:${u.port || '6379'}${db}`;
  } catch {
    return 'REDIS_URL';
  }
}

const LOSING: Record<AppConfig['secretFiles'][number]['name'], string> = {
  JWT_SECRET: 'losing JWT_SECRET ends every session',
  KEY_PEPPER: 'losing KEY_PEPPER invalidates every API key',
};

const INDENT = `  ${' '.repeat(13)}`;

/**
 * What a person starting Keyward needs to know, in one place: where it answers, where the
 * documentation is, where its data and secrets live. No credentials.
 */
export function startupBanner(config: AppConfig, listening: { port: number }): string {
  const base = publicBase(config.host, listening.port);
  const row = (label: string, text: string): string => `  ${label.padEnd(13)}${text}`;
  const lines = [
    `Keyward listening on ${base}`,
    row('Swagger UI', `${base}/docs   (OpenAPI JSON at /docs-json)`),
    row(
      'Database',
      config.embeddedDatabase
        ? `embedded PostgreSQL (PGlite), data in ${config.dataDir}`
        : describePostgres(config.databaseUrl ?? ''),
    ),
    row(
      'Redis',
      config.redis
        ? describeRedis(config.redis.url)
        : 'none: rate limits and cache invalidation in process',
    ),
  ];
  if (config.secretFiles.length > 0) {
    const names = config.secretFiles.map((s) => s.name).join(' and ');
    const generated = config.secretFiles.some((s) => s.generated);
    const losing = config.secretFiles.map((s) => LOSING[s.name]);
    lines.push(
      row(
        'Secrets',
        `${names} ${generated ? 'generated in' : 'kept in'} ${config.dataDir} (keep them: ${losing[0]}${losing.length > 1 ? ',' : ')'}`,
      ),
      ...losing.slice(1).map((text, i) => `${INDENT}${text}${i === losing.length - 2 ? ')' : ','}`),
    );
  }
  return lines.join('\n');
}

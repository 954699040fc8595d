import 'reflect-metadata';
import { loadConfig, type AppConfig } from '../config/app-config';
import { startupBanner } from './startup-banner';

const SECRETS = { JWT_SECRET: 'j'.repeat(40), KEY_PEPPER: 'k'.repeat(40) };

function config(overrides: Partial<AppConfig> = {}): AppConfig {
  return {
    ...loadConfig({ NODE_ENV: 'test', DATA_DIR: '/srv/keyward/data', ...SECRETS }),
    ...overrides,
  };
}

describe('startupBanner', () => {
  it('sends a person to localhost when the server binds every address', () => {
    const text = startupBanner(config({ host: '0.0.0.0' }), { port: 8080 });
    expect(text.split('\n').slice(0, 2)).toEqual([
      'Keyward listening on http://localhost:8080',
      '  Swagger UI   http://localhost:8080/docs   (OpenAPI JSON at /docs-json)',
    ]);
    expect(startupBanner(config({ host: '::1' }), { port: 9 })).toContain('http://[::1]:9/docs');
  });

  it('names the embedded database with its data directory, and no Redis', () => {
    const text = startupBanner(config({ embeddedDatabase: true }), { port: 8080 });
    expect(text).toContain(
      '  Database     embedded PostgreSQL (PGlite), data in /srv/keyward/data\n' +
        '  Redis        none: rate limits and cache invalidation in process',
    );
  });

  it('names a PostgreSQL and a Redis by address, never by credentials', () => {
    const text = startupBanner(
      config({
        databaseUrl: 'postgres://app:pg-secret@db.internal:6432/keyward?sslmode=require',
        redis: {
          url: 'rediss://default:redis-secret@cache:6380/2',
          commandTimeoutMs: 250,
          keyPrefix: 'kw:',
        },
      }),
      { port: 8080 },
    );
    expect(text).toContain('  Database     PostgreSQL db.internal:6432/keyward\n');
    expect(text).toContain('  Redis        rediss://cache:6380/2');
    expect(text).not.toMatch(/secret|app:|default:|sslmode/);
  });

  it('says where generated secrets are and what losing each one costs', () => {
    const text = startupBanner(
      config({
        secretFiles: [
          { name: 'JWT_SECRET', file: '/srv/keyward/data/jwt_secret.secret', generated: true },
          { name: 'KEY_PEPPER', file: '/srv/keyward/data/key_pepper.secret', generated: true },
        ],
      }),
      { port: 8080 },
    );
    expect(text.split('\n').slice(4)).toEqual([
      '  Secrets      JWT_SECRET and KEY_PEPPER generated in /srv/keyward/data (keep them: losing JWT_SECRET ends every session,',
      '               losing KEY_PEPPER invalidates every API key)',
    ]);
  });

  it('reminds of secrets read back from DATA_DIR, and is silent on secrets from the environment', () => {
    const kept = startupBanner(
      config({
        secretFiles: [
          { name: 'KEY_PEPPER', file: '/srv/keyward/data/key_pepper.secret', generated: false },
        ],
      }),
      { port: 8080 },
    );
    expect(kept).toContain(
      '  Secrets      KEY_PEPPER kept in /srv/keyward/data (keep them: losing KEY_PEPPER invalidates every API key)',
    );
    expect(startupBanner(config(), { port: 8080 })).not.toContain('Secrets');
  });
});

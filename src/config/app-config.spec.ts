import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './app-config';

const strongSecret = (): string => randomBytes(32).toString('base64url');

describe('loadConfig', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'keyward-config-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  const production = (env: Record<string, string | undefined> = {}) =>
    loadConfig({
      NODE_ENV: 'production',
      DATA_DIR: dataDir,
      JWT_SECRET: strongSecret(),
      KEY_PEPPER: strongSecret(),
      ...env,
    });

  describe('in production', () => {
    it('loads with two strong, different secrets', () => {
      const jwt = strongSecret();
      const pepper = strongSecret();
      const config = production({ JWT_SECRET: jwt, KEY_PEPPER: pepper });
      expect(config.env).toBe('production');
      expect(config.jwt.secret).toBe(jwt);
      expect(config.keyPepper).toBe(pepper);
    });

    it('refuses to start without JWT_SECRET, and generates nothing', () => {
      expect(() => production({ JWT_SECRET: undefined })).toThrow(ConfigError);
      expect(() => production({ JWT_SECRET: undefined })).toThrow(/JWT_SECRET must be set/);
      expect(() => production({ JWT_SECRET: '' })).toThrow(ConfigError);
      expect(() => statSync(join(dataDir, 'jwt_secret.secret'))).toThrow();
    });

    it('refuses to start without KEY_PEPPER', () => {
      expect(() => production({ KEY_PEPPER: undefined })).toThrow(/KEY_PEPPER must be set/);
    });

    it.each([
      'changeme-changeme-changeme-changeme-changeme',
      'secretsecretsecretsecretsecretsecret',
      'CHANGEME_0123456789012345678901234567',
      'password-password-password-password',
    ])('refuses the placeholder secret %s', (placeholder) => {
      expect(placeholder.length).toBeGreaterThanOrEqual(32);
      expect(() => production({ JWT_SECRET: placeholder })).toThrow(ConfigError);
      expect(() => production({ JWT_SECRET: placeholder })).toThrow(/placeholder/);
      expect(() => production({ KEY_PEPPER: placeholder })).toThrow(/placeholder/);
    });
  });

  it.each(['production', 'development', 'test'])(
    'refuses a JWT_SECRET or KEY_PEPPER shorter than 32 characters (%s)',
    (NODE_ENV) => {
      const short = randomBytes(24).toString('base64url').slice(0, 31);
      expect(short).toHaveLength(31);
      const base = {
        NODE_ENV,
        DATA_DIR: dataDir,
        JWT_SECRET: strongSecret(),
        KEY_PEPPER: strongSecret(),
      };
      expect(() => loadConfig({ ...base, JWT_SECRET: short })).toThrow(ConfigError);
      expect(() => loadConfig({ ...base, JWT_SECRET: short })).toThrow(/JWT_SECRET/);
      expect(() => loadConfig({ ...base, KEY_PEPPER: short })).toThrow(/KEY_PEPPER/);
      // Exactly 32 is enough.
      expect(loadConfig({ ...base, JWT_SECRET: `${short}x` }).jwt.secret).toBe(`${short}x`);
    },
  );

  it('refuses the same value for JWT_SECRET and KEY_PEPPER', () => {
    const same = strongSecret();
    expect(() => production({ JWT_SECRET: same, KEY_PEPPER: same })).toThrow(ConfigError);
  });

  describe('outside production, without secrets', () => {
    const development = () => loadConfig({ NODE_ENV: 'development', DATA_DIR: dataDir });

    it('generates strong secrets into DATA_DIR, readable only by the owner', () => {
      const config = development();
      expect(config.jwt.secret.length).toBeGreaterThanOrEqual(32);
      expect(config.keyPepper.length).toBeGreaterThanOrEqual(32);
      expect(config.keyPepper).not.toBe(config.jwt.secret);
      expect(readFileSync(join(dataDir, 'jwt_secret.secret'), 'utf8').trim()).toBe(
        config.jwt.secret,
      );
      expect(readFileSync(join(dataDir, 'key_pepper.secret'), 'utf8').trim()).toBe(
        config.keyPepper,
      );
      for (const file of ['jwt_secret.secret', 'key_pepper.secret']) {
        expect(statSync(join(dataDir, file)).mode & 0o777).toBe(0o600);
      }
    });

    it('reads the same secrets back on the next load, so restarts keep sessions and keys', () => {
      const first = development();
      const second = development();
      expect(second.jwt.secret).toBe(first.jwt.secret);
      expect(second.keyPepper).toBe(first.keyPepper);
    });

    it('generates different secrets for a different DATA_DIR', () => {
      const first = development();
      const otherDir = mkdtempSync(join(tmpdir(), 'keyward-config-'));
      try {
        const other = loadConfig({ NODE_ENV: 'test', DATA_DIR: otherDir });
        expect(other.jwt.secret).not.toBe(first.jwt.secret);
        expect(other.keyPepper).not.toBe(first.keyPepper);
      } finally {
        rmSync(otherDir, { recursive: true, force: true });
      }
    });

    it('creates DATA_DIR when it does not exist yet', () => {
      const nested = join(dataDir, 'not', 'yet');
      const config = loadConfig({ NODE_ENV: 'development', DATA_DIR: nested });
      expect(readFileSync(join(nested, 'jwt_secret.secret'), 'utf8').trim()).toBe(
        config.jwt.secret,
      );
    });

    it('reports which secrets live in DATA_DIR and whether this start generated them', () => {
      expect(development().secretFiles).toEqual([
        { name: 'JWT_SECRET', file: join(dataDir, 'jwt_secret.secret'), generated: true },
        { name: 'KEY_PEPPER', file: join(dataDir, 'key_pepper.secret'), generated: true },
      ]);
      expect(development().secretFiles.map((s) => s.generated)).toEqual([false, false]);
      const fromEnv = loadConfig({
        NODE_ENV: 'development',
        DATA_DIR: dataDir,
        KEY_PEPPER: strongSecret(),
      });
      expect(fromEnv.secretFiles.map((s) => s.name)).toEqual(['JWT_SECRET']);
    });

    it('prefers secrets from the environment to generated ones', () => {
      const jwt = strongSecret();
      const config = loadConfig({ NODE_ENV: 'development', DATA_DIR: dataDir, JWT_SECRET: jwt });
      expect(config.jwt.secret).toBe(jwt);
      expect(() => statSync(join(dataDir, 'jwt_secret.secret'))).toThrow();
    });
  });

  describe('admin bootstrap', () => {
    it('refuses ADMIN_EMAIL without ADMIN_PASSWORD, and the reverse', () => {
      expect(() => production({ ADMIN_EMAIL: 'ops@example.com' })).toThrow(ConfigError);
      expect(() => production({ ADMIN_EMAIL: 'ops@example.com' })).toThrow(/ADMIN_PASSWORD/);
      expect(() => production({ ADMIN_PASSWORD: 'a long admin passphrase' })).toThrow(ConfigError);
    });

    it('takes both together', () => {
      const config = production({
        ADMIN_EMAIL: 'ops@example.com',
        ADMIN_PASSWORD: 'a long admin passphrase',
      });
      expect(config.admin).toEqual({
        email: 'ops@example.com',
        password: 'a long admin passphrase',
      });
      expect(production().admin).toBeUndefined();
    });

    it('refuses an ADMIN_EMAIL that is not an email', () => {
      expect(() =>
        production({ ADMIN_EMAIL: 'not-an-email', ADMIN_PASSWORD: 'a long admin passphrase' }),
      ).toThrow(ConfigError);
    });

    it('normalises ADMIN_EMAIL as sign-up does, and refuses a look-alike', () => {
      const password = 'a long admin passphrase';
      expect(
        production({ ADMIN_EMAIL: 'ＯＰＳ@Example.com', ADMIN_PASSWORD: password }).admin,
      ).toEqual({ email: 'ops@example.com', password });
      expect(() =>
        production({ ADMIN_EMAIL: 'op\u200Bs@example.com', ADMIN_PASSWORD: password }),
      ).toThrow(/ADMIN_EMAIL/);
    });
  });

  it('refuses invalid values with a message naming the variable', () => {
    expect(() => production({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => production({ NODE_ENV: 'staging' })).toThrow(/NODE_ENV/);
    expect(() => production({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
  });

  it('bounds REQUEST_TIMEOUT_MS: 30 s by default, never off or below a second', () => {
    expect(production().requestTimeoutMs).toBe(30_000);
    expect(production({ REQUEST_TIMEOUT_MS: '1500' }).requestTimeoutMs).toBe(1500);
    for (const value of ['0', '999', 'never', '600001']) {
      expect(() => production({ REQUEST_TIMEOUT_MS: value })).toThrow(/REQUEST_TIMEOUT_MS/);
    }
  });

  it('applies the documented defaults', () => {
    const config = production();
    expect(config).toMatchObject({
      port: 8080,
      db: { migrationsRun: true },
      passwordMinLength: 15,
      passwordMaxLength: 256,
      maxKeysPerUser: 100,
      bodyLimitBytes: 16 * 1024,
      corsOrigins: [],
      jwt: { accessTtlSeconds: 900 },
    });
    expect(config.databaseUrl).toBeUndefined();
    expect(
      production({ CORS_ORIGINS: ' https://a.example , https://b.example,' }).corsOrigins,
    ).toEqual(['https://a.example', 'https://b.example']);
  });
  it('takes TRUST_PROXY as a hop count and refuses "true", which would trust any client', () => {
    const base = { NODE_ENV: 'test', DATA_DIR: dataDir };
    expect(loadConfig({ ...base, TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig(base).trustProxy).toBe(0);
    expect(() => loadConfig({ ...base, TRUST_PROXY: 'true' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, TRUST_PROXY: '11' })).toThrow(ConfigError);
  });

  it("takes TRUST_PROXY as the proxies' addresses and CIDR ranges, and refuses anything else", () => {
    const base = { NODE_ENV: 'test', DATA_DIR: dataDir };
    expect(
      loadConfig({ ...base, TRUST_PROXY: ' 10.0.0.0/8, 127.0.0.1,fd00::/8 ' }).trustProxy,
    ).toEqual(['10.0.0.0/8', '127.0.0.1', 'fd00::/8']);
    for (const wrong of [
      '10.0.0.0/33',
      'fd00::/129',
      'proxy.internal',
      '10.0.0.1/8/1',
      ',',
      'all',
    ]) {
      expect(() => loadConfig({ ...base, TRUST_PROXY: wrong })).toThrow(ConfigError);
    }
  });

  it('prefixes Redis keys with REDIS_KEY_PREFIX (default kw:) and refuses one with spaces', () => {
    const base = { NODE_ENV: 'test', DATA_DIR: dataDir, REDIS_URL: 'redis://127.0.0.1:6379' };
    expect(loadConfig(base).redis?.keyPrefix).toBe('kw:');
    expect(loadConfig({ ...base, REDIS_KEY_PREFIX: 'tenant-a:' }).redis?.keyPrefix).toBe(
      'tenant-a:',
    );
    expect(() => loadConfig({ ...base, REDIS_KEY_PREFIX: 'a b' })).toThrow(/REDIS_KEY_PREFIX/);
  });
});

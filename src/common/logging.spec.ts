import 'reflect-metadata';
import { Writable } from 'node:stream';
import pino from 'pino';
import { generateApiKey, visiblePrefix } from '../api-keys/api-key-format';
import { loadConfig } from '../config/app-config';
import { LogSampler, PinoNestLogger, redactKeysInPath, wantsPrettyLogs } from './logging';

function capture(): { logger: PinoNestLogger; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  const logger = new PinoNestLogger(pino({ level: 'trace' }, stream));
  const lines = (): Record<string, unknown>[] =>
    chunks
      .join('')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { logger, lines };
}

describe('PinoNestLogger (Nest Logger calls as they arrive)', () => {
  it("keeps the message of logger.error({ fields }, 'message'), with its context", () => {
    const { logger, lines } = capture();
    logger.error({ reqId: 'r1' }, 'Unhandled error', 'Errors');
    expect(lines()[0]).toMatchObject({
      level: 50,
      reqId: 'r1',
      msg: 'Unhandled error',
      context: 'Errors',
    });
    expect(lines()[0]).not.toHaveProperty('stack');
  });

  it('files a stack Nest passes as a stack, and plain text as text', () => {
    const { logger, lines } = capture();
    logger.error('boom', 'Error: boom\n    at f (a.js:1:1)', 'Ctx');
    logger.warn('Redis unavailable', 'Redis');
    logger.log('two', 'parts', 'Ctx');
    const [error, warn, log] = lines();
    expect(error).toMatchObject({
      msg: 'boom',
      context: 'Ctx',
      stack: 'Error: boom\n    at f (a.js:1:1)',
    });
    expect(warn).toMatchObject({ level: 40, msg: 'Redis unavailable', context: 'Redis' });
    expect(log).toMatchObject({ level: 30, msg: 'two parts', context: 'Ctx' });
  });
});

describe('PinoNestLogger and Nest start-up chatter', () => {
  it("files Nest's module and route lines under debug, and keeps other info lines at info", () => {
    const { logger, lines } = capture();
    logger.log('AppModule dependencies initialized', 'InstanceLoader');
    logger.log('HealthController {/api/v1/health}:', 'RoutesResolver');
    logger.log('Mapped {/health, GET} route', 'RouterExplorer');
    logger.log('Starting Nest application...', 'NestFactory');
    logger.log('Nest application successfully started', 'NestApplication');
    logger.log('Keyward listening', 'Bootstrap');
    expect(lines().map((l) => [l.level, l.context])).toEqual([
      [20, 'InstanceLoader'],
      [20, 'RoutesResolver'],
      [20, 'RouterExplorer'],
      [20, 'NestFactory'],
      [20, 'NestApplication'],
      [30, 'Bootstrap'],
    ]);
  });

  it('keeps a warning from the framework at warn', () => {
    const { logger, lines } = capture();
    logger.warn('something odd', 'InstanceLoader');
    expect(lines()[0]).toMatchObject({ level: 40, context: 'InstanceLoader' });
  });
});

describe('wantsPrettyLogs', () => {
  const secrets = { JWT_SECRET: 'j'.repeat(40), KEY_PEPPER: 'k'.repeat(40) };
  const config = (env: Record<string, string>) => loadConfig({ ...secrets, ...env });

  it('is pretty on a terminal outside production, JSON otherwise', () => {
    expect(wantsPrettyLogs(config({ NODE_ENV: 'development' }), true)).toBe(true);
    expect(wantsPrettyLogs(config({ NODE_ENV: 'development' }), false)).toBe(false);
    expect(wantsPrettyLogs(config({ NODE_ENV: 'production' }), true)).toBe(false);
  });

  it('does what LOG_FORMAT says when it is set', () => {
    expect(wantsPrettyLogs(config({ NODE_ENV: 'production', LOG_FORMAT: 'pretty' }), false)).toBe(
      true,
    );
    expect(wantsPrettyLogs(config({ NODE_ENV: 'development', LOG_FORMAT: 'json' }), true)).toBe(
      false,
    );
    expect(() => config({ LOG_FORMAT: 'yaml' })).toThrow(/LOG_FORMAT/);
  });
});

describe('LogSampler', () => {
  it('admits n a second and hands the count of the rest to the next admitted line', () => {
    const sampler = new LogSampler(2);
    expect([sampler.admit(0), sampler.admit(10), sampler.admit(20), sampler.admit(30)]).toEqual([
      0,
      0,
      null,
      null,
    ]);
    expect(sampler.admit(1000)).toBe(2);
    expect(sampler.admit(1001)).toBe(0);
    sampler.admit(1002);
    expect(sampler.takeSuppressed()).toBe(1);
    expect(sampler.takeSuppressed()).toBe(0);
  });
});

describe('redactKeysInPath', () => {
  const key = generateApiKey();

  it('keeps the visible prefix of a whole key and censors the rest', () => {
    expect(redactKeysInPath(`/api/v1/api-keys/${key}/revoke`)).toBe(
      `/api/v1/api-keys/${visiblePrefix(key)}[redacted]/revoke`,
    );
  });

  it('censors a key however it is percent-encoded, and a partial key too', () => {
    const encoded = [...key].map((c) => `%${c.charCodeAt(0).toString(16)}`).join('');
    expect(redactKeysInPath(`/x/${encoded}`)).toBe(`/x/${visiblePrefix(key)}[redacted]`);
    expect(redactKeysInPath(`/x/${key.replace('_', '%5F')}`)).toBe(
      `/x/${visiblePrefix(key)}[redacted]`,
    );
    expect(redactKeysInPath(`/x/${key.slice(0, 20)}`)).toBe('/x/kw_[redacted]');
    expect(redactKeysInPath(`/x/${key.slice(0, 20)}%zz`)).toBe('/x/kw_[redacted]%zz');
  });

  it('leaves a path without a key unchanged', () => {
    expect(redactKeysInPath('/api/v1/users/5f0e8c2a-1b2c-4d5e-8f90-123456789abc')).toBe(
      '/api/v1/users/5f0e8c2a-1b2c-4d5e-8f90-123456789abc',
    );
  });
});

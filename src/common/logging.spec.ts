import { Writable } from 'node:stream';
import pino from 'pino';
import { generateApiKey, visiblePrefix } from '../api-keys/api-key-format';
import { LogSampler, PinoNestLogger, redactKeysInPath } from './logging';

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

import { blockedAddressReason, parseWebhookUrl, UrlNotAllowed } from './url-guard';
import { retryDelayMs } from './webhook-dispatcher';

describe('blockedAddressReason', () => {
  it.each([
    '127.0.0.1',
    '127.255.0.9',
    '10.0.0.1',
    '172.31.255.255',
    '192.168.0.10',
    '100.64.0.1',
    '169.254.169.254',
    '0.0.0.0',
    '224.0.0.1',
    '::1',
    '::',
    'fd12:3456::1',
    'fe80::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:a9fe:a9fe',
    '64:ff9b::7f00:1',
  ])('refuses %s', (address) => {
    expect(blockedAddressReason(address)).toMatch(/loopback, private, link-local or reserved/);
  });

  it.each(['93.184.216.34', '8.8.8.8', '172.32.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8'])(
    'allows %s',
    (address) => {
      expect(blockedAddressReason(address)).toBeNull();
    },
  );
});

describe('parseWebhookUrl', () => {
  it('takes http: and https: only', () => {
    expect(parseWebhookUrl('https://hooks.example.com/x').hostname).toBe('hooks.example.com');
    for (const bad of ['ftp://example.com/', 'file:///etc/passwd', 'javascript:alert(1)', 'nope']) {
      expect(() => parseWebhookUrl(bad)).toThrow(UrlNotAllowed);
    }
  });
});

describe('retryDelayMs', () => {
  it('doubles from the base with jitter and never waits more than an hour', () => {
    for (let attempt = 1; attempt <= 6; attempt++) {
      const nominal = 30_000 * 2 ** (attempt - 1);
      const delay = retryDelayMs(30_000, attempt);
      expect(delay).toBeGreaterThanOrEqual(nominal * 0.75);
      expect(delay).toBeLessThanOrEqual(nominal * 1.25);
    }
    expect(retryDelayMs(30_000, 40)).toBeLessThanOrEqual(3600_000);
  });
});

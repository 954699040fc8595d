import { allowlistProblem, IpAllowlist, normalizeAllowlist } from './ip-allowlist';

describe('IP allowlist', () => {
  it('stores entries in one canonical form, host bits cleared and duplicates dropped', () => {
    expect(
      normalizeAllowlist([
        '10.1.2.3/8',
        '2001:DB8:0:0:1::5/64',
        '::ffff:1.2.3.4',
        '::ffff:10.0.0.0/104',
        '::1',
        ' 10.0.0.0/8 ',
        '1:0:0:1:0:0:0:1',
        '::ffff:7f00:1',
      ]),
    ).toEqual(['10.0.0.0/8', '2001:db8::/64', '1.2.3.4', '::1', '1:0:0:1::1', '127.0.0.1']);
  });

  it.each([
    [['1.2.3.4', '300.1.1.1'], 'allowed_ips[1]: must be an IPv4 or IPv6 address'],
    [['1.2.3.4/33'], 'allowed_ips[0]: an IPv4 prefix length is at most 32'],
    [['::/129'], 'allowed_ips[0]: an IPv6 prefix length is at most 128'],
    [['01.2.3.4'], 'allowed_ips[0]: must be an IPv4 or IPv6'],
    [['fe80::1%eth0'], 'allowed_ips[0]: must be an IPv4 or IPv6'],
    [['10.0.0.0/x'], 'allowed_ips[0]: the prefix length'],
    [[7], 'allowed_ips[0]: must be a string'],
    [[], 'allowed_ips must hold at least one entry'],
  ])('refuses %j, naming the entry', (value, problem) => {
    expect(allowlistProblem(value, 'allowed_ips')).toContain(problem);
  });

  it('refuses 101 entries', () => {
    const many = Array.from({ length: 101 }, (_, i) => `10.0.0.${i}`);
    expect(allowlistProblem(many, 'allowed_ips')).toContain('at most 100 entries');
  });

  it('accepts 100 entries and the whole address space', () => {
    const hundred = Array.from({ length: 100 }, (_, i) => `10.0.0.${i}`);
    expect(allowlistProblem(hundred, 'allowed_ips')).toBeNull();
    expect(allowlistProblem(['0.0.0.0/0', '::/0'], 'allowed_ips')).toBeNull();
  });

  it('matches addresses and CIDRs of both families; IPv4-mapped clients as IPv4', () => {
    const list = new IpAllowlist(normalizeAllowlist(['10.0.0.0/8', '2001:db8::/32', '127.0.0.1']));
    expect(list.allows('10.9.9.9')).toBe(true);
    expect(list.allows('::ffff:10.9.9.9')).toBe(true);
    expect(list.allows('::ffff:127.0.0.1')).toBe(true);
    expect(list.allows('2001:db8:1::1')).toBe(true);
    expect(list.allows('11.0.0.1')).toBe(false);
    expect(list.allows('::ffff:11.0.0.1')).toBe(false);
    expect(list.allows('2001:db9::1')).toBe(false);
    expect(list.allows('not an address')).toBe(false);
  });
});

import { BlockList, isIPv4, isIPv6 } from 'node:net';

/** How many addresses or CIDRs one key's allowlist may hold. */
export const MAX_ALLOWED_IPS = 100;

type Family = 'ipv4' | 'ipv6';

interface Network {
  family: Family;
  bytes: number[];
  prefix: number;
}

const IPV4 = /^(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})$/;
const MAPPED_PREFIX = /^::ffff:/i;

function ipv4Bytes(text: string): number[] | null {
  const match = IPV4.exec(text);
  if (!match) return null;
  const bytes = match.slice(1, 5).map(Number);
  return bytes.every((b) => b <= 255) ? bytes : null;
}

/** The 16 bytes of an IPv6 address (an embedded IPv4 tail included), or null. */
function ipv6Bytes(text: string): number[] | null {
  // Zone ids (fe80::1%eth0) name an interface of one host: meaningless in an allowlist.
  if (!isIPv6(text) || text.includes('%')) return null;
  let tail: number[] = [];
  let rest = text;
  const lastColon = text.lastIndexOf(':');
  if (text.slice(lastColon + 1).includes('.')) {
    const v4 = ipv4Bytes(text.slice(lastColon + 1));
    if (v4 === null) return null;
    tail = v4;
    rest = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const [left, right] = rest.split('::');
  const head = left ? left.split(':') : [];
  const back = right === undefined ? [] : right ? right.split(':') : [];
  const groups =
    right === undefined
      ? head
      : [...head, ...Array<string>(8 - head.length - back.length).fill('0'), ...back];
  if (groups.length !== 8) return null;
  const bytes = groups.flatMap((g) => {
    const n = parseInt(g, 16);
    return [n >> 8, n & 0xff];
  });
  if (tail.length === 4) bytes.splice(12, 4, ...tail);
  return bytes;
}

const isMapped = (bytes: number[]): boolean =>
  bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;

/** RFC 5952 text: lower case, no leading zeros, the longest run of two or more zero groups as `::`. */
function formatIpv6(bytes: number[]): string {
  const groups = Array.from({ length: 8 }, (_, i) => (bytes[2 * i] << 8) | bytes[2 * i + 1]);
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) [bestStart, bestLength] = [i, j - i];
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

function maskHostBits(bytes: number[], prefix: number): number[] {
  return bytes.map((b, i) => {
    const keep = Math.max(0, Math.min(8, prefix - 8 * i));
    return b & ((0xff << (8 - keep)) & 0xff);
  });
}

/** An entry as a network, or the reason it is not one. IPv4-mapped IPv6 entries become IPv4. */
function parseEntry(entry: string): Network | string {
  const slash = entry.indexOf('/');
  const address = slash < 0 ? entry : entry.slice(0, slash);
  const prefixText = slash < 0 ? undefined : entry.slice(slash + 1);
  if (prefixText !== undefined && !/^(0|[1-9]\d{0,2})$/.test(prefixText)) {
    return 'the prefix length after / must be a whole number';
  }
  const v4 = ipv4Bytes(address);
  if (v4 !== null) {
    const prefix = prefixText === undefined ? 32 : Number(prefixText);
    if (prefix > 32) return 'an IPv4 prefix length is at most 32';
    return { family: 'ipv4', bytes: maskHostBits(v4, prefix), prefix };
  }
  const v6 = ipv6Bytes(address);
  if (v6 === null) return 'must be an IPv4 or IPv6 address or CIDR, e.g. 203.0.113.0/24';
  const prefix = prefixText === undefined ? 128 : Number(prefixText);
  if (prefix > 128) return 'an IPv6 prefix length is at most 128';
  if (isMapped(v6) && prefix >= 96) {
    return { family: 'ipv4', bytes: maskHostBits(v6.slice(12), prefix - 96), prefix: prefix - 96 };
  }
  return { family: 'ipv6', bytes: maskHostBits(v6, prefix), prefix };
}

function formatNetwork({ family, bytes, prefix }: Network): string {
  const address = family === 'ipv4' ? bytes.join('.') : formatIpv6(bytes);
  return prefix === (family === 'ipv4' ? 32 : 128) ? address : `${address}/${prefix}`;
}

/** The first problem with an `allowed_ips` value, naming the entry (`allowed_ips[2]: ...`). */
export function allowlistProblem(value: unknown, property: string): string | null {
  if (!Array.isArray(value)) return `${property} must be an array of IP addresses or CIDRs`;
  if (value.length === 0) {
    return `${property} must hold at least one entry; send null (or omit it) to allow any address`;
  }
  if (value.length > MAX_ALLOWED_IPS) {
    return `${property} must hold at most ${MAX_ALLOWED_IPS} entries`;
  }
  for (const [i, entry] of value.entries()) {
    if (typeof entry !== 'string') return `${property}[${i}]: must be a string`;
    const parsed = parseEntry(entry.trim());
    if (typeof parsed === 'string') return `${property}[${i}]: ${parsed}`;
  }
  return null;
}

/**
 * The stored form of a valid allowlist: each entry in canonical text (host bits of a CIDR
 * cleared, IPv6 per RFC 5952, IPv4-mapped entries as IPv4), duplicates dropped, order kept.
 */
export function normalizeAllowlist(entries: readonly string[]): string[] {
  const normal = entries.map((entry) => {
    const parsed = parseEntry(entry.trim());
    if (typeof parsed === 'string') throw new Error(`invalid allowlist entry: ${parsed}`);
    return formatNetwork(parsed);
  });
  return [...new Set(normal)];
}

/** A client address as matched: an IPv4-mapped IPv6 address is the IPv4 address it carries. */
function unmapped(ip: string): [string, Family] | null {
  if (isIPv4(ip)) return [ip, 'ipv4'];
  if (MAPPED_PREFIX.test(ip)) {
    const bytes = ipv6Bytes(ip);
    if (bytes !== null && isMapped(bytes)) return [bytes.slice(12).join('.'), 'ipv4'];
  }
  return isIPv6(ip) ? [ip, 'ipv6'] : null;
}

/** A stored allowlist, compiled once per cached key into Node's BlockList. */
export class IpAllowlist {
  private readonly list = new BlockList();

  constructor(entries: readonly string[]) {
    for (const entry of entries) {
      const parsed = parseEntry(entry);
      if (typeof parsed === 'string') continue; // stored entries are normalised: never happens
      const address = parsed.family === 'ipv4' ? parsed.bytes.join('.') : formatIpv6(parsed.bytes);
      this.list.addSubnet(address, parsed.prefix, parsed.family);
    }
  }

  /** Whether `ip` (as the per-IP limits see the client) is inside the allowlist. */
  allows(ip: string): boolean {
    const client = unmapped(ip);
    return client !== null && this.list.check(client[0], client[1]);
  }
}

import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/**
 * Where a webhook may not point: the service's own machine and networks (SSRF). Checked at
 * creation and again at every delivery, on the very addresses the connection then uses, so a
 * name that changes its answer in between (DNS rebinding) gains nothing.
 */
const BLOCKED = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata (169.254.169.254)
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) {
  BLOCKED.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
  ['64:ff9b::', 96], // NAT64: an IPv4 address in disguise
  ['2002::', 16], // 6to4: likewise
] as const) {
  BLOCKED.addSubnet(net, prefix, 'ipv6');
}

/** The IPv4 address inside an IPv4-mapped or -compatible IPv6 one (`::ffff:7f00:1`), if any. */
function embeddedIpv4(address: string): string | undefined {
  const lower = address.toLowerCase();
  const dotted = /^::(?:ffff:)?(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (dotted) return dotted[1];
  const hex = /^::(?:ffff:)?([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (!hex) return undefined;
  const high = parseInt(hex[1], 16);
  const low = parseInt(hex[2], 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

/** Why an address is refused, or null when a webhook may connect to it. */
export function blockedAddressReason(address: string): string | null {
  const family = isIP(address);
  if (family === 0) return 'not an IP address';
  if (family === 6) {
    const v4 = embeddedIpv4(address);
    if (v4 !== undefined) return blockedAddressReason(v4);
  }
  return BLOCKED.check(address, family === 4 ? 'ipv4' : 'ipv6')
    ? `${address} is a loopback, private, link-local or reserved address`
    : null;
}

export class UrlNotAllowed extends Error {}

/** `https:` or `http:` with a host, or UrlNotAllowed saying why not. */
export function parseWebhookUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UrlNotAllowed('must be an absolute URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new UrlNotAllowed('must use https: or http:');
  }
  if (!url.hostname) throw new UrlNotAllowed('must name a host');
  return url;
}

/** The URL's host without IPv6 brackets, as DNS and `isIP` take it. */
export const bareHost = (url: URL): string => url.hostname.replace(/^\[(.*)\]$/, '$1');

const resolveAll = (host: string): Promise<LookupAddress[]> =>
  new Promise((resolve, reject) =>
    dnsLookup(host, { all: true, verbatim: true }, (err, addresses) =>
      err ? reject(err) : resolve(addresses),
    ),
  );

/**
 * Resolves the URL's host and refuses it when any of its addresses is blocked (one private
 * answer among public ones is enough for an attacker to aim at it).
 */
export async function assertPublicHost(url: URL): Promise<void> {
  const host = bareHost(url);
  if (isIP(host)) {
    const reason = blockedAddressReason(host);
    if (reason) throw new UrlNotAllowed(reason);
    return;
  }
  let addresses: LookupAddress[];
  try {
    addresses = await resolveAll(host);
  } catch {
    throw new UrlNotAllowed(`${host} does not resolve`);
  }
  for (const { address } of addresses) {
    const reason = blockedAddressReason(address);
    if (reason) throw new UrlNotAllowed(`${host} resolves to ${reason}`);
  }
}

/**
 * A `lookup` for http.request that resolves, refuses blocked answers, and hands the connection
 * exactly the addresses it checked: nothing is resolved twice.
 */
export const guardedLookup: LookupFunction = (hostname, options, callback) => {
  resolveAll(hostname).then(
    (addresses) => {
      for (const { address } of addresses) {
        const reason = blockedAddressReason(address);
        if (reason) {
          callback(new UrlNotAllowed(`${hostname} resolves to ${reason}`), '', 0);
          return;
        }
      }
      const wanted = options.family === 4 || options.family === 6 ? options.family : 0;
      const usable = addresses.filter((a) => wanted === 0 || a.family === wanted);
      if (usable.length === 0) {
        callback(new UrlNotAllowed(`${hostname} has no usable address`), '', 0);
      } else if (options.all) {
        (callback as unknown as (err: null, all: LookupAddress[]) => void)(null, usable);
      } else {
        callback(null, usable[0].address, usable[0].family);
      }
    },
    (err: NodeJS.ErrnoException) => callback(err, '', 0),
  );
};

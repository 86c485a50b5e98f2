import { BlockList, isIP } from 'node:net';

/** Loopback, private, link-local, unspecified and other non-public ranges a webhook must not reach. */
// One list per family: a BlockList matches IPv4 addresses against IPv6 rules for mapped ranges too.
const blockedV4 = new BlockList();
const blockedV6 = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  blockedV4.addSubnet(network, prefix, 'ipv4');
}
// IPv6 forms that carry or reach an IPv4 address (IPv4-compatible, -mapped and -translated, NAT64, 6to4, Teredo)
// are refused whole rather than decoded: a public host is reachable by its plain address.
for (const [network, prefix] of [
  ['::', 96],
  ['::ffff:0:0', 96],
  ['::ffff:0:0:0', 96],
  ['64:ff9b::', 96],
  ['64:ff9b:1::', 48],
  ['100::', 64],
  ['2001::', 32],
  ['2002::', 16],
  ['fc00::', 7],
  ['fec0::', 10],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  blockedV6.addSubnet(network, prefix, 'ipv6');
}

/** Whether a literal address is one webhooks must not reach when private destinations are not allowed. */
export function isPrivateAddress(address: string): boolean {
  const plain = address.replace(/^\[|\]$/g, '');
  const family = isIP(plain);
  if (family === 0) return true; // not an address at all: refuse rather than guess
  return family === 4 ? blockedV4.check(plain, 'ipv4') : blockedV6.check(plain, 'ipv6');
}

/** What is wrong with a webhook URL on its face (scheme, credentials, a private literal address), or null. */
export function urlProblem(raw: string, allowPrivate: boolean): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'must be an absolute URL';
  }
  if (url.protocol !== 'https:' && !(allowPrivate && url.protocol === 'http:')) return 'must use https';
  if (url.username || url.password) return 'must not carry credentials';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!allowPrivate && isIP(host) !== 0 && isPrivateAddress(host)) {
    return 'must not point at a loopback, private or link-local address';
  }
  return null;
}

// IP address classification (special-purpose ranges) and offline geo/ASN lookup entry points.

import { parseIp, parseIpv6 } from './ipParse';
import { asnLookup, countryLookup } from './ipData';

export { datasetInfo } from './ipData';
export type { DatasetInfo } from './ipData';
export { cleanIpText } from './ipParse';

export interface IpClass {
  version: 4 | 6;
  /** name of the special-purpose range the address is in, null for ordinary public addresses */
  range: string | null;
  /** true for private, loopback, link-local, CGNAT, ULA and similar non-routable space */
  isPrivate: boolean;
}

interface V4Range { start: number; end: number; name: string; isPrivate: boolean }

function v4(cidr: string, name: string, isPrivate: boolean): V4Range {
  const [addr, bits] = cidr.split('/');
  const parsed = parseIp(addr ?? '');
  const base = parsed?.version === 4 ? parsed.value : 0;
  const size = 2 ** (32 - Number(bits));
  return { start: base, end: base + size - 1, name, isPrivate };
}

// IANA IPv4 Special-Purpose Address Registry (RFC 6890 and the RFCs named per row), plus multicast (RFC 5771).
const V4_RANGES: readonly V4Range[] = [
  v4('0.0.0.0/8', 'this network (RFC 791)', true),
  v4('10.0.0.0/8', 'private (RFC 1918)', true),
  v4('100.64.0.0/10', 'carrier-grade NAT (RFC 6598)', true),
  v4('127.0.0.0/8', 'loopback (RFC 1122)', true),
  v4('169.254.0.0/16', 'link-local (RFC 3927)', true),
  v4('172.16.0.0/12', 'private (RFC 1918)', true),
  v4('192.0.0.0/24', 'IETF protocol assignments (RFC 6890)', true),
  v4('192.0.2.0/24', 'documentation TEST-NET-1 (RFC 5737)', true),
  v4('192.88.99.0/24', '6to4 relay anycast (RFC 7526)', false),
  v4('192.168.0.0/16', 'private (RFC 1918)', true),
  v4('198.18.0.0/15', 'benchmarking (RFC 2544)', true),
  v4('198.51.100.0/24', 'documentation TEST-NET-2 (RFC 5737)', true),
  v4('203.0.113.0/24', 'documentation TEST-NET-3 (RFC 5737)', true),
  v4('224.0.0.0/4', 'multicast (RFC 5771)', true),
  v4('255.255.255.255/32', 'limited broadcast (RFC 919)', true),
  v4('240.0.0.0/4', 'reserved (RFC 1112)', true),
];

interface V6Range { prefix: bigint; bits: number; name: string; isPrivate: boolean }

function v6(prefix: string, bits: number, name: string, isPrivate: boolean): V6Range {
  return { prefix: parseIpv6(prefix) ?? 0n, bits, name, isPrivate };
}

// IANA IPv6 Special-Purpose Address Registry (RFC 6890 and the RFCs named per row).
const V6_RANGES: readonly V6Range[] = [
  v6('::', 128, 'unspecified (RFC 4291)', true),
  v6('::1', 128, 'loopback (RFC 4291)', true),
  v6('64:ff9b::', 96, 'NAT64 well-known prefix (RFC 6052)', false),
  v6('64:ff9b:1::', 48, 'local-use NAT64 (RFC 8215)', true),
  v6('100::', 64, 'discard-only (RFC 6666)', true),
  v6('2001::', 32, 'Teredo (RFC 4380)', false),
  v6('2001:10::', 28, 'ORCHID (RFC 4843)', true),
  v6('2001:20::', 28, 'ORCHIDv2 (RFC 7343)', true),
  v6('2001:db8::', 32, 'documentation (RFC 3849)', true),
  v6('2002::', 16, '6to4 (RFC 3056)', false),
  v6('fc00::', 7, 'unique local (RFC 4193)', true),
  v6('fe80::', 10, 'link-local (RFC 4291)', true),
  v6('fec0::', 10, 'site-local, deprecated (RFC 3879)', true),
  v6('ff00::', 8, 'multicast (RFC 4291)', true),
];

const MAPPED_PREFIX = 0xffffn << 32n;
const ALL128 = (1n << 128n) - 1n;

function classifyV4(value: number): { range: string | null; isPrivate: boolean } {
  for (const r of V4_RANGES) if (value >= r.start && value <= r.end) return { range: r.name, isPrivate: r.isPrivate };
  return { range: null, isPrivate: false };
}

/** Version and special-purpose range of an address; null when the text is not an IP address. */
export function classifyIp(ip: string | null | undefined): IpClass | null {
  const p = parseIp(ip);
  if (!p) return null;
  if (p.version === 4) return { version: 4, ...classifyV4(p.value) };
  if (p.value >> 32n === 0xffffn) {
    const inner = classifyV4(Number(p.value & 0xffffffffn));
    return { version: 6, range: `IPv4-mapped${inner.range ? `, ${inner.range}` : ''}`, isPrivate: inner.isPrivate };
  }
  for (const r of V6_RANGES) {
    const mask = (ALL128 << BigInt(128 - r.bits)) & ALL128;
    if ((p.value & mask) === r.prefix) return { version: 6, range: r.name, isPrivate: r.isPrivate };
  }
  return { version: 6, range: null, isPrivate: false };
}

export interface GeoInfo {
  country: string | null;
  asn: number | null;
  asOrg: string | null;
}

const NO_GEO: GeoInfo = Object.freeze({ country: null, asn: null, asOrg: null });

/** Country (ISO 3166 alpha-2) and AS of a public address from the bundled offline datasets. Never uses the network. */
export function geoLookup(ip: string | null | undefined): GeoInfo {
  const lookup = publicAddress(ip);
  if (!lookup) return NO_GEO;
  const as = asnLookup(lookup);
  return { country: countryLookup(lookup), asn: as?.asn ?? null, asOrg: as?.org ?? null };
}

/** Country only (what the importer stores): same answer as geoLookup(ip).country without loading the ASN dataset. */
export function countryOf(ip: string | null | undefined): string | null {
  const lookup = publicAddress(ip);
  return lookup ? countryLookup(lookup) : null;
}

/** The parsed address to look up, or null for unparsable and private addresses. */
function publicAddress(ip: string | null | undefined): ReturnType<typeof parseIp> {
  const p = parseIp(ip);
  if (!p) return null;
  const cls = classifyIp(ip);
  if (cls?.isPrivate) return null;
  // IPv4-mapped IPv6 addresses are looked up as the IPv4 address they carry.
  return p.version === 6 && (p.value >> 32n) === (MAPPED_PREFIX >> 32n) ? { version: 4, value: Number(p.value & 0xffffffffn) } : p;
}

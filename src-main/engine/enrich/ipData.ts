// Lazy loaders for the offline IP datasets shipped in node_modules (country mmdb, ASN ranges); no network, ever.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Reader } from 'maxmind';
import type { Response } from 'maxmind';
import type { ParsedIp } from './ipParse';

const COUNTRY_PKG = '@ip-location-db/geo-whois-asn-country-mmdb';
const ASN_PKG = '@ip-location-db/asn';

function moduleUrl(): string | null {
  // Empty when this file has been bundled to CommonJS (esbuild replaces import.meta with {}).
  try {
    const url: unknown = import.meta.url;
    return typeof url === 'string' && url !== '' ? url : null;
  } catch {
    return null;
  }
}

/** Directory of an installed package: tried from this module, the running script, then the working directory. */
export function packageDir(pkg: string): string | null {
  const bases = [moduleUrl(), process.argv[1] ? pathToFileURL(process.argv[1]).href : null, pathToFileURL(join(process.cwd(), '/')).href];
  for (const base of bases) {
    if (!base) continue;
    try {
      return dirname(createRequire(base).resolve(`${pkg}/package.json`));
    } catch {
      // try the next base
    }
  }
  return null;
}

// ---- country (MaxMind DB format, read with the `maxmind` reader) ----

let countryReader: Reader<Response> | null | undefined;

function getCountryReader(): Reader<Response> | null {
  if (countryReader !== undefined) return countryReader;
  countryReader = null;
  const dir = packageDir(COUNTRY_PKG);
  if (dir) {
    try {
      countryReader = new Reader<Response>(readFileSync(join(dir, 'geo-whois-asn-country.mmdb')));
    } catch {
      countryReader = null;
    }
  }
  return countryReader;
}

function formatV4(value: number): string {
  return `${value >>> 24}.${(value >>> 16) & 255}.${(value >>> 8) & 255}.${value & 255}`;
}

function formatV6(value: bigint): string {
  const groups: string[] = [];
  for (let i = 7; i >= 0; i--) groups.push(((value >> BigInt(i * 16)) & 0xffffn).toString(16));
  return groups.join(':');
}

export function countryLookup(ip: ParsedIp): string | null {
  const reader = getCountryReader();
  if (!reader) return null;
  try {
    const rec = reader.get(ip.version === 4 ? formatV4(ip.value) : formatV6(ip.value));
    const cc: unknown = rec && typeof rec === 'object' && 'country_code' in rec ? rec.country_code : null;
    return typeof cc === 'string' && /^[A-Z]{2}$/.test(cc) ? cc : null;
  } catch {
    return null;
  }
}

// ---- ASN (CSV "start,end,asn,org" with numeric addresses; ranges sorted and disjoint) ----

interface AsnTableV4 { start: Uint32Array; end: Uint32Array; asn: Uint32Array; org: Uint32Array; count: number }
interface AsnTableV6 { startHi: BigUint64Array; startLo: BigUint64Array; endHi: BigUint64Array; endLo: BigUint64Array; asn: Uint32Array; org: Uint32Array; count: number }

const orgNames: string[] = [];
const orgIndex = new Map<string, number>();
let v4Table: AsnTableV4 | null | undefined;
let v6Table: AsnTableV6 | null | undefined;

function internOrg(name: string): number {
  let i = orgIndex.get(name);
  if (i === undefined) {
    i = orgNames.length;
    orgNames.push(name);
    orgIndex.set(name, i);
  }
  return i;
}

/** Calls back with (start, end, asn, org) for each data line; the org field may be double-quoted. */
function eachAsnLine(text: string, onRow: (start: string, end: string, asn: number, org: string) => void): void {
  let pos = 0;
  while (pos < text.length) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    const c1 = text.indexOf(',', pos);
    const c2 = c1 < 0 ? -1 : text.indexOf(',', c1 + 1);
    const c3 = c2 < 0 ? -1 : text.indexOf(',', c2 + 1);
    if (c3 > 0 && c3 < nl) {
      let org = text.slice(c3 + 1, text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl);
      if (org.startsWith('"') && org.endsWith('"') && org.length >= 2) org = org.slice(1, -1).replace(/""/g, '"');
      onRow(text.slice(pos, c1), text.slice(c1 + 1, c2), Number(text.slice(c2 + 1, c3)), org);
    }
    pos = nl + 1;
  }
}

function readAsnCsv(file: string): string | null {
  const dir = packageDir(ASN_PKG);
  if (!dir) return null;
  try {
    return readFileSync(join(dir, file), 'utf8');
  } catch {
    return null;
  }
}

function loadV4(): AsnTableV4 | null {
  const text = readAsnCsv('asn-ipv4-num.csv');
  if (text === null) return null;
  const cap = text.length / 20 + 16;
  const t: AsnTableV4 = { start: new Uint32Array(cap), end: new Uint32Array(cap), asn: new Uint32Array(cap), org: new Uint32Array(cap), count: 0 };
  eachAsnLine(text, (s, e, asn, org) => {
    if (t.count >= t.start.length) return;
    t.start[t.count] = Number(s);
    t.end[t.count] = Number(e);
    t.asn[t.count] = asn;
    t.org[t.count] = internOrg(org);
    t.count++;
  });
  return t;
}

function loadV6(): AsnTableV6 | null {
  const text = readAsnCsv('asn-ipv6-num.csv');
  if (text === null) return null;
  const cap = Math.ceil(text.length / 60) + 16;
  const M64 = 0xffffffffffffffffn;
  const t: AsnTableV6 = {
    startHi: new BigUint64Array(cap), startLo: new BigUint64Array(cap), endHi: new BigUint64Array(cap), endLo: new BigUint64Array(cap),
    asn: new Uint32Array(cap), org: new Uint32Array(cap), count: 0,
  };
  eachAsnLine(text, (s, e, asn, org) => {
    if (t.count >= t.asn.length) return;
    const sv = BigInt(s);
    const ev = BigInt(e);
    t.startHi[t.count] = sv >> 64n;
    t.startLo[t.count] = sv & M64;
    t.endHi[t.count] = ev >> 64n;
    t.endLo[t.count] = ev & M64;
    t.asn[t.count] = asn;
    t.org[t.count] = internOrg(org);
    t.count++;
  });
  return t;
}

export function asnLookup(ip: ParsedIp): { asn: number; org: string | null } | null {
  if (ip.version === 4) {
    if (v4Table === undefined) v4Table = loadV4();
    const t = v4Table;
    if (!t) return null;
    let lo = 0;
    let hi = t.count - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if ((t.start[mid] ?? 0) <= ip.value) lo = mid + 1;
      else hi = mid - 1;
    }
    if (hi < 0 || ip.value > (t.end[hi] ?? 0)) return null;
    return { asn: t.asn[hi] ?? 0, org: orgNames[t.org[hi] ?? 0] || null };
  }
  if (v6Table === undefined) v6Table = loadV6();
  const t = v6Table;
  if (!t) return null;
  const at = (hiArr: BigUint64Array, loArr: BigUint64Array, i: number): bigint => ((hiArr[i] ?? 0n) << 64n) | (loArr[i] ?? 0n);
  let lo = 0;
  let hi = t.count - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (at(t.startHi, t.startLo, mid) <= ip.value) lo = mid + 1;
    else hi = mid - 1;
  }
  if (hi < 0 || ip.value > at(t.endHi, t.endLo, hi)) return null;
  return { asn: t.asn[hi] ?? 0, org: orgNames[t.org[hi] ?? 0] || null };
}

// ---- About dialog ----

export interface DatasetInfo {
  name: string;
  purpose: string;
  licence: string;
  attribution: string;
  version: string | null;
  /** data date derived from the package version (yyyymmddhh suffix), ISO date or null */
  date: string | null;
  available: boolean;
}

function readPackageJson(pkg: string): { version: string | null; license: string | null; dir: string | null } {
  const dir = packageDir(pkg);
  if (!dir) return { version: null, license: null, dir: null };
  try {
    const json: unknown = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const obj = typeof json === 'object' && json !== null ? (json as Record<string, unknown>) : {};
    return {
      version: typeof obj.version === 'string' ? obj.version : null,
      license: typeof obj.license === 'string' ? obj.license : null,
      dir,
    };
  } catch {
    return { version: null, license: null, dir };
  }
}

function dateFromVersion(version: string | null): string | null {
  const m = version ? /\.(\d{4})(\d{2})(\d{2})\d{0,2}$/.exec(version) : null;
  return m ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

/** Name, licence, version and data date of each offline dataset, read from their package.json. */
export function datasetInfo(): DatasetInfo[] {
  const country = readPackageJson(COUNTRY_PKG);
  const asn = readPackageJson(ASN_PKG);
  return [
    {
      name: COUNTRY_PKG,
      purpose: 'IP address → country',
      licence: country.license ?? 'CC0-1.0',
      attribution: 'sapics/ip-location-db; underlying WHOIS data by the NRO (CC BY 4.0)',
      version: country.version,
      date: dateFromVersion(country.version),
      available: country.dir !== null,
    },
    {
      name: ASN_PKG,
      purpose: 'IP address → autonomous system number and organisation',
      licence: 'CC-BY-4.0',
      attribution: 'IP to ASN data by RouteViews (routeviews.org) and DB-IP (https://db-ip.com), CC BY 4.0, via sapics/ip-location-db',
      version: asn.version,
      date: dateFromVersion(asn.version),
      available: asn.dir !== null,
    },
  ];
}

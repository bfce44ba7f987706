// Strict IPv4/IPv6 text parsing to numbers (no DNS, no URL parsing), shared by ip classification and geo lookup.

export type ParsedIp = { version: 4; value: number } | { version: 6; value: bigint };

const V4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

export function parseIpv4(text: string): number | null {
  const m = V4.exec(text);
  if (!m) return null;
  let value = 0;
  for (let i = 1; i <= 4; i++) {
    const octet = Number(m[i]);
    if (octet > 255) return null;
    value = value * 256 + octet;
  }
  return value;
}

export function parseIpv6(text: string): bigint | null {
  let s = text;
  const zone = s.indexOf('%');
  if (zone >= 0) s = s.slice(0, zone);
  if (s.length < 2 || s.length > 45 || !/^[0-9a-fA-F:.]+$/.test(s)) return null;
  let tail: number[] = [];
  const lastColon = s.lastIndexOf(':');
  if (s.indexOf('.') >= 0) {
    const v4 = parseIpv4(s.slice(lastColon + 1));
    if (v4 === null) return null;
    tail = [Math.floor(v4 / 65536), v4 % 65536];
    const prefix = s.slice(0, lastColon + 1);
    s = prefix.endsWith('::') ? prefix : prefix.slice(0, -1);
  }
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const parseGroups = (part: string): number[] | null => {
    if (part === '') return [];
    const groups: number[] = [];
    for (const g of part.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return null;
      groups.push(parseInt(g, 16));
    }
    return groups;
  };
  const head = parseGroups(halves[0] ?? '');
  const rest = halves.length === 2 ? parseGroups(halves[1] ?? '') : [];
  if (!head || !rest) return null;
  const explicit = head.length + rest.length + tail.length;
  let groups: number[];
  if (halves.length === 2) {
    if (explicit > 7) return null;
    groups = [...head, ...new Array<number>(8 - explicit).fill(0), ...rest, ...tail];
  } else {
    if (explicit !== 8) return null;
    groups = [...head, ...tail];
  }
  let value = 0n;
  for (const g of groups) value = (value << 16n) | BigInt(g);
  return value;
}

/** Extracts the address from `1.2.3.4`, `1.2.3.4:443`, `[2001:db8::1]:443`, `2001:db8::1`; trims whitespace. */
export function cleanIpText(text: string | null | undefined): string | null {
  if (!text) return null;
  let s = text.trim();
  if (s === '') return null;
  const bracket = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(s);
  if (bracket?.[1]) s = bracket[1];
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d{1,5}$/.test(s)) s = s.slice(0, s.lastIndexOf(':'));
  return s;
}

export function parseIp(text: string | null | undefined): ParsedIp | null {
  const s = cleanIpText(text);
  if (s === null) return null;
  const v4 = parseIpv4(s);
  if (v4 !== null) return { version: 4, value: v4 };
  if (s.indexOf(':') < 0) return null;
  const v6 = parseIpv6(s);
  return v6 === null ? null : { version: 6, value: v6 };
}

// Field names for search-engine documents (Timesketch, OpenSearch): no leading '_' (metadata), no dots (object paths).
const RESERVED = new Set(['message', 'datetime', 'timestamp', 'timestamp_desc', '@timestamp']);

function base(header: string, index: number): string {
  let name = header.trim().replace(/^@/, 'loupe_').replace(/[.\s]+/g, '_');
  if (name.startsWith('_')) name = `src${name}`;
  if (RESERVED.has(name.toLowerCase())) name = `src_${name}`;
  return name === '' ? `column_${index + 1}` : name;
}

/** Maps each header to a unique safe document field name (stable order, '_2', '_3' on collisions). */
export function documentFieldNames(headers: readonly string[]): Map<string, string> {
  const used = new Set<string>(RESERVED);
  const out = new Map<string, string>();
  headers.forEach((h, i) => {
    const b = base(h, i);
    let name = b;
    for (let n = 2; used.has(name.toLowerCase()); n += 1) name = `${b}_${n}`;
    used.add(name.toLowerCase());
    out.set(h, name);
  });
  return out;
}

/** Integer UTC microseconds from text ('1698329276736000'); BigInt because 1601..2255 exceeds 2^53 µs. */
export function parseMicros(text: string | null | undefined): bigint | null {
  if (text === null || text === undefined) return null;
  const t = text.trim();
  return /^-?\d{1,19}$/.test(t) ? BigInt(t) : null;
}

/** ISO 8601 UTC with microseconds and '+00:00' ('2023-10-26T14:07:56.736000+00:00'), or null when out of range. */
export function isoMicros(us: bigint): string | null {
  const ms = us >= 0n ? us / 1000n : (us - 999n) / 1000n;
  const sub = us - ms * 1000n;
  if (ms > 8_640_000_000_000_000n || ms < -8_640_000_000_000_000n) return null;
  const d = new Date(Number(ms));
  if (Number.isNaN(d.getTime())) return null;
  const iso = d.toISOString();
  if (!iso.endsWith('Z') || iso.startsWith('-') || iso.startsWith('+')) return null;
  return `${iso.slice(0, 23)}${String(sub).padStart(3, '0')}+00:00`;
}

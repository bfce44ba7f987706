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

/** Integer UTC microseconds from text ('1698329276736000'); null when the text is not a plain integer. */
export function parseMicros(text: string | null | undefined): number | null {
  if (text === null || text === undefined || !/^-?\d{1,19}$/.test(text.trim())) return null;
  const n = Number(text.trim());
  return Number.isSafeInteger(n) ? n : null;
}

/** ISO 8601 UTC with microseconds and '+00:00' ('2023-10-26T14:07:56.736000+00:00'), or null when out of range. */
export function isoMicros(us: number): string | null {
  const ms = Math.floor(us / 1000);
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return null;
  const sub = us - ms * 1000;
  const iso = d.toISOString();
  if (!iso.endsWith('Z') || iso.startsWith('-') || iso.startsWith('+')) return null;
  return `${iso.slice(0, 23)}${String(sub).padStart(3, '0')}+00:00`;
}

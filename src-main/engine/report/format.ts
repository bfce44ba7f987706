// Shared text formatting for every renderer: UTC/zoned times from µs, sizes, short hashes, visible control characters.

const CONTROL_OR_INVISIBLE =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Makes invisible and direction-changing characters visible as [U+202E] so attacker data cannot
 * reorder or hide report text; lone surrogates become U+FFFD.
 */
export function revealControls(text: string): string {
  return text
    .replace(LONE_SURROGATE, '\uFFFD')
    .replace(CONTROL_OR_INVISIBLE, (ch) => `[U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}]`);
}

/** ISO 8601 UTC with 'Z': milliseconds, or microseconds when the sub-millisecond part is not zero. */
export function formatUtc(us: number | null): string {
  if (us === null) return 'no time';
  if (!Number.isFinite(us)) return 'invalid time';
  const whole = Math.round(us);
  const ms = Math.floor(whole / 1000);
  const sub = whole - ms * 1000;
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return `${whole} µs (out of range)`;
  const iso = d.toISOString();
  return sub === 0 ? iso : `${iso.slice(0, -1)}${String(sub).padStart(3, '0')}Z`;
}

const zoneFormatters = new Map<string, Intl.DateTimeFormat | null>();

function zoneFormatter(zone: string): Intl.DateTimeFormat | null {
  if (!zoneFormatters.has(zone)) {
    let f: Intl.DateTimeFormat | null = null;
    try {
      f = new Intl.DateTimeFormat('en-GB', {
        timeZone: zone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hourCycle: 'h23',
        timeZoneName: 'shortOffset',
      });
    } catch {
      f = null;
    }
    zoneFormatters.set(zone, f);
  }
  return zoneFormatters.get(zone) ?? null;
}

export function isValidZone(zone: string): boolean {
  return zoneFormatter(zone) !== null;
}

/** The zone actually used: the model's zone when Intl knows it, else 'UTC'. */
export function effectiveZone(zone: string): string {
  return zone !== '' && isValidZone(zone) ? zone : 'UTC';
}

/** Wall-clock time in an IANA zone ('2023-10-26 16:07:56 GMT+2'), or null for UTC / no time. */
export function formatZoned(us: number | null, zone: string): string | null {
  if (us === null || !Number.isFinite(us) || effectiveZone(zone) === 'UTC') return null;
  const f = zoneFormatter(zone);
  const d = new Date(Math.floor(us / 1000));
  if (f === null || Number.isNaN(d.getTime())) return null;
  const p: Record<string, string> = {};
  for (const part of f.formatToParts(d)) p[part.type] = part.value;
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second} ${p.timeZoneName ?? zone}`;
}

/** UTC, plus the display zone's wall clock when it is not UTC. */
export function formatTime(us: number | null, zone: string): string {
  const zoned = formatZoned(us, zone);
  return zoned === null ? formatUtc(us) : `${formatUtc(us)} (${zoned})`;
}

export function formatBytes(n: number): string {
  if (!Number.isFinite(n) || n < 0) return String(n);
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i += 1;
  }
  const human = i === 0 ? `${v} B` : `${v.toFixed(1)} ${units[i]}`;
  return `${human} (${n} bytes)`;
}

export function shortHash(sha256: string): string {
  return sha256.slice(0, 12);
}

/** Caps very long values in tables; the full value stays in the case database and exports. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}… [${text.length - max} more characters]`;
}

/**
 * Breaks unbroken runs longer than `every` characters with a space, for the PDF only: pdfkit's line breaker is
 * superlinear (and runs out of memory) on a single very long word, and DejaVu has no zero-width space glyph.
 * Real values (hashes, GUIDs, user-agent tokens) are shorter than the default, so they are never split.
 */
export function softWrap(text: string, every = 80): string {
  return text.replace(new RegExp(`\\S{${every}}(?=\\S)`, 'g'), (run) => `${run} `);
}

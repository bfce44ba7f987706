// Formats engine-produced ISO UTC instants in a display time zone, with offset and zone label (Intl only, no Date string parsing).
import { ref } from 'vue';

export const UTC_ZONE = 'UTC';

/** The zone every displayed time uses; owned by the time-zone store, read by formatters so templates re-render. */
export const displayZone = ref<string>(UTC_ZONE);

/** An engine instant: `2023-10-26T14:07:56.736123Z` (fraction optional, 1–6 digits). */
const ENGINE_ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?Z$/;

export interface EngineInstant {
  /** Whole milliseconds since the epoch. */
  ms: number;
  /** The fraction of the second as 6 digits (µs precision). */
  micros: string;
}

/** Reads an engine ISO string by its digits (never `new Date(string)`); null when it is not that shape. */
export function parseEngineIso(iso: string): EngineInstant | null {
  const m = ENGINE_ISO.exec(iso);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number) as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  const micros = (m[7] ?? '').padEnd(6, '0');
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d); // setUTCFullYear keeps years 0–99 literal, unlike Date.UTC
  date.setUTCHours(h, mi, s, Number(micros.slice(0, 3)));
  if (date.getUTCDate() !== d) return null; // 2023-02-31 and friends
  return { ms: date.getTime(), micros };
}

/** True when Intl knows the zone (IANA names such as Europe/Berlin, or UTC). */
export function isValidTimeZone(zone: string): boolean {
  return canonicalZone(zone) !== null;
}

/**
 * A zone's display spelling (`europe/berlin` → `Europe/Berlin`), or null when Intl does not know it. The typed name
 * is kept (case fixed) rather than Intl's legacy alias, so `Asia/Kolkata` does not turn into `Asia/Calcutta`.
 */
export function canonicalZone(zone: string): string | null {
  const z = zone.trim();
  if (z === '' || z.length > 100) return null;
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat('en-US', { timeZone: z }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
  if (resolved.toLowerCase() === z.toLowerCase()) return resolved;
  const listed = knownTimeZones().find((k) => k.toLowerCase() === z.toLowerCase());
  if (listed) return listed;
  if (!/^[A-Za-z]+(?:\/[A-Za-z0-9_+-]+)+$/.test(z)) return resolved;
  return z.split('/').map((part) => part.split('_').map((w) => (w === '' ? w : w.charAt(0).toUpperCase() + w.slice(1).toLowerCase())).join('_')).join('/');
}

/** The browser's own zone (falls back to UTC). */
export function localTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || UTC_ZONE;
  } catch {
    return UTC_ZONE;
  }
}

/** Every zone Intl can list (when the runtime supports it), for the picker's suggestions. */
export function knownTimeZones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  try {
    return intl.supportedValuesOf ? intl.supportedValuesOf('timeZone') : [];
  } catch {
    return [];
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', era: 'short',
    });
    formatters.set(zone, f);
  }
  return f;
}

export interface WallClock { year: number; month: number; day: number; hour: number; minute: number; second: number }

/** The wall-clock reading of an instant (whole ms since epoch) in a zone. */
export function wallClock(ms: number, zone: string): WallClock {
  const parts = formatterFor(zone).formatToParts(new Date(ms));
  const get = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value ?? '0');
  const bc = parts.find((p) => p.type === 'era')?.value.startsWith('B') ?? false;
  return { year: bc ? 1 - get('year') : get('year'), month: get('month'), day: get('day'), hour: get('hour') % 24, minute: get('minute'), second: get('second') };
}

/** Minutes the zone is ahead of UTC at that instant (Europe/Berlin in summer: 120). */
export function zoneOffsetMinutes(ms: number, zone: string): number {
  const w = wallClock(ms, zone);
  const asUtc = new Date(0);
  asUtc.setUTCFullYear(w.year, w.month - 1, w.day);
  asUtc.setUTCHours(w.hour, w.minute, w.second, 0);
  const wholeSecond = Math.floor(ms / 1000) * 1000;
  return Math.round((asUtc.getTime() - wholeSecond) / 60_000);
}

/** `+02:00`, `-03:30`, `+00:00`. */
export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const a = Math.abs(minutes);
  return `${sign}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** `2023-10-26 16:07:56` plus the offset, for an instant in ms (used by the histogram axis too). */
export function formatMsInZone(ms: number, zone: string, fraction = ''): { text: string; offset: string } {
  const w = wallClock(ms, zone);
  const year = w.year < 0 ? `-${pad(-w.year, 4)}` : pad(w.year, 4);
  return {
    text: `${year}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}${fraction}`,
    offset: formatOffset(zoneOffsetMinutes(ms, zone)),
  };
}

/** `.736` for whole ms, `.736123` when µs matter, nothing for a whole second. */
function fractionText(micros: string): string {
  if (micros === '000000') return '';
  return micros.endsWith('000') ? `.${micros.slice(0, 3)}` : `.${micros}`;
}

/**
 * `2023-10-26T14:07:56.736Z` in Europe/Berlin → `2023-10-26 16:07:56.736 +02:00 (Europe/Berlin)`.
 * Text that is not an engine instant comes back unchanged (it is data, shown as is).
 */
export function formatInZone(iso: string, zone: string): string {
  const t = parseEngineIso(iso);
  if (!t) return iso;
  const { text, offset } = formatMsInZone(t.ms, zone, fractionText(t.micros));
  return `${text} ${offset} (${zone})`;
}

/** The current display zone applied to an engine time (null stays null). */
export function displayZoned(iso: string | null): string | null {
  return iso === null ? null : formatInZone(iso, displayZone.value);
}

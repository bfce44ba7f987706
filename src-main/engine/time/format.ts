// UTC microseconds → ISO 8601 text with exactly six fraction digits, in UTC or an IANA zone.

import { civilFromDays, daysFromCivil, SECONDS_PER_DAY, splitUs } from './civil';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
}

export function isValidTimeZone(zone: unknown): zone is string {
  if (typeof zone !== 'string' || zone === '' || zone.length > 64) return false;
  try {
    formatterFor(zone);
    return true;
  } catch {
    return false;
  }
}

function isUtc(zone: string): boolean {
  return zone.toUpperCase() === 'UTC';
}

/** Formats integer µs, e.g. `2023-10-26T14:10:50.123000Z` or `2023-10-26T16:10:50.123000+02:00`. */
export function formatUs(us: number, zone = 'UTC'): string {
  if (!Number.isFinite(us)) throw new RangeError(`not a finite time: ${String(us)}`);
  const { seconds, fracUs } = splitUs(us);
  if (isUtc(zone)) return wallClock(seconds, fracUs) + 'Z';
  if (!isValidTimeZone(zone)) throw new RangeError(`unknown time zone: ${zone}`);
  const offsetMinutes = zoneOffsetMinutes(seconds, zone);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return wallClock(seconds + offsetMinutes * 60, fracUs) + `${sign}${pad(Math.floor(abs / 60), 2)}:${pad(abs % 60, 2)}`;
}

/**
 * The zone's UTC offset at an instant, rounded to whole minutes (historic LMT offsets carry
 * seconds); the printed wall clock uses the rounded offset, so the text still names the exact instant.
 */
function zoneOffsetMinutes(utcSeconds: number, zone: string): number {
  const parts = formatterFor(zone).formatToParts(utcSeconds * 1000);
  const get = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value);
  const era = parts.find((p) => p.type === 'era')?.value ?? 'AD';
  const yearOfEra = get('year');
  const year = era === 'BC' || era === 'B' ? 1 - yearOfEra : yearOfEra;
  const wall =
    daysFromCivil(year, get('month'), get('day')) * SECONDS_PER_DAY + get('hour') * 3600 + get('minute') * 60 + get('second');
  return Math.round((wall - utcSeconds) / 60);
}

function wallClock(seconds: number, fracUs: number): string {
  const days = Math.floor(seconds / SECONDS_PER_DAY);
  const sod = seconds - days * SECONDS_PER_DAY;
  const { year, month, day } = civilFromDays(days);
  const yearText = year >= 0 && year <= 9999 ? pad(year, 4) : (year < 0 ? '-' : '+') + pad(Math.abs(year), 6);
  return (
    `${yearText}-${pad(month, 2)}-${pad(day, 2)}T` +
    `${pad(Math.floor(sod / 3600), 2)}:${pad(Math.floor((sod % 3600) / 60), 2)}:${pad(sod % 60, 2)}.${pad(fracUs, 6)}`
  );
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

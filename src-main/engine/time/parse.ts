// Strict timestamp text → UTC microseconds (ISO 8601, US/day-first exports, epochs); never uses Date parsing.

import { composeUs, daysFromCivil, isValidCivilDate, SECONDS_PER_DAY } from './civil';

export { excelSerialToUs } from './excel';
export { decideDayFirst } from './day-first';

export type TimeRule = 'iso8601' | 'us-ampm' | 'mdy' | 'dmy' | 'excel-serial' | 'epoch-s' | 'epoch-ms' | 'epoch-us';

export interface ParsedTime {
  /** UTC microseconds since 1970-01-01; may be negative. */
  us: number;
  /** Which format matched. */
  rule: TimeRule;
  /** True when the text carried an explicit offset or zone designator (Z, ±HH:MM, UTC). */
  hadOffset: boolean;
  /** True when the text had no time of day (the value names a whole day). */
  dateOnly: boolean;
}

export interface ParseTimeOptions {
  /** Read `NN/NN/YYYY` as day/month (dot dates are always day-first). */
  dayFirst?: boolean;
}

const MAX_LENGTH = 64;

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,20}))?)?(?:\s*([Zz]|UTC|GMT|[+-]\d{2}(?::?\d{2})?))?)?$/;
const SLASH =
  /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,20}))?)?(?:\s*([AaPp][Mm]))?)?$/;
const DOT = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,20}))?)?)?$/;
const EPOCH = /^(\d{10}|\d{13}|\d{16})(?:\.(\d{1,20}))?$/;

/** Parses one untrusted timestamp text; null when it is not a valid, unambiguous instant. */
export function parseTimestamp(text: string, opts?: ParseTimeOptions): ParsedTime | null {
  if (typeof text !== 'string' || text.length > MAX_LENGTH) return null;
  const s = unquote(text);
  if (s === null || s === '') return null;

  let m = ISO.exec(s);
  if (m) {
    const offset = m[8] === undefined ? 0 : offsetSeconds(m[8]);
    if (offset === null) return null;
    return build(m[1], m[2], m[3], m[4], m[5], m[6], m[7], offset, 'iso8601', m[8] !== undefined);
  }
  m = SLASH.exec(s);
  if (m) {
    const [first, second] = [m[1], m[2]];
    const dayFirst = opts?.dayFirst === true;
    const [month, day] = dayFirst ? [second, first] : [first, second];
    let hour = m[4];
    if (m[8] !== undefined) {
      const h12 = hour === undefined ? NaN : Number(hour);
      if (!(h12 >= 1 && h12 <= 12)) return null;
      const pm = m[8].toLowerCase() === 'pm';
      hour = String((h12 % 12) + (pm ? 12 : 0));
    }
    const rule: TimeRule = dayFirst ? 'dmy' : m[8] !== undefined ? 'us-ampm' : 'mdy';
    return build(m[3], month, day, hour, m[5], m[6], m[7], 0, rule, false);
  }
  m = DOT.exec(s);
  if (m) return build(m[3], m[2], m[1], m[4], m[5], m[6], m[7], 0, 'dmy', false);
  m = EPOCH.exec(s);
  if (m) return fromEpoch(m[1] ?? '', m[2] ?? '');
  return null;
}

function unquote(text: string): string | null {
  let s = text.trim();
  const q = s[0];
  if (q === '"' || q === "'") {
    if (s.length < 2 || s[s.length - 1] !== q) return null;
    s = s.slice(1, -1).trim();
  }
  return s;
}

/** Offset designator → seconds east of UTC, or null when out of range. */
function offsetSeconds(designator: string): number | null {
  const d = designator.toUpperCase();
  if (d === 'Z' || d === 'UTC' || d === 'GMT') return 0;
  const sign = d[0] === '-' ? -1 : 1;
  const digits = d.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
  if (hours > 18 || minutes > 59) return null;
  return sign * (hours * 3600 + minutes * 60);
}

/** First six fraction digits as microseconds (longer fractions are truncated, shorter padded). */
function fractionUs(fraction: string | undefined): number {
  if (fraction === undefined) return 0;
  return Number(fraction.slice(0, 6).padEnd(6, '0'));
}

function build(
  yearText: string | undefined,
  monthText: string | undefined,
  dayText: string | undefined,
  hourText: string | undefined,
  minuteText: string | undefined,
  secondText: string | undefined,
  fraction: string | undefined,
  offset: number,
  rule: TimeRule,
  hadOffset: boolean,
): ParsedTime | null {
  const year = Number(yearText);
  const month = Number(monthText);
  const day = Number(dayText);
  if (!isValidCivilDate(year, month, day)) return null;
  const hour = hourText === undefined ? 0 : Number(hourText);
  const minute = minuteText === undefined ? 0 : Number(minuteText);
  const second = secondText === undefined ? 0 : Number(secondText);
  if (hour > 23 || minute > 59 || second > 59) return null;
  const seconds = daysFromCivil(year, month, day) * SECONDS_PER_DAY + hour * 3600 + minute * 60 + second - offset;
  return { us: composeUs(seconds, fractionUs(fraction)), rule, hadOffset, dateOnly: hourText === undefined };
}

function fromEpoch(whole: string, fraction: string): ParsedTime {
  const hadOffset = true; // an epoch count is an absolute instant
  if (whole.length === 10) {
    return { us: composeUs(Number(whole), fractionUs(fraction)), rule: 'epoch-s', hadOffset, dateOnly: false };
  }
  if (whole.length === 13) {
    const ms = Number(whole);
    const seconds = Math.floor(ms / 1000);
    const subUs = (ms - seconds * 1000) * 1000 + Number(fraction.slice(0, 3).padEnd(3, '0'));
    return { us: composeUs(seconds, subUs), rule: 'epoch-ms', hadOffset, dateOnly: false };
  }
  // 16 digits: microseconds; the value is below 2^53 until 2255, so Number() is exact.
  return { us: Number(whole), rule: 'epoch-us', hadOffset, dateOnly: false };
}

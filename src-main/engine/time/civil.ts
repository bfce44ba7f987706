// Proleptic-Gregorian calendar arithmetic on UTC microseconds, independent of the process time zone.

export const US_PER_SECOND = 1_000_000;
export const SECONDS_PER_DAY = 86_400;
export const US_PER_DAY = 86_400_000_000;

/** Days since 1970-01-01 for a civil date (Howard Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

/** Inverse of daysFromCivil. */
export function civilFromDays(days: number): CivilDate {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day };
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

export function isValidCivilDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/**
 * seconds * 1e6 + fracUs, rounded once. Beyond 2^53 µs (after year 2255) a double cannot hold
 * every microsecond, so the exact sum is formed in BigInt and rounded a single time.
 */
export function composeUs(seconds: number, fracUs: number): number {
  if (Math.abs(seconds) < 9_000_000_000) return seconds * US_PER_SECOND + fracUs;
  return Number(BigInt(seconds) * 1_000_000n + BigInt(fracUs));
}

/** Splits integer microseconds into whole seconds (floored) and 0..999999 µs, exactly. */
export function splitUs(us: number): { seconds: number; fracUs: number } {
  const t = Math.floor(us);
  if (Number.isSafeInteger(t)) {
    let seconds = Math.floor(t / US_PER_SECOND);
    let fracUs = t - seconds * US_PER_SECOND;
    // t / 1e6 can round across an integer boundary; correct it.
    if (fracUs < 0) {
      seconds -= 1;
      fracUs += US_PER_SECOND;
    } else if (fracUs >= US_PER_SECOND) {
      seconds += 1;
      fracUs -= US_PER_SECOND;
    }
    return { seconds, fracUs };
  }
  const big = BigInt(t);
  let secondsBig = big / 1_000_000n;
  let fracBig = big % 1_000_000n;
  if (fracBig < 0n) {
    secondsBig -= 1n;
    fracBig += 1_000_000n;
  }
  return { seconds: Number(secondsBig), fracUs: Number(fracBig) };
}

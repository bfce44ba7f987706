// Excel date serials (1900 and 1904 systems) to UTC microseconds.

import { composeUs, daysFromCivil, SECONDS_PER_DAY } from './civil';

const DAYS_1899_12_30 = daysFromCivil(1899, 12, 30);
const DAYS_1904_01_01 = daysFromCivil(1904, 1, 1);

/**
 * Converts an Excel serial (days, fraction = time of day) to UTC microseconds.
 * 1900 system: Excel counts a fictitious 1900-02-29 as serial 60, so serials below 60 are one
 * day later than the 1899-12-30 epoch suggests; serial 60 itself is folded onto 1900-02-28.
 * The time of day is rounded to the millisecond: Excel keeps no more, and a double serial near
 * 45000 resolves only ~0.6 µs, so finer digits are float noise.
 */
export function excelSerialToUs(serial: number, date1904 = false): number {
  if (!Number.isFinite(serial)) throw new RangeError(`not a finite Excel serial: ${String(serial)}`);
  const wholeDays = Math.floor(serial);
  let ms = Math.round((serial - wholeDays) * SECONDS_PER_DAY * 1000);
  let days = wholeDays;
  if (ms >= SECONDS_PER_DAY * 1000) {
    days += 1;
    ms -= SECONDS_PER_DAY * 1000;
  }
  let epochDays: number;
  if (date1904) epochDays = DAYS_1904_01_01 + days;
  else epochDays = DAYS_1899_12_30 + days + (days < 60 ? 1 : 0);
  const seconds = epochDays * SECONDS_PER_DAY + Math.floor(ms / 1000);
  return composeUs(seconds, (ms % 1000) * 1000);
}

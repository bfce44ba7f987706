// formatUs and isValidTimeZone, plus round-trip properties parse(formatUs(us)) === us.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatUs, isValidTimeZone } from '../../../src-main/engine/time/format';
import { parseTimestamp } from '../../../src-main/engine/time/parse';

const US_1601 = -11_644_473_600_000_000n;
const US_10000 = 253_402_300_800_000_000n; // 10000-01-01, exclusive
const US_2255 = 9_007_199_254_740_991n; // Number.MAX_SAFE_INTEGER: every µs exact below this

describe('formatUs', () => {
  it('prints UTC with six fraction digits and Z', () => {
    expect(formatUs(1_698_329_450_123_000)).toBe('2023-10-26T14:10:50.123000Z');
    expect(formatUs(0)).toBe('1970-01-01T00:00:00.000000Z');
    expect(formatUs(-1)).toBe('1969-12-31T23:59:59.999999Z');
    expect(formatUs(-11_644_473_600_000_000)).toBe('1601-01-01T00:00:00.000000Z');
    expect(formatUs(8_141_641_261_000_000)).toBe('2227-12-31T23:01:01.000000Z');
    expect(formatUs(1_698_329_450_123_000, 'utc')).toBe('2023-10-26T14:10:50.123000Z');
  });

  it('prints other zones with their offset at that instant', () => {
    expect(formatUs(1_698_329_450_123_000, 'Europe/Berlin')).toBe('2023-10-26T16:10:50.123000+02:00');
    expect(formatUs(1_698_624_000_000_000, 'Europe/Berlin')).toBe('2023-10-30T01:00:00.000000+01:00'); // after DST
    expect(formatUs(1_698_329_450_123_000, 'America/New_York')).toBe('2023-10-26T10:10:50.123000-04:00');
    expect(formatUs(1_698_329_450_123_000, 'Asia/Kolkata')).toBe('2023-10-26T19:40:50.123000+05:30');
    expect(formatUs(1_698_329_450_123_000, 'Pacific/Chatham')).toBe('2023-10-27T03:55:50.123000+13:45');
    expect(formatUs(1_698_329_450_123_000, 'Etc/UTC')).toBe('2023-10-26T14:10:50.123000+00:00');
  });

  it('rejects unknown zones and non-finite times', () => {
    expect(() => formatUs(0, 'Mars/Olympus')).toThrow(RangeError);
    expect(() => formatUs(Number.NaN)).toThrow(RangeError);
  });

  it('isValidTimeZone', () => {
    expect(isValidTimeZone('Europe/Berlin')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
    expect(isValidTimeZone(42)).toBe(false);
  });
});

describe('round trip', () => {
  it('parse(formatUs(us)) === us for every µs in 1601..2255 (exact doubles)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: US_1601, max: US_2255 }), (big) => {
        const us = Number(big);
        expect(parseTimestamp(formatUs(us))?.us).toBe(us);
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('parse(formatUs(us)) === us for every double-representable instant in 1601..9999', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: US_1601, max: US_10000 - 1n }), (big) => {
        const us = Number(big); // above 2^53 this rounds to a double; the round trip must keep it
        if (us >= Number(US_10000)) return;
        expect(parseTimestamp(formatUs(us))?.us).toBe(us);
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('the instant survives formatting in any zone', () => {
    const zones = ['Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Pacific/Chatham', 'Australia/Lord_Howe'];
    fc.assert(
      fc.property(fc.bigInt({ min: US_1601, max: US_2255 }), fc.constantFrom(...zones), (big, zone) => {
        const us = Number(big);
        expect(parseTimestamp(formatUs(us, zone))?.us).toBe(us);
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});

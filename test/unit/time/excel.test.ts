// Excel serial conversion, including the 1900 leap-year bug and the 1904 system.
import { describe, expect, it } from 'vitest';
import { excelSerialToUs } from '../../../src-main/engine/time/parse';
import { formatUs } from '../../../src-main/engine/time/format';

describe('excelSerialToUs', () => {
  const cases: [number, boolean, string][] = [
    [45225.5, false, '2023-10-26T12:00:00.000000Z'],
    [45225, false, '2023-10-26T00:00:00.000000Z'],
    [45225.590856481, false, '2023-10-26T14:10:50.000000Z'], // float noise rounds to the millisecond
    [45225.59086226852, false, '2023-10-26T14:10:50.500000Z'],
    [61, false, '1900-03-01T00:00:00.000000Z'],
    [60, false, '1900-02-28T00:00:00.000000Z'], // fictitious 1900-02-29 folded onto the day before
    [59, false, '1900-02-28T00:00:00.000000Z'],
    [1, false, '1900-01-01T00:00:00.000000Z'],
    [1.75, false, '1900-01-01T18:00:00.000000Z'],
    [0, true, '1904-01-01T00:00:00.000000Z'],
    [43763.5, true, '2023-10-26T12:00:00.000000Z'], // 1462 days apart from the 1900 system
    [45225.99999999999, false, '2023-10-27T00:00:00.000000Z'], // rounds into the next day
    [2958465.999988426, false, '9999-12-31T23:59:59.000000Z'],
  ];
  it.each(cases)('%d (1904=%s) → %s', (serial, date1904, expected) => {
    expect(formatUs(excelSerialToUs(serial, date1904))).toBe(expected);
  });

  it('rejects non-finite serials', () => {
    expect(() => excelSerialToUs(Number.NaN)).toThrow(RangeError);
    expect(() => excelSerialToUs(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

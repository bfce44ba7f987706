// Table-driven tests for parseTimestamp: every accepted format, and the malformed inputs it must reject.
import { describe, expect, it } from 'vitest';
import { parseTimestamp } from '../../../src-main/engine/time/parse';
import { formatUs } from '../../../src-main/engine/time/format';

function iso(text: string, dayFirst?: boolean): string | null {
  const p = parseTimestamp(text, dayFirst === undefined ? undefined : { dayFirst });
  return p === null ? null : formatUs(p.us);
}

describe('parseTimestamp accepts', () => {
  const cases: [string, string, string][] = [
    // input, expected UTC, rule
    ['2023-10-26T14:10:50.123Z', '2023-10-26T14:10:50.123000Z', 'iso8601'],
    ['2023-10-26T14:10:50Z', '2023-10-26T14:10:50.000000Z', 'iso8601'],
    ['2023-10-26T14:10:50.1234567Z', '2023-10-26T14:10:50.123456Z', 'iso8601'], // .NET 7 digits, truncated
    ['2023-10-26T14:10:50.9999999Z', '2023-10-26T14:10:50.999999Z', 'iso8601'], // truncated, never rounded up
    ['2023-10-26T14:10:50.1Z', '2023-10-26T14:10:50.100000Z', 'iso8601'],
    ['2023-10-26t14:10:50z', '2023-10-26T14:10:50.000000Z', 'iso8601'],
    ['2023-10-26T14:10:50+02:00', '2023-10-26T12:10:50.000000Z', 'iso8601'],
    ['2023-10-26T14:10:50-0530', '2023-10-26T19:40:50.000000Z', 'iso8601'],
    ['2023-10-26T01:10:50+05', '2023-10-25T20:10:50.000000Z', 'iso8601'],
    ['2023-10-26T14:10:50', '2023-10-26T14:10:50.000000Z', 'iso8601'], // no offset = UTC
    ['2023-10-26 14:10:50.470323', '2023-10-26T14:10:50.470323Z', 'iso8601'],
    ['2023-10-26 14:10:50 UTC', '2023-10-26T14:10:50.000000Z', 'iso8601'],
    ['2023-10-27T12:00Z', '2023-10-27T12:00:00.000000Z', 'iso8601'],
    ['2023-10-26', '2023-10-26T00:00:00.000000Z', 'iso8601'],
    ['2024-02-29', '2024-02-29T00:00:00.000000Z', 'iso8601'],
    ['2000-02-29T23:59:59.999999Z', '2000-02-29T23:59:59.999999Z', 'iso8601'],
    ['1601-01-01T00:00:00Z', '1601-01-01T00:00:00.000000Z', 'iso8601'],
    ['9999-12-31T23:59:59Z', '9999-12-31T23:59:59.000000Z', 'iso8601'],
    ['1969-12-31T23:59:59.999999Z', '1969-12-31T23:59:59.999999Z', 'iso8601'],
    ['"2026-01-24T06:54:24.0000000Z "', '2026-01-24T06:54:24.000000Z', 'iso8601'], // Purview
    ["  '2026-01-24T06:54:24Z'  ", '2026-01-24T06:54:24.000000Z', 'iso8601'],
    ['\t2023-10-26T14:10:50Z\n', '2023-10-26T14:10:50.000000Z', 'iso8601'],
    ['4/28/2021, 2:08:45.221 PM', '2021-04-28T14:08:45.221000Z', 'us-ampm'], // Log Analytics
    ['4/28/2021, 12:08:45.221 AM', '2021-04-28T00:08:45.221000Z', 'us-ampm'],
    ['4/28/2021 12:08:45 PM', '2021-04-28T12:08:45.000000Z', 'us-ampm'],
    ['12/31/2021 11:59:59 pm', '2021-12-31T23:59:59.000000Z', 'us-ampm'],
    ['4/28/2021 14:08:45', '2021-04-28T14:08:45.000000Z', 'mdy'],
    ['04/05/2021', '2021-04-05T00:00:00.000000Z', 'mdy'],
    ['26.10.2023 14:10:50', '2023-10-26T14:10:50.000000Z', 'dmy'], // dot dates are always day-first
    ['05.04.2021', '2021-04-05T00:00:00.000000Z', 'dmy'],
    ['1698329450', '2023-10-26T14:10:50.000000Z', 'epoch-s'],
    ['1698329450.25', '2023-10-26T14:10:50.250000Z', 'epoch-s'],
    ['1698329450123', '2023-10-26T14:10:50.123000Z', 'epoch-ms'],
    ['1698329450123.456', '2023-10-26T14:10:50.123456Z', 'epoch-ms'],
    ['1668056848119860', '2022-11-10T05:07:28.119860Z', 'epoch-us'],
  ];
  it.each(cases)('%s → %s (%s)', (input, expected, rule) => {
    const p = parseTimestamp(input);
    expect(p).not.toBeNull();
    expect(p === null ? null : formatUs(p.us)).toBe(expected);
    expect(p?.rule).toBe(rule);
  });

  it('reads day-first slash dates only when asked', () => {
    expect(iso('05/04/2021 13:00:00', true)).toBe('2021-04-05T13:00:00.000000Z');
    expect(iso('05/04/2021 13:00:00', false)).toBe('2021-05-04T13:00:00.000000Z');
    expect(iso('26/10/2023 14:10:50', true)).toBe('2023-10-26T14:10:50.000000Z');
    expect(iso('26/10/2023 14:10:50')).toBeNull(); // month 26
    expect(parseTimestamp('26/10/2023', { dayFirst: true })?.rule).toBe('dmy');
  });

  it('reports offsets and date-only values', () => {
    expect(parseTimestamp('2023-10-26T14:10:50Z')).toMatchObject({ hadOffset: true, dateOnly: false });
    expect(parseTimestamp('2023-10-26T14:10:50')).toMatchObject({ hadOffset: false, dateOnly: false });
    expect(parseTimestamp('2023-10-26')).toMatchObject({ hadOffset: false, dateOnly: true });
    expect(parseTimestamp('4/28/2021')).toMatchObject({ dateOnly: true });
  });

  it('gives negative microseconds before 1970', () => {
    expect(parseTimestamp('1601-01-01T00:00:00Z')?.us).toBe(-11_644_473_600_000_000);
    expect(parseTimestamp('1969-12-31T23:59:59.999999Z')?.us).toBe(-1);
  });
});

describe('parseTimestamp rejects', () => {
  const bad = [
    '2022-11-10T05-07-28+00:00', // Timesketch malformed time
    '2023-02-30',
    '2023-02-29T00:00:00Z', // not a leap year
    '1900-02-29',
    '2023-13-01',
    '2023-00-10',
    '2023-10-00',
    '2023-10-26T24:00:00Z',
    '2023-10-26T23:60:00Z',
    '2023-10-26T23:59:60Z',
    '2023-10-26T14:10:50+19:00',
    '2023-10-26T14:10:50+02:60',
    '2023-10-26Z', // an offset needs a time
    '2023-10-26T',
    '2023-10-26T14',
    '2023-1-26',
    '23-10-26',
    '13/28/2021 10:00:00',
    '4/31/2021',
    '4/28/2021 13:08:45 PM',
    '4/28/2021 0:08:45 AM',
    '31.02.2021',
    '',
    '   ',
    '"',
    '"2023-10-26T14:10:50Z',
    '123456789', // 9 digits: no plausible epoch
    '12345678901',
    '45225.5', // an Excel serial is not a timestamp text
    'now',
    'yesterday',
    '2023-10-26T14:10:50Z; DROP TABLE x',
    '２０２３-10-26', // full-width digits
    '2023-10-26T14:10:50.' ,
    '2023-10-26T14:10:50Z'.padEnd(80, ' ') + 'x',
  ];
  it.each(bad)('%j → null', (input) => {
    expect(parseTimestamp(input)).toBeNull();
  });

  it('rejects non-string input at runtime', () => {
    expect(parseTimestamp(12345 as unknown as string)).toBeNull();
  });
});

// The Timesketch peer fixtures: the parser must yield expected.json's instants and reject the malformed datetime.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { parseTimestamp } from '../../../src-main/engine/time/parse';
import { formatUs } from '../../../src-main/engine/time/format';

const dir = resolve(__dirname, '../../../../shared/fixtures/peer/timesketch');
const TIME_COLUMNS = ['DT', 'datetime', 'timestamp'];

function rows(file: string): Record<string, string>[] {
  const parsed = Papa.parse<Record<string, string>>(readFileSync(resolve(dir, file), 'utf8'), {
    header: true,
    skipEmptyLines: true,
  });
  return parsed.data;
}

function parsedTimes(row: Record<string, string>): string[] {
  const out: string[] = [];
  for (const column of TIME_COLUMNS) {
    const value = row[column];
    if (value === undefined || value === '') continue;
    const p = parseTimestamp(value);
    if (p !== null) out.push(formatUs(p.us));
  }
  return out;
}

describe('Timesketch time fixtures', () => {
  const expected = JSON.parse(readFileSync(resolve(dir, 'expected.json'), 'utf8')) as Record<string, string[]>;

  it('covers the three unambiguous files', () => {
    expect(Object.keys(expected).sort()).toEqual([
      'incorrect.csv',
      'validate_date_events_timestamp_manipulation.csv',
      'validate_time_out_of_range.csv',
    ]);
  });

  for (const [file, instants] of Object.entries(expected)) {
    it(`${file}: every time column that parses gives the expected instant`, () => {
      const data = rows(file);
      expect(data).toHaveLength(instants.length);
      data.forEach((row, i) => {
        const times = parsedTimes(row);
        expect(times.length).toBeGreaterThan(0);
        for (const t of times) expect(t).toBe(instants[i]);
      });
    });
  }

  it('validate_date_events.csv: rejects the malformed datetime and reads the µs epoch', () => {
    const data = rows('validate_date_events.csv');
    expect(data).toHaveLength(2);
    for (const row of data) {
      expect(parseTimestamp(row.datetime ?? '')).toBeNull();
      const ts = parseTimestamp(row.timestamp ?? '');
      expect(ts?.rule).toBe('epoch-us');
      expect(ts === null ? null : formatUs(ts.us)).toBe('2022-11-10T05:07:28.119860Z');
    }
  });

  it('validate_time_precision.csv: keeps the datetime microseconds, refuses the 9-digit timestamp', () => {
    const [first, second] = rows('validate_time_precision.csv');
    expect(formatUs(parseTimestamp(first?.datetime ?? '')?.us ?? NaN)).toBe('2024-07-24T10:57:02.877297Z');
    expect(parseTimestamp(first?.timestamp ?? '')).toBeNull();
    expect(formatUs(parseTimestamp(second?.timestamp ?? '')?.us ?? NaN)).toBe('2012-03-14T04:17:38.276340Z');
  });
});

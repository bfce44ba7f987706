// Timesketch JSONL export: one event per line with the mandatory message, datetime, timestamp_desc (+ µs timestamp).
// Timesketch's import rules: `message`, `datetime` (ISO 8601) and `timestamp_desc` are mandatory; `timestamp` (epoch µs)
// is optional and used when present; every other key becomes a field. Keys starting with '_' collide with OpenSearch
// metadata fields (_id, _index, _source) and are renamed; dots are replaced because OpenSearch reads them as object paths.
import type { ExportResult, ExportRow, RowSource } from './rows';
import { documentFieldNames, isoMicros, parseMicros } from './fieldNames';
import { writeTextAtomic } from './lineFile';

export interface TimelineExportOptions {
  headers: string[];
  rows: RowSource;
  /** Column holding UTC microseconds as integer text (default '@time'). */
  timeColumn?: string;
  /** Builds the event message; default: the @operation/@user/@ip/@result fields, else the first non-empty columns. */
  message?: (row: ExportRow) => string;
  /** Default 'Event time'. */
  timestampDesc?: string;
}

export interface TimelineDocument {
  timeUs: bigint;
  iso: string;
  /** Ordered key/value pairs; `timestamp` is written as a bare integer (it may exceed 2^53). */
  fields: [string, string | bigint][];
}

/** One JSON object; BigInt values are written as exact integer literals. */
export function documentJson(fields: readonly [string, string | bigint][]): string {
  return `{${fields.map(([k, v]) => `${JSON.stringify(k)}:${typeof v === 'bigint' ? v.toString() : JSON.stringify(v)}`).join(',')}}`;
}

export function defaultMessage(row: ExportRow, headers: readonly string[]): string {
  const preferred = ['@operation', '@user', '@ip', '@result', '@resource']
    .map((h) => row[h])
    .filter((v): v is string => v !== null && v !== undefined && v.trim() !== '');
  if (preferred.length > 0) return preferred.join(' | ');
  const first = headers
    .filter((h) => h !== '@time')
    .map((h) => [h, row[h]] as const)
    .filter((p): p is readonly [string, string] => p[1] !== null && p[1] !== undefined && p[1].trim() !== '')
    .slice(0, 5);
  return first.length > 0 ? first.map(([h, v]) => `${h}=${v}`).join(' ') : '(empty row)';
}

/** Turns rows into timeline documents; rows without a usable time are counted, not emitted. */
export async function* timelineDocuments(
  options: TimelineExportOptions,
  onSkip: () => void,
): AsyncGenerator<TimelineDocument> {
  const names = documentFieldNames(options.headers);
  const timeColumn = options.timeColumn ?? '@time';
  const desc = options.timestampDesc ?? 'Event time';
  for await (const row of options.rows) {
    const timeUs = parseMicros(row[timeColumn]);
    const iso = timeUs === null ? null : isoMicros(timeUs);
    if (timeUs === null || iso === null) {
      onSkip();
      continue;
    }
    const fields: [string, string | bigint][] = [
      ['message', options.message ? options.message(row) : defaultMessage(row, options.headers)],
      ['datetime', iso],
      ['timestamp', timeUs],
      ['timestamp_desc', desc],
    ];
    for (const h of options.headers) {
      const v = row[h];
      const name = names.get(h);
      if (v !== null && v !== undefined && name !== undefined) fields.push([name, v]);
    }
    yield { timeUs, iso, fields };
  }
}

export async function exportTimesketch(path: string, options: TimelineExportOptions): Promise<ExportResult> {
  let rows = 0;
  let skipped = 0;
  const file = await writeTextAtomic(path, async (write) => {
    for await (const d of timelineDocuments(options, () => (skipped += 1))) {
      await write(`${documentJson(d.fields)}\n`);
      rows += 1;
    }
  });
  return { path, rows, ...file, skipped: { count: skipped, reason: 'no valid UTC time in the time column' } };
}

// RFC 4180 CSV export, UTF-8 (optional BOM), spreadsheet-safe by default (formula triggers prefixed with "'").
import type { ExportResult, RowSource } from './rows';
import { neutralizeCell, type SpreadsheetMode } from './neutralize';
import { writeTextAtomic } from './lineFile';

export interface CsvExportOptions {
  headers: string[];
  rows: RowSource;
  /** Prepend a UTF-8 BOM so Excel detects the encoding (default false). */
  bom?: boolean;
  /** 'safe' (default) prefixes formula triggers; 'raw' writes values untouched and must be labelled as such in the UI. */
  mode?: SpreadsheetMode;
}

/** One RFC 4180 field: quoted when it holds a comma, quote, CR or LF; quotes doubled. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csvRecord(values: readonly string[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

export async function exportCsv(path: string, options: CsvExportOptions): Promise<ExportResult> {
  const mode = options.mode ?? 'safe';
  const headers = options.headers;
  let rows = 0;
  const file = await writeTextAtomic(path, async (write) => {
    if (options.bom === true) await write('\uFEFF');
    await write(csvRecord(headers.map((h) => neutralizeCell(h, mode))));
    for await (const row of options.rows) {
      await write(csvRecord(headers.map((h) => neutralizeCell(row[h] ?? '', mode))));
      rows += 1;
    }
  });
  return { path, rows, mode, ...file };
}

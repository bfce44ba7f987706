// Writes demo tables as CSV in the two real dialects: portal download (all quoted) and Log Analytics export.
import { writeFile } from 'node:fs/promises';
import type { DemoTable } from './facts';
import type { Cell } from './signin-columns';
import { isoSeconds } from './time-format';

export type CsvDialect = 'portal' | 'log-analytics';

function cellText(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'object') return isoSeconds(cell.utcMs);
  return String(cell);
}

const quote = (text: string): string => `"${text.replaceAll('"', '""')}"`;
const needsQuotes = (text: string): boolean => /[",\r\n]/.test(text) || text !== text.trim();

/** Entra portal download: every field double-quoted. Log Analytics: UTF-8 BOM, CRLF, quoted only when needed. */
export function toCsv(table: DemoTable, dialect: CsvDialect): string {
  const encode = dialect === 'portal' ? quote : (t: string): string => (needsQuotes(t) ? quote(t) : t);
  const lines = [table.headers.map(encode).join(',')];
  for (const { cells } of table.rows) lines.push(cells.map((c) => encode(cellText(c))).join(','));
  const body = `${lines.join('\r\n')}\r\n`;
  return dialect === 'log-analytics' ? `\uFEFF${body}` : body;
}

export async function writeCsv(path: string, table: DemoTable, dialect: CsvDialect): Promise<void> {
  await writeFile(path, toCsv(table, dialect), 'utf8');
}

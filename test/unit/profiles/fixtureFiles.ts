// Test helpers: read headers and first records of the shared fixtures with deliberately simple code.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import ExcelJS from 'exceljs';

export const FIXTURES = resolve(__dirname, '../../../../shared/fixtures');
export const HEADERS_DIR = resolve(__dirname, '../../../../shared/docs/azure-headers');

/** Minimal RFC 4180 reader (quoted fields, doubled quotes, newlines inside quotes); BOM stripped. */
export function parseCsv(text: string, maxRecords = Infinity): string[][] {
  const s = text.replace(/^\uFEFF/, '');
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < s.length && rows.length < maxRecords; i++) {
    const c = s[i];
    if (quoted) {
      if (c === '"') {
        if (s[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && s[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if ((field !== '' || row.length > 0) && rows.length < maxRecords) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

export function readCsvFixture(path: string, maxRecords = 50): { headers: string[]; rows: (string | null)[][] } {
  const [headers = [], ...rows] = parseCsv(readFileSync(path, 'utf8'), maxRecords + 1);
  return { headers, rows: rows.map((r) => r.map((c) => (c === '' ? null : c))) };
}

/** Flattens nested objects to dot paths, like a JSON table reader would; arrays stay JSON text. */
export function flatten(obj: Record<string, unknown>, prefix = '', out: Record<string, string | null> = {}): Record<string, string | null> {
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) flatten(v as Record<string, unknown>, key, out);
    else out[key] = v === null || v === undefined ? null : typeof v === 'string' ? v : JSON.stringify(v);
  }
  return out;
}

export function tableFromRecords(records: Record<string, unknown>[]): { headers: string[]; rows: (string | null)[][]; raws: string[] } {
  const flat = records.map((r) => flatten(r));
  const headers: string[] = [];
  for (const f of flat) for (const k of Object.keys(f)) if (!headers.includes(k)) headers.push(k);
  return { headers, rows: flat.map((f) => headers.map((h) => f[h] ?? null)), raws: records.map((r) => JSON.stringify(r)) };
}

function cellText(v: ExcelJS.CellValue): string | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') return 'text' in v && typeof v.text === 'string' ? v.text : JSON.stringify(v);
  return String(v);
}

export async function readXlsxFixture(path: string, maxRows = 1000): Promise<{ headers: string[]; rows: (string | null)[][] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const ws = wb.worksheets[0];
  if (!ws) throw new Error('no sheet');
  const width = ws.getRow(1).cellCount;
  const rows: (string | null)[][] = [];
  for (let r = 1; r <= Math.min(ws.rowCount, maxRows + 1); r++) {
    const row = ws.getRow(r);
    const cells: (string | null)[] = [];
    for (let c = 1; c <= width; c++) cells.push(cellText(row.getCell(c).value));
    rows.push(cells);
  }
  const [headers = [], ...data] = rows;
  return { headers: headers.map((h) => h ?? ''), rows: data };
}

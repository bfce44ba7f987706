// Streamed XLSX export (exceljs WorkbookWriter): every value a string cell, never a formula or hyperlink, same neutralization as CSV.
import ExcelJS from 'exceljs';
import { createReadStream } from 'node:fs';
import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import type { ExportResult, RowSource } from './rows';
import { neutralizeCell, type SpreadsheetMode } from './neutralize';
import { writeFileAtomic } from '../report/atomic';

export interface XlsxExportOptions {
  headers: string[];
  rows: RowSource;
  mode?: SpreadsheetMode;
  /** Sheet name; sanitized to Excel's rules (default 'Export'). */
  sheetName?: string;
}

/** Excel's hard limits. */
export const XLSX_MAX_CELL_CHARS = 32_767;
export const XLSX_MAX_ROWS = 1_048_576;

// Characters XML 1.0 cannot carry; Excel rejects a workbook containing them.
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function safeSheetName(name: string): string {
  const cleaned = name.replace(/[\\/?*[\]:]/g, '_').replace(XML_INVALID, '_').replace(/^'+|'+$/g, '').slice(0, 31);
  return cleaned.trim() === '' || cleaned.toLowerCase() === 'history' ? 'Export' : cleaned;
}

interface CellFix {
  text: string;
  altered: boolean;
}

function xlsxText(value: string, mode: SpreadsheetMode): CellFix {
  let text = neutralizeCell(value, mode);
  let altered = false;
  if (XML_INVALID.test(text)) {
    text = text.replace(XML_INVALID, '\uFFFD');
    altered = true;
  }
  XML_INVALID.lastIndex = 0;
  if (text.length > XLSX_MAX_CELL_CHARS) {
    const marker = '… [truncated]';
    text = text.slice(0, XLSX_MAX_CELL_CHARS - marker.length) + marker;
    altered = true;
  }
  return { text, altered };
}

async function hashFile(path: string): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return { bytes: (await stat(path)).size, sha256: hash.digest('hex') };
}

export async function exportXlsx(path: string, options: XlsxExportOptions): Promise<ExportResult> {
  const mode = options.mode ?? 'safe';
  const baseName = safeSheetName(options.sheetName ?? 'Export');
  let rows = 0;
  let altered = 0;
  const cells = (values: string[]): string[] =>
    values.map((v) => {
      const fix = xlsxText(v, mode);
      if (fix.altered) altered += 1;
      return fix.text;
    });

  await writeFileAtomic(path, async (tmp) => {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: tmp, useStyles: false, useSharedStrings: false });
    const header = cells(options.headers);
    let sheetNo = 1;
    let sheet = workbook.addWorksheet(baseName);
    let sheetRows = 0;
    const addRow = (values: string[]): void => {
      // Passing plain strings makes exceljs write string cells; it never turns a string into a formula or hyperlink.
      sheet.addRow(values).commit();
      sheetRows += 1;
    };
    addRow(header);
    for await (const row of options.rows) {
      if (sheetRows >= XLSX_MAX_ROWS) {
        sheet.commit();
        sheetNo += 1;
        sheet = workbook.addWorksheet(safeSheetName(`${baseName.slice(0, 25)} (${sheetNo})`));
        sheetRows = 0;
        addRow(header);
      }
      addRow(cells(options.headers.map((h) => row[h] ?? '')));
      rows += 1;
    }
    sheet.commit();
    await workbook.commit();
  });
  const file = await hashFile(path);
  return {
    path,
    rows,
    mode,
    ...file,
    altered: { count: altered, reason: 'XML-invalid characters replaced by U+FFFD or cell cut to 32,767 characters' },
  };
}

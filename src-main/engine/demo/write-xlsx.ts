// Writes one demo table as a single-sheet .xlsx with exceljs's streaming writer, byte-identical across runs.
import { readFile, writeFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type { DemoTable } from './facts';
import { FILE_DATE_UTC } from './scenario';
import { fixZipTimestamps } from './zip-timestamps';

const DATE_FORMAT = 'yyyy-mm-dd hh:mm:ss';

type XlsxValue = string | number | Date | null;

export async function writeXlsx(path: string, sheetName: string, table: DemoTable): Promise<void> {
  const fixed = new Date(FILE_DATE_UTC);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: false });
  workbook.creator = 'Loupe demo';
  workbook.lastModifiedBy = 'Loupe demo';
  workbook.created = fixed;
  workbook.modified = fixed;
  const sheet = workbook.addWorksheet(sheetName);
  sheet.addRow([...table.headers]).commit();
  for (const { cells } of table.rows) {
    const values: XlsxValue[] = cells.map((cell) => (cell !== null && typeof cell === 'object' ? new Date(cell.utcMs) : cell));
    const row = sheet.addRow(values);
    values.forEach((value, index) => {
      if (value instanceof Date) row.getCell(index + 1).numFmt = DATE_FORMAT;
    });
    row.commit();
  }
  sheet.commit();
  await workbook.commit();
  // archiver stamps each zip entry with the current time; pin them so two runs give the same bytes.
  await writeFile(path, fixZipTimestamps(await readFile(path), FILE_DATE_UTC));
}

// Deterministic Key Vault-shaped XLSX (first 30 columns of the CSV shape), written with exceljs's streaming writer.
import ExcelJS from 'exceljs';
import { KV_HEADERS, kvRow, makeIdentities, prng } from '../gen-kv-csv.mjs';

export async function generateKvXlsx(path, rows) {
  const r = prng(20231026);
  const ids = makeIdentities(r);
  const t0 = Date.UTC(2023, 9, 1);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: false, useSharedStrings: false });
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow(KV_HEADERS.slice(0, 30)).commit();
  for (let i = 0; i < rows - 1; i++) ws.addRow(kvRow(r, ids, i, t0).slice(0, 30)).commit();
  ws.commit();
  await wb.commit();
}

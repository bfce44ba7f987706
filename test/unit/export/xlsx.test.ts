// XLSX export: unzipped sheet XML has no <f> formulas and no hyperlink relationships; values prefixed as in CSV.
import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yauzl from 'yauzl';
import ExcelJS from 'exceljs';
import { exportXlsx, XLSX_MAX_CELL_CHARS } from '../../../src-main/engine/export/xlsx';

const dir = mkdtempSync(join(tmpdir(), 'loupe-xlsx-'));

async function unzip(path: string): Promise<Map<string, string>> {
  const zip = await yauzl.openPromise(path);
  const out = new Map<string, string>();
  try {
    for await (const entry of zip.eachEntry()) {
      const stream = await zip.openReadStreamPromise(entry);
      const chunks: Buffer[] = [];
      for await (const c of stream) chunks.push(c as Buffer);
      out.set(entry.fileName, Buffer.concat(chunks).toString('utf8'));
    }
  } finally {
    zip.close();
  }
  return out;
}

const VALUES = ['=HYPERLINK("http://evil.example","click")', '=1+1', '+cmd', '@SUM(A1)', 'http://evil.example/x', 'mailto:a@b.c', 'plain', '＝1', 'nul\u0000bell\u0007', 'x'.repeat(40_000)];

describe('exportXlsx', () => {
  it('writes only string cells: no <f>, no hyperlinks, formulas prefixed, limits respected', async () => {
    const path = join(dir, 'out.xlsx');
    const res = await exportXlsx(path, { headers: ['=Header', 'v'], rows: VALUES.map((v, i) => ({ '=Header': String(i), v })) });
    expect(res.rows).toBe(VALUES.length);
    expect(res.mode).toBe('safe');
    expect(res.altered?.count).toBe(2);
    const files = await unzip(path);
    const sheets = [...files.keys()].filter((f) => /^xl\/worksheets\/sheet\d+\.xml$/.test(f));
    expect(sheets.length).toBe(1);
    for (const [name, xml] of files) {
      expect(xml, name).not.toMatch(/<f[\s>]/);
      expect(xml, name).not.toMatch(/<hyperlinks?[\s>]/i);
      if (name.endsWith('.rels')) expect(xml, name).not.toMatch(/relationships\/hyperlink/);
    }
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const ws = wb.worksheets[0];
    if (!ws) throw new Error('no sheet');
    expect(ws.getCell('A1').value).toBe("'=Header");
    const got = VALUES.map((_, i) => ws.getCell(i + 2, 2).value);
    expect(got.slice(0, 8)).toEqual(["'=HYPERLINK(\"http://evil.example\",\"click\")", "'=1+1", "'+cmd", "'@SUM(A1)", 'http://evil.example/x', 'mailto:a@b.c', 'plain', "'＝1"]);
    expect(got[8]).toBe('nul\uFFFDbell\uFFFD');
    expect(String(got[9]).length).toBe(XLSX_MAX_CELL_CHARS);
    for (const v of got) expect(typeof v).toBe('string');
  });
});

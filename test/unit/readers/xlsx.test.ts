// XLSX reader: cell kinds → text, sheets, header detection, limits, and a mutate-a-valid-workbook property.
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import fs from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { ImportError, type InputSource } from '../../../src-main/engine/importers/readers';
import { errorOf, memoryInput, readAll, readOne } from './helpers';

function xlsxInput(name: string, buf: Buffer): InputSource {
  return { ...memoryInput(name, buf, 'xlsx'), container: { name: 'mem.zip', path: '/memory/mem.zip' } };
}

async function book(build: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('XLSX cells', () => {
  it('turns every cell kind into text', async () => {
    const buf = await book((wb) => {
      const ws = wb.addWorksheet('Data');
      ws.getCell('B3').value = 'text';
      ws.getCell('C3').value = 'num';
      ws.getCell('D3').value = 'bool';
      ws.getCell('E3').value = 'rich';
      ws.getCell('F3').value = 'formula';
      ws.getCell('G3').value = 'error';
      ws.getCell('H3').value = 'link';
      ws.getCell('I3').value = 'date';
      const r = ws.getRow(5);
      r.getCell(2).value = ' keep  spaces ';
      r.getCell(3).value = 0.1 + 0.2;
      r.getCell(4).value = true;
      r.getCell(5).value = { richText: [{ text: 'Bold' }, { font: { italic: true }, text: ' and italic' }] };
      r.getCell(6).value = { formula: 'C5*2', result: 0.6000000000000001 };
      r.getCell(7).value = { error: '#N/A' };
      r.getCell(8).value = { text: 'site', hyperlink: 'http://example.invalid/' };
      r.getCell(9).value = new Date(Date.UTC(2023, 9, 26, 14, 7, 56, 736));
      r.getCell(9).numFmt = 'yyyy-mm-dd hh:mm:ss.000';
      ws.getRow(6).getCell(3).value = -12345678901234;
      ws.getRow(6).getCell(11).value = 'beyond';
    });
    const t = await readOne(xlsxInput('kinds.xlsx', buf));
    expect(t.name).toBe('kinds.xlsx#Data');
    expect(t.headers).toEqual(['', 'text', 'num', 'bool', 'rich', 'formula', 'error', 'link', 'date']);
    expect(t.rows[0]).toEqual({
      row: 5,
      cells: [null, ' keep  spaces ', '0.30000000000000004', 'TRUE', 'Bold and italic', '0.6000000000000001', '#N/A', 'site', '2023-10-26T14:07:56.736Z'],
    });
    expect(t.rows[1]).toEqual({ row: 6, cells: [null, null, '-12345678901234', null, null, null, null, null, null], extra: ['', 'beyond'] });
    expect(t.warnings).toEqual([{ row: 6, message: 'row has cells beyond the 9 header columns; extra cells kept' }]);
    expect(t.meta).toMatchObject({ sheet: 'Data', dateSystem: '1900' });
  });

  it('dates come out the same whatever the process time zone (UTC fields only)', async () => {
    const buf = await book((wb) => {
      const ws = wb.addWorksheet('S');
      ws.addRow(['when']);
      ws.addRow([new Date(Date.UTC(2021, 2, 28, 2, 30, 0, 0))]);
    });
    const before = process.env.TZ;
    try {
      const got: string[] = [];
      for (const tz of ['UTC', 'America/New_York', 'Asia/Kolkata', 'Pacific/Chatham']) {
        process.env.TZ = tz;
        got.push((await readOne(xlsxInput('tz.xlsx', buf))).rows[0]!.cells[0]!);
      }
      expect(new Set(got)).toEqual(new Set(['2021-03-28T02:30:00.000Z']));
    } finally {
      process.env.TZ = before;
    }
  });
});

describe('XLSX sheets', () => {
  const threeSheets = () =>
    book((wb) => {
      wb.addWorksheet('Empty');
      const a = wb.addWorksheet('A');
      a.addRow(['x']);
      a.addRow(['1']);
      const b = wb.addWorksheet('B <b>');
      b.addRow(['y', 'z']);
      b.addRow(['2', '3']);
      b.addRow(['4', '5']);
    });
  it('one table per non-empty sheet, in order', async () => {
    const tables = await readAll(xlsxInput('m.xlsx', await threeSheets()));
    expect(tables.map((t) => [t.name, t.rows.length])).toEqual([['m.xlsx#A', 1], ['m.xlsx#B <b>', 2]]);
  });
  it('opts.sheet selects one sheet, and a missing sheet is an error', async () => {
    const buf = await threeSheets();
    const tables = await readAll(xlsxInput('m.xlsx', buf), { sheet: 'B <b>' });
    expect(tables.map((t) => t.name)).toEqual(['m.xlsx#B <b>']);
    const err = await errorOf(() => readAll(xlsxInput('m.xlsx', buf), { sheet: 'Nope' }));
    expect(err.message).toBe('m.xlsx: no non-empty sheet named "Nope"');
  });
  it('tables come in the workbook\'s tab order, not the numbering of the sheet parts', async () => {
    const buf = await book((wb) => {
      const a = wb.addWorksheet('A');
      a.addRow(['x']);
      a.addRow(['1']);
      const b = wb.addWorksheet('B');
      b.addRow(['y']);
      b.addRow(['2']);
      // tab order B, A (exceljs's untyped orderNo); the parts stay sheet1.xml = A, sheet2.xml = B
      (a as unknown as { orderNo: number }).orderNo = 1;
      (b as unknown as { orderNo: number }).orderNo = 0;
    });
    const tables = await readAll(xlsxInput('t.xlsx', buf));
    expect(tables.map((t) => [t.name, t.rows[0]!.cells])).toEqual([['t.xlsx#B', ['2']], ['t.xlsx#A', ['1']]]);
  });
  it('reads each part through the zip directory: no sheet is parked in a temp file, whatever the part order', async () => {
    // exceljs's one-pass reader wrote every sheet stored before sharedStrings.xml to a temp file (and could lose the
    // last part, xl/workbook.xml in these files: exceljs#3064)
    const spy = vi.spyOn(fs, 'createWriteStream');
    try {
      const tables = await readAll(xlsxInput('m.xlsx', await threeSheets()));
      expect(tables.map((t) => t.name)).toEqual(['m.xlsx#A', 'm.xlsx#B <b>']);
      expect(spy).not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
  });
  it('a table whose batches were never read is skipped cleanly', async () => {
    const { openTables } = await import('../../../src-main/engine/importers/readers');
    const names: string[] = [];
    for await (const t of openTables(xlsxInput('m.xlsx', await threeSheets()))) names.push(t.name);
    expect(names).toEqual(['m.xlsx#A', 'm.xlsx#B <b>']);
  });
  it('cell limit names the sheet and row', async () => {
    const buf = await book((wb) => {
      const ws = wb.addWorksheet('S');
      ws.addRow(['h']);
      ws.addRow(['é'.repeat(600)]);
    });
    const err = await errorOf(() => readOne(xlsxInput('c.xlsx', buf), { limits: { maxCellBytes: 1000 } }));
    expect(err.message).toBe('c.xlsx#S row 2: cell is 1200 bytes, over the 1000 bytes limit');
  });
});

describe('XLSX mutation (property)', () => {
  it('byte flips and truncations give a controlled ImportError or a parse, never a hang or a raw crash', async () => {
    const base = await book((wb) => {
      const ws = wb.addWorksheet('S');
      ws.addRow(['a', 'b', 'c']);
      for (let i = 0; i < 50; i++) ws.addRow([`v${i}`, i, new Date(Date.UTC(2023, 0, 1, 0, 0, i))]);
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat({ max: base.length - 1 }), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 8 }),
        fc.option(fc.nat({ max: base.length }), { nil: undefined }),
        async (flips, cut) => {
          const buf = Buffer.from(base);
          for (const [at, x] of flips) buf[at]! ^= x;
          const input = xlsxInput('mut.xlsx', cut === undefined ? buf : buf.subarray(0, cut));
          const t0 = Date.now();
          try {
            await readAll(input);
          } catch (err) {
            expect(err).toBeInstanceOf(ImportError);
          }
          expect(Date.now() - t0).toBeLessThan(5000);
        },
      ),
      { seed: 42, numRuns: 150 },
    );
  });
});

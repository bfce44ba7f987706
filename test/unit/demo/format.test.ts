// Tests for the demo's timestamp text and the zip timestamp pinning used for byte-identical .xlsx files.
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoSeconds, laTimestamp } from '../../../src-main/engine/demo/time-format';
import { dosDateTime, fixZipTimestamps } from '../../../src-main/engine/demo/zip-timestamps';
import { ipRangeText } from '../../../src-main/engine/demo/facts';

describe('laTimestamp', () => {
  it('writes the Log Analytics en-US 12-hour shape, including the midnight and noon edges', () => {
    expect(laTimestamp(Date.UTC(2023, 9, 21, 0, 3, 59, 942))).toBe('10/21/2023, 12:03:59.942 AM');
    expect(laTimestamp(Date.UTC(2023, 9, 26, 12, 0, 0, 5))).toBe('10/26/2023, 12:00:00.005 PM');
    expect(laTimestamp(Date.UTC(2023, 9, 26, 14, 7, 56, 736))).toBe('10/26/2023, 2:07:56.736 PM');
    expect(laTimestamp(Date.UTC(2024, 0, 1, 23, 59, 59, 999))).toBe('1/1/2024, 11:59:59.999 PM');
  });

  it('round-trips every instant through a strict parse of its text', () => {
    const re = /^(\d{1,2})\/(\d{1,2})\/(\d{4}), (\d{1,2}):(\d{2}):(\d{2})\.(\d{3}) (AM|PM)$/;
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2090, 0, 1) }), (ms) => {
        const m = re.exec(laTimestamp(ms));
        expect(m).not.toBeNull();
        if (!m) return;
        const [mo, d, y, h, mi, s, f] = m.slice(1, 8).map(Number) as [number, number, number, number, number, number, number];
        expect(h).toBeGreaterThanOrEqual(1);
        expect(h).toBeLessThanOrEqual(12);
        expect(Date.UTC(y, mo - 1, d, (h % 12) + (m[8] === 'PM' ? 12 : 0), mi, s, f)).toBe(ms);
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('writes portal ISO text to the second', () => {
    expect(isoSeconds(Date.UTC(2023, 9, 26, 14, 7, 56, 736))).toBe('2023-10-26T14:07:56Z');
  });
});

describe('zip timestamps', () => {
  it('encodes MS-DOS date/time words', () => {
    expect(dosDateTime(Date.UTC(1980, 0, 1))).toEqual({ date: 0x21, time: 0 });
    expect(dosDateTime(Date.UTC(2023, 9, 28, 9, 0, 3))).toEqual({ date: (43 << 9) | (10 << 5) | 28, time: (9 << 11) | 1 });
    expect(() => dosDateTime(Date.UTC(1979, 11, 31))).toThrow();
  });

  it('rejects bytes that are not a zip', () => {
    expect(() => fixZipTimestamps(Buffer.from('PK not really a zip file at all, sorry'), Date.UTC(2023, 0, 1))).toThrow(/zip/);
    expect(() => fixZipTimestamps(Buffer.alloc(10), Date.UTC(2023, 0, 1))).toThrow();
  });

  it('changes only header date/time words of a real workbook, which still opens', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('S').addRow(['a', 1, '<script>alert(1)</script>']);
    const original = Buffer.from(await wb.xlsx.writeBuffer());
    const a = fixZipTimestamps(original, Date.UTC(2023, 9, 28, 9));
    const b = fixZipTimestamps(original, Date.UTC(2001, 1, 3, 4, 5, 6));
    expect(a.length).toBe(original.length);
    expect(fixZipTimestamps(b, Date.UTC(2023, 9, 28, 9))).toEqual(a);
    const differing = [...a.keys()].filter((i) => a[i] !== b[i]).length;
    const entries = a.readUInt16LE(a.length - 22 + 10);
    expect(differing).toBeGreaterThan(0);
    expect(differing).toBeLessThanOrEqual(entries * 2 * 4);
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(a.buffer.slice(a.byteOffset, a.byteOffset + a.length) as ArrayBuffer);
    expect(back.worksheets[0]?.getRow(1).getCell(3).value).toBe('<script>alert(1)</script>');
  });
});

describe('ipRangeText', () => {
  it('collapses one consecutive /24 run and lists anything else', () => {
    expect(ipRangeText(['45.155.205.32', '45.155.205.30', '45.155.205.31'])).toBe('45.155.205.30-32');
    expect(ipRangeText(['45.155.205.30', '45.155.205.32'])).toBe('45.155.205.30, 45.155.205.32');
    expect(ipRangeText(['10.0.0.1', '10.0.1.2'])).toBe('10.0.0.1, 10.0.1.2');
    expect(ipRangeText(['10.0.0.1'])).toBe('10.0.0.1');
  });
});

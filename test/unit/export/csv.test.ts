// CSV export: RFC 4180 round trip, BOM, spreadsheet-safe prefix exactly when a trigger leads, raw mode, atomic.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Papa from 'papaparse';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { exportCsv } from '../../../src-main/engine/export/csv';
import type { ExportRow } from '../../../src-main/engine/export/rows';

const dir = mkdtempSync(join(tmpdir(), 'loupe-csv-'));
const TRIGGERS = ['=', '+', '-', '@', '\t', '\r', '\n', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20'];
const FIXTURES = ['=HYPERLINK("http://x?"&A1)', "=cmd|' /C calc'!A0", '@SUM(1+1)*cmd|\' /C calc\'!A0', '-2+3', '\t=1', '＝1+1', 'plain, "quoted"\r\nmultiline'];

function parse(path: string): string[][] {
  const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  const res = Papa.parse<string[]>(text, { newline: '\r\n' });
  const data = res.data;
  if (data.length > 0 && data[data.length - 1]?.length === 1 && data[data.length - 1]?.[0] === '') data.pop();
  return data;
}

async function* slowly(rows: ExportRow[]): AsyncGenerator<ExportRow> {
  for (const r of rows) yield r;
}

describe('exportCsv', () => {
  it('neutralizes the SECURITY.md fixtures and records the mode; raw mode writes them untouched', async () => {
    const rows = FIXTURES.map((v) => ({ v }));
    const safe = await exportCsv(join(dir, 'safe.csv'), { headers: ['v'], rows: slowly(rows), bom: true });
    expect(safe.mode).toBe('safe');
    expect(safe.rows).toBe(FIXTURES.length);
    const buf = readFileSync(join(dir, 'safe.csv'));
    expect(buf.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(safe.sha256).toBe(createHash('sha256').update(buf).digest('hex'));
    expect(safe.bytes).toBe(buf.length);
    expect(parse(join(dir, 'safe.csv')).slice(1).map((r) => r[0])).toEqual(FIXTURES.map((v) => (v === 'plain, "quoted"\r\nmultiline' ? v : `'${v}`)));
    const raw = await exportCsv(join(dir, 'raw.csv'), { headers: ['v'], rows, mode: 'raw' });
    expect(raw.mode).toBe('raw');
    expect(parse(join(dir, 'raw.csv')).slice(1).map((r) => r[0])).toEqual(FIXTURES);
  });

  it('property: export → parse back equals the original, or "\'"+original exactly when a trigger leads', async () => {
    const cell = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 20 }),
      fc.tuple(fc.constantFrom(...TRIGGERS), fc.string({ maxLength: 10 })).map(([t, s]) => t + s),
      fc.string({ unit: fc.constantFrom(',', '"', '\r', '\n', 'a', ' ', "'", '='), maxLength: 12 }),
    );
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(cell, cell), { minLength: 1, maxLength: 8 }), async (pairs) => {
        const path = join(dir, `p${n++}.csv`);
        await exportCsv(path, { headers: ['a', 'b'], rows: pairs.map(([a, b]) => ({ a, b })) });
        const back = parse(path).slice(1);
        expect(back).toHaveLength(pairs.length);
        back.forEach((r, i) => {
          [0, 1].forEach((c) => {
            const original = pairs[i]?.[c] ?? '';
            const leads = TRIGGERS.some((t) => original.startsWith(t));
            expect(r[c]).toBe(leads ? `'${original}` : original);
          });
        });
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('leaves no file when the row source throws midway', async () => {
    async function* broken(): AsyncGenerator<ExportRow> {
      yield { v: 'one' };
      throw new Error('query interrupted');
    }
    const path = join(dir, 'broken.csv');
    await expect(exportCsv(path, { headers: ['v'], rows: broken() })).rejects.toThrow('query interrupted');
    expect(existsSync(path)).toBe(false);
  });
});

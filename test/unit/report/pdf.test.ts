// PDF report: valid PDF, page numbers, seed IOC values and techniques present as text, hostile Unicode, 2000-row speed.
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { renderPdf } from '../../../src-main/engine/report/pdf';
import { PS_NOTE, seedModel, writeUpIocValues } from './fixtures';
import { HOSTILE } from './hostile';
import { readPdf } from './pdfText';
import type { ReportBookmark } from '../../../src-main/engine/report/model';

const dir = mkdtempSync(join(tmpdir(), 'loupe-pdf-'));
const squash = (s: string): string => s.replace(/\s+/g, '');

describe('renderPdf', () => {
  it('writes a PDF whose text holds every write-up IOC (defanged), the techniques and page numbers', async () => {
    const out = join(dir, 'seed.pdf');
    await renderPdf(seedModel(), out);
    const buf = readFileSync(out);
    expect(buf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const { pages, text } = readPdf(buf);
    expect(pages).toBeGreaterThanOrEqual(2);
    const flat = squash(text);
    for (const v of [...writeUpIocValues(), 'T1528', 'T1530', 'T1552.001', 'Steal Application Access Token', 'Data from Cloud Storage', PS_NOTE]) {
      expect(flat, v).toContain(squash(v));
    }
    for (let p = 1; p <= pages; p += 1) expect(text).toContain(`Page ${p} of ${pages}`);
    expect(text).toContain(`Audit chain head ${'c3'.repeat(32)}`);
    expect(text).toContain('Case case-seed-0001');
    expect(readdirSync(dir).filter((f) => f.endsWith('.loupe-tmp'))).toEqual([]);
  });

  it('survives hostile Unicode, bidi overrides, CJK and 50k-character values', async () => {
    const m = seedModel();
    m.bookmarks = HOSTILE.map((s, i): ReportBookmark => {
      const base = m.bookmarks[i % m.bookmarks.length];
      if (!base) throw new Error('fixture');
      return { ...base, id: 100 + i, note: s, row: { ...base.row, row: i, fields: [{ name: 'v', value: s }], normalized: { user_agent: s }, cells: { User: s } } };
    });
    m.caseInfo = { ...m.caseInfo, name: 'user\u202Egnp.exe 日本語', summary: HOSTILE.join('\n') };
    const out = join(dir, 'hostile.pdf');
    await renderPdf(m, out);
    const { pages, text } = readPdf(readFileSync(out));
    expect(pages).toBeGreaterThan(1);
    expect(text).toContain('[U+202E]');
    expect(text).not.toContain('\u202E');
  });

  it('renders a 2000-row timeline in a few seconds, header repeated on every page', async () => {
    const m = seedModel();
    const base = m.bookmarks[2];
    if (!base) throw new Error('fixture');
    m.bookmarks = Array.from({ length: 2000 }, (_, i) => ({ ...base, id: i + 1, note: `row ${i}`, row: { ...base.row, row: i + 2, time: (base.row.time ?? 0) + i } }));
    m.findings = [];
    const out = join(dir, 'big.pdf');
    const started = Date.now();
    await renderPdf(m, out);
    const ms = Date.now() - started;
    expect(ms).toBeLessThan(15_000);
    const { pages, text } = readPdf(readFileSync(out));
    expect(pages).toBeGreaterThan(20);
    const headerRepeats = text.split('\n').filter((l) => l === 'Key fields').length;
    expect(headerRepeats).toBeGreaterThan(pages / 2);
    console.log(`2000-row PDF: ${pages} pages in ${ms} ms`);
  });

  it('leaves no file when rendering fails (bad font directory)', async () => {
    const out = join(dir, 'fail.pdf');
    await expect(renderPdf(seedModel(), out, { fontDir: join(dir, 'nope') })).rejects.toThrow();
    expect(existsSync(out)).toBe(false);
  });

  it('every page rasterizes to a non-trivial PNG (pdftoppm, when installed)', () => {
    if (!existsSync('/usr/bin/pdftoppm')) {
      console.log('skipped rasterization: /usr/bin/pdftoppm is not installed on this machine');
      return;
    }
    const out = join(dir, 'seed.pdf');
    execFileSync('/usr/bin/pdftoppm', ['-png', '-r', '40', out, join(dir, 'page')]);
    const pngs = readdirSync(dir).filter((f) => f.startsWith('page') && f.endsWith('.png'));
    expect(pngs.length).toBe(readPdf(readFileSync(out)).pages);
    for (const p of pngs) expect(statSync(join(dir, p)).size).toBeGreaterThan(2000);
  });
});

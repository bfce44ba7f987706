// Import progress figures: MB read, rows/s and ETA from two progress events, and nothing invented before they can be measured.
import { describe, expect, it } from 'vitest';
import { progressFigures } from '../../src-renderer/src/stores/importRate';
import type { ImportProgress } from '../../src-main/contract/model';

const MB = 1024 * 1024;
const p = (over: Partial<ImportProgress>): ImportProgress => ({ jobId: 'j', file: 'kv.csv', phase: 'parsing', rows: 0, bytes: 0, totalBytes: 870 * MB, ...over });

describe('import progress figures', () => {
  it('gives MB of MB, rows per second and the time left at the measured byte rate', () => {
    const start = { at: 1_000, bytes: 10 * MB, rows: 10_000 };
    const f = progressFigures(p({ rows: 210_000, bytes: 210 * MB }), start, 11_000);
    expect(f).toEqual({ percent: 24, size: '210.0 of 870.0 MB', rate: '20,000 rows/s', eta: 'ETA 0:33' });
  });

  it('shows no rate or ETA before half a second of measurement, and no ETA once indexing or done', () => {
    const start = { at: 1_000, bytes: 0, rows: 0 };
    expect(progressFigures(p({ rows: 5, bytes: MB }), start, 1_200)).toMatchObject({ rate: '', eta: '' });
    expect(progressFigures(p({ rows: 5, bytes: MB }), undefined, 9_000)).toMatchObject({ rate: '', eta: '' });
    expect(progressFigures(p({ phase: 'indexing', rows: 1_000_000, bytes: 870 * MB }), start, 61_000)).toMatchObject({ percent: 100, rate: '16,667 rows/s', eta: '' });
    expect(progressFigures(p({ phase: 'done', rows: 1_000_000, bytes: 870 * MB }), start, 61_000).percent).toBe(100);
    expect(progressFigures(p({ phase: 'hashing' }), start, 61_000)).toMatchObject({ percent: 0, rate: '', eta: '' });
  });

  it('writes hours when the file is that big, and never a negative time', () => {
    const start = { at: 0, bytes: 0, rows: 0 };
    expect(progressFigures(p({ rows: 100, bytes: MB, totalBytes: 8000 * MB }), start, 1_000).eta).toBe('ETA 2:13:19');
    expect(progressFigures(p({ rows: 100, bytes: 900 * MB }), start, 1_000).eta).toBe('ETA 0:00');
  });
});

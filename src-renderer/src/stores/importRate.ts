// Import progress in words: MB read of MB, rows per second and time left, from the progress events of one file.
import type { ImportProgress } from '../../../src-main/contract/model';

/** When a file's parsing was first seen: the rate is measured from there. */
export interface RateStart {
  at: number;
  bytes: number;
  rows: number;
}

export interface ProgressFigures {
  /** 0–100 by bytes read (100 once done). */
  percent: number;
  /** "312.4 of 870.0 MB" */
  size: string;
  /** "41,200 rows/s", or '' until measurable. */
  rate: string;
  /** "ETA 0:42", or '' until measurable or once indexing. */
  eta: string;
}

const MB = 1024 * 1024;

export function progressFigures(p: ImportProgress, start: RateStart | undefined, now: number): ProgressFigures {
  const done = p.phase === 'done' || p.phase === 'indexing';
  const percent = p.phase === 'done' ? 100 : p.totalBytes > 0 ? Math.min(100, Math.floor((100 * p.bytes) / p.totalBytes)) : 0;
  const size = `${(p.bytes / MB).toFixed(1)} of ${(p.totalBytes / MB).toFixed(1)} MB`;
  const secs = start ? (now - start.at) / 1000 : 0;
  if (!start || secs < 0.5 || p.phase !== 'parsing' && !done) return { percent, size, rate: '', eta: '' };
  const rows = Math.max(0, p.rows - start.rows) / secs;
  const bytesPerSec = Math.max(0, p.bytes - start.bytes) / secs;
  const rate = `${Math.round(rows).toLocaleString('en-US')} rows/s`;
  if (done || bytesPerSec <= 0) return { percent, size, rate, eta: '' };
  return { percent, size, rate, eta: `ETA ${clock((p.totalBytes - p.bytes) / bytesPerSec)}` };
}

function clock(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

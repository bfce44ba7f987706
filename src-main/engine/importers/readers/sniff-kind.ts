// Decides an input's kind from its first bytes (zip magic → xlsx, `{`/`[` → json, else csv).
import { ImportError, type InputKind } from './types';

export function isZipMagic(b: Uint8Array): boolean {
  return b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && (b[2] === 3 || b[2] === 5 || b[2] === 7) && (b[3] === 4 || b[3] === 6 || b[3] === 8);
}

export function isGzipMagic(b: Uint8Array): boolean {
  return b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;
}

export function sniffKind(head: Uint8Array, file: string): InputKind {
  if (isZipMagic(head)) return 'xlsx';
  if (head.length >= 4 && head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) {
    throw new ImportError('this is a legacy .xls or password-protected workbook; save it as .xlsx or CSV first', file);
  }
  if (isGzipMagic(head)) throw new ImportError('compressed content inside a container is not expanded; extract it first', file);
  let i = 0;
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) i = 3;
  while (i < head.length && (head[i] === 0x20 || head[i] === 0x09 || head[i] === 0x0a || head[i] === 0x0d)) i++;
  if (head[i] === 0x7b || head[i] === 0x5b) return 'json';
  return 'csv';
}

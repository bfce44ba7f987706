// Public types, limits and the ImportError of the streaming file readers.

export interface ImportLimits {
  maxFileBytes: number;
  maxRows: number;
  maxColumns: number;
  maxCellBytes: number;
  maxJsonDepth: number;
  maxZipEntries: number;
  maxUncompressedBytes: number;
  maxCompressionRatio: number;
}

export const DEFAULT_LIMITS: ImportLimits = Object.freeze({
  maxFileBytes: 8 * 1024 ** 3,
  maxRows: 50_000_000,
  maxColumns: 16_384,
  maxCellBytes: 1024 * 1024,
  maxJsonDepth: 64,
  maxZipEntries: 10_000,
  maxUncompressedBytes: 8 * 1024 ** 3,
  maxCompressionRatio: 200,
});

export function resolveLimits(limits?: Partial<ImportLimits>): ImportLimits {
  const out: ImportLimits = { ...DEFAULT_LIMITS };
  if (limits) {
    for (const key of Object.keys(DEFAULT_LIMITS) as (keyof ImportLimits)[]) {
      const v = limits[key];
      if (typeof v === 'number' && v > 0) out[key] = v;
    }
  }
  out.maxColumns = Math.min(out.maxColumns, 16_384);
  return out;
}

export interface ReaderOptions {
  /** Fallback encoding label (e.g. 'windows-1252'), used only when strict UTF-8 fails; recorded in meta. */
  encoding?: string;
  /** XLSX: read only this sheet. */
  sheet?: string;
  limits?: Partial<ImportLimits>;
  signal?: AbortSignal;
}

export type InputKind = 'csv' | 'xlsx' | 'json';

/** One importable file: a plain file, or an entry of a .zip / .gz / folder. */
export interface InputSource {
  /** File name; for container entries `archive.zip/inner.csv`. */
  name: string;
  /** The file on disk (the container's path for entries). */
  path: string;
  kind: InputKind;
  /** Size in bytes of the (decompressed) content. */
  size: number;
  /** A fresh stream of the (decompressed) bytes on each call. */
  open(): NodeJS.ReadableStream;
  container?: { name: string; path: string };
  /** How to open the same bytes from another thread (see openLocator); absent for inputs made in memory. */
  locator?: InputLocator;
}

/** Where an input's bytes are, as plain data: a file, a gzip file, or a zip member. */
export type InputLocator = { type: 'file'; path: string } | { type: 'gzip'; path: string } | { type: 'zip'; path: string; entry: string; member: string };

export interface RawRow {
  /** CSV: physical line where the record starts (header is line 1); XLSX: sheet row number; JSON: 1-based record index. */
  row: number;
  /** Aligned to headers; null = absent. */
  cells: (string | null)[];
  /** Ragged rows: fields beyond the header. */
  extra?: string[];
  /** JSON: the record's original text. */
  raw?: string;
}

export interface ReaderWarning {
  row?: number;
  message: string;
}

export interface TableReader {
  /** `file.xlsx#Sheet1` for sheets, else the input name. */
  name: string;
  /** Original header text exactly as in the file (JSON: flattened dot paths). */
  headers: string[];
  /** e.g. encoding, bom, delimiter, dateSystem, sheet, jsonShape. */
  meta: Record<string, string>;
  /** Appended while reading. */
  warnings: ReaderWarning[];
  /** Iterate once; for XLSX consume a sheet's batches before asking openTables for the next sheet. */
  batches(batchSize?: number): AsyncIterable<RawRow[]>;
}

export type ImportErrorCode = 'BAD_INPUT' | 'CANCELLED';

/** An unusable input: the message always names the file, the row/line when known, and the reason. */
export class ImportError extends Error {
  public readonly reason: string;
  constructor(
    message: string,
    public readonly file: string,
    public readonly row?: number,
    public readonly code: ImportErrorCode = 'BAD_INPUT',
  ) {
    super(`${file}${row !== undefined ? ` row ${row}` : ''}: ${message}`);
    this.name = 'ImportError';
    this.reason = message;
  }
}

export function throwIfAborted(signal: AbortSignal | undefined, file: string): void {
  if (signal?.aborted) throw new ImportError('import cancelled', file, undefined, 'CANCELLED');
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024 && n % (1024 * 1024) === 0) return `${n / (1024 * 1024)} MiB`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KiB`;
  return `${n} bytes`;
}

/** Text shown in error messages for hostile names: control characters escaped, length capped. */
export function safeName(s: string): string {
  const cleaned = s.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  return cleaned.length > 200 ? `${cleaned.slice(0, 200)}…` : cleaned;
}

// Messages between the import's writer and its parse worker (worker_threads), and how errors cross that boundary.
import { LoupeError, type ErrorCode } from '../../contract/errors';
import { ImportError, type ImportErrorCode, type InputKind, type InputLocator, type ReaderOptions, type ReaderWarning } from '../importers/readers';
import type { WireBatch } from './batchWire';
import type { TablePlan } from './prepareTable';

/** workerData of a parse worker: the input as plain data, and the reader options that are data. */
export interface ParseJob {
  input: { name: string; path: string; kind: InputKind; size: number; container?: { name: string; path: string }; locator: InputLocator };
  opts: Pick<ReaderOptions, 'encoding' | 'sheet' | 'limits'>;
  /** Batches the worker may send before the writer asks for more. */
  window: number;
}

export type SerializedError =
  | { kind: 'import'; reason: string; file: string; row?: number; code: ImportErrorCode }
  | { kind: 'loupe'; code: ErrorCode; message: string }
  | { kind: 'other'; message: string };

export type FromParser =
  | { t: 'table'; plan: TablePlan }
  | ({ t: 'batch'; bytes: number } & WireBatch)
  | { t: 'end'; warnings: ReaderWarning[]; meta: Record<string, string> }
  | { t: 'done' }
  | { t: 'error'; error: SerializedError };

export type ToParser = { t: 'more'; n: number };

export function serializeParseError(err: unknown): SerializedError {
  if (err instanceof ImportError) return { kind: 'import', reason: err.reason, file: err.file, ...(err.row !== undefined ? { row: err.row } : {}), code: err.code };
  if (err instanceof LoupeError) return { kind: 'loupe', code: err.code, message: err.message };
  return { kind: 'other', message: err instanceof Error ? err.message : String(err) };
}

export function deserializeParseError(e: SerializedError): Error {
  if (e.kind === 'import') return new ImportError(e.reason, e.file, e.row, e.code);
  if (e.kind === 'loupe') return new LoupeError(e.code, e.message);
  return new Error(e.message);
}

// Test helpers for the readers: in-memory inputs, read-everything, repo-relative fixture paths.
import { Readable } from 'node:stream';
import { resolve } from 'node:path';
import { openTables, type InputKind, type InputSource, type RawRow, type ReaderOptions, type TableReader } from '../../../src-main/engine/importers/readers';

export const REPO = resolve(__dirname, '../../..');
export const SHARED_FIXTURES = resolve(REPO, '../shared/fixtures');

export function memoryInput(name: string, data: string | Uint8Array, kind: InputKind = 'csv', chunkSize = 64 * 1024): InputSource {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data);
  return {
    name,
    path: `/memory/${name}`,
    kind,
    size: bytes.length,
    open: () => {
      const parts: Buffer[] = [];
      for (let i = 0; i < bytes.length; i += chunkSize) parts.push(bytes.subarray(i, i + chunkSize));
      return Readable.from(parts);
    },
  };
}

export interface ReadTable {
  name: string;
  headers: string[];
  meta: Record<string, string>;
  warnings: TableReader['warnings'];
  rows: RawRow[];
}

export async function readAll(input: InputSource, opts?: ReaderOptions, batchSize?: number): Promise<ReadTable[]> {
  const out: ReadTable[] = [];
  for await (const t of openTables(input, opts)) {
    const rows: RawRow[] = [];
    for await (const batch of t.batches(batchSize)) rows.push(...batch);
    out.push({ name: t.name, headers: t.headers, meta: t.meta, warnings: t.warnings, rows });
  }
  return out;
}

export async function readOne(input: InputSource, opts?: ReaderOptions, batchSize?: number): Promise<ReadTable> {
  const tables = await readAll(input, opts, batchSize);
  if (tables.length !== 1) throw new Error(`expected one table, got ${tables.length}`);
  return tables[0]!;
}

/** The error thrown by `fn`, failing the test when nothing is thrown. */
export async function errorOf(fn: () => Promise<unknown>): Promise<Error> {
  try {
    await fn();
  } catch (err) {
    if (err instanceof Error) return err;
    throw new Error(`non-Error thrown: ${String(err)}`);
  }
  throw new Error('expected an error, none was thrown');
}

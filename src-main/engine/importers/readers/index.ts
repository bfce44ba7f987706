// Public API of the streaming file readers: expand inputs, open their tables, read rows in batches.
import { openCsvTable } from './csv';
import { openJsonTable } from './json';
import { openXlsxTables } from './xlsx';
import type { InputSource, ReaderOptions, TableReader } from './types';

export { DEFAULT_LIMITS, ImportError } from './types';
export type { ImportLimits, ImportErrorCode, InputKind, InputLocator, InputSource, RawRow, ReaderOptions, ReaderWarning, TableReader } from './types';
export { expandInputs, openLocator } from './expand';

/** Opens the tables of one input (XLSX: one per non-empty sheet, or only opts.sheet). Consume each table's batches before asking for the next. */
export async function* openTables(input: InputSource, opts: ReaderOptions = {}): AsyncGenerator<TableReader> {
  switch (input.kind) {
    case 'csv':
      yield await openCsvTable(input, opts);
      return;
    case 'json':
      yield await openJsonTable(input, opts);
      return;
    case 'xlsx':
      yield* openXlsxTables(input, opts);
      return;
  }
}

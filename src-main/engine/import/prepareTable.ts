// One table's import plan (profile, @ field columns, date order) and its rows normalized: pure, so it runs in the parse worker or in-thread.
import { ENTITY_FIELDS, type EntityField } from '../../contract/fields';
import { disambiguateHeaders, normalizeHeader } from '../importers/headers';
import { ImportError, type RawRow, type ReaderWarning, type TableReader } from '../importers/readers';
import { compileMapping, detectProfile, type DetectedProfile, type FieldMapping, type NormalizedRow } from '../profiles';
import { decideDayFirst } from '../time/day-first';
import { MAX_SOURCE_COLUMNS } from './sourceTable';

export type DateOrder = 'day-first' | 'month-first' | 'month-first (ambiguous)';

/** What the writer needs before the first row: plain data, so it crosses a worker boundary as is. */
export interface TablePlan {
  name: string;
  headers: string[];
  meta: Record<string, string>;
  detected: DetectedProfile;
  /** [column index, @ field] for each column that feeds an @ field. */
  fields: [number, string][];
  dateOrder: DateOrder | null;
}

/** A row ready to insert: its evidence cells and its normalized @ fields. */
export interface PreparedRow {
  row: number;
  cells: (string | null)[];
  extra: string | null;
  raw: string | null;
  n: NormalizedRow;
}

/** A table being read: its plan, its rows in batches (iterate once), then its warnings and final meta. */
export interface ParsedTable {
  plan: TablePlan;
  batches: AsyncIterable<PreparedRow[]>;
  /** Valid once batches is exhausted. */
  finish(): { warnings: ReaderWarning[]; meta: Record<string, string> };
  /** Bytes of the input read so far (for progress: MB, rate, ETA). */
  bytesRead(): number;
}

/**
 * Rows per batch. Small on purpose: a batch crosses from the parse worker as one string, and a string over V8's
 * regular-object size (~128 KB) goes to large-object space, which only a full collection frees, so 2,000-row batches
 * (~1.8 MB of text) swelled the writer's heap by ~160 MB between collections. At 200 rows a 1M-row CSV import peaked
 * at ~300 MB instead of ~430 MB, no slower (bench/RESULTS.md, Import).
 */
export const BATCH_ROWS = 200;

/** Decides the plan from the header and the first batch, and returns the per-row normalizer it implies. */
export function planTable(table: TableReader, firstBatch: RawRow[]): { plan: TablePlan; normalize: (r: RawRow) => PreparedRow } {
  const detected = detectProfile(table.headers, firstBatch.slice(0, 50).map((r) => r.cells));
  const norms = disambiguateHeaders(table.headers).map((c) => c.norm);
  const fields = fieldColumns(norms, detected.mapping);
  const dateOrder = decideDateOrder(firstBatch, fields);
  const normalizeCells = compileMapping(table.headers, detected.mapping, dateOrder === 'day-first' ? { dayFirst: true } : {});
  const width = table.headers.length;
  const normalize = (r: RawRow): PreparedRow => ({
    row: r.row,
    cells: padCells(r.cells, width),
    extra: r.extra && r.extra.length ? JSON.stringify(r.extra) : null,
    raw: r.raw ?? null,
    n: normalizeCells(r.cells, r.raw),
  });
  return { plan: { name: table.name, headers: table.headers, meta: { ...table.meta }, detected, fields: [...fields], dateOrder }, normalize };
}

/** Reads a table in-thread: the first batch decides the plan, every batch comes back normalized. */
export async function parseTable(table: TableReader, bytesRead: () => number = () => 0): Promise<ParsedTable> {
  // Refused before any row is read: a 10,000-column batch would be 20M cells.
  if (table.headers.length > MAX_SOURCE_COLUMNS) {
    throw new ImportError(`${table.headers.length} columns; Loupe stores at most ${MAX_SOURCE_COLUMNS} per source`, table.name, 1);
  }
  const it = table.batches(BATCH_ROWS)[Symbol.asyncIterator]();
  const first = await it.next();
  const firstBatch = first.done ? [] : first.value;
  const { plan, normalize } = planTable(table, firstBatch);
  async function* batches(): AsyncGenerator<PreparedRow[]> {
    if (firstBatch.length) yield firstBatch.map(normalize);
    if (first.done) return;
    for (let next = await it.next(); !next.done; next = await it.next()) yield next.value.map(normalize);
  }
  return { plan, batches: batches(), finish: () => ({ warnings: table.warnings, meta: table.meta }), bytesRead };
}

/**
 * Culture-dependent exports (PowerShell Export-Csv in fr-FR, de-DE) write `05/01/2024`: the order is decided once per
 * file from the time column's values (a first part over 12 means day-first) and recorded in the source's meta.
 */
function decideDateOrder(rows: RawRow[], fields: Map<number, string>): DateOrder | null {
  const col = [...fields].find(([, f]) => f === 'time')?.[0];
  if (col === undefined) return null;
  const samples = rows.map((r) => r.cells[col]).filter((v): v is string => typeof v === 'string' && /^\s*"?\d{1,2}[/.]\d{1,2}[/.]\d{4}/.test(v));
  if (!samples.length) return null;
  const d = decideDayFirst(samples);
  return d === true ? 'day-first' : d === false ? 'month-first' : 'month-first (ambiguous)';
}

/** Which column (by index) feeds which @ field: the first column a field's specs name. */
function fieldColumns(norms: string[], mapping: FieldMapping): Map<number, string> {
  const out = new Map<number, string>();
  for (const field of ['time', ...ENTITY_FIELDS] as ('time' | EntityField)[]) {
    const specs = mapping[field];
    if (!specs) continue;
    outer: for (const spec of specs) {
      for (const name of spec.columns) {
        const i = norms.indexOf(normalizeHeader(name));
        if (i >= 0 && !out.has(i)) {
          out.set(i, field);
          break outer;
        }
      }
    }
  }
  return out;
}

function padCells(cells: (string | null)[], n: number): (string | null)[] {
  if (cells.length === n) return cells;
  const out = cells.slice(0, n);
  while (out.length < n) out.push(null);
  return out;
}

// XLSX table reader: yauzl pre-scan (bombs, names, 1904 dates), then exceljs streaming, one table per non-empty sheet.
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { cellText } from './xlsx-cell';
import { ImportError, formatBytes, resolveLimits, safeName, throwIfAborted, type ImportLimits, type InputSource, type RawRow, type ReaderOptions, type TableReader } from './types';
import { WarningSink } from './warnings';
import { openZipEntry, scanZip, type ZipSource } from './zip';

const EXCEL_MAX_ROWS = 1_048_576;
const EXCEL_MAX_COLUMNS = 16_384;
/** exceljs keeps every shared string in memory even when streaming. */
const SHARED_STRINGS_CAP = 256 * 1024 * 1024;
/** Workbooks inside containers are buffered for the random-access pre-scan. */
const BUFFERED_WORKBOOK_CAP = 512 * 1024 * 1024;

interface RowLike {
  number: number;
  eachCell(opt: { includeEmpty: boolean }, cb: (cell: { value: unknown }, col: number) => void): void;
}

async function zipSourceOf(input: InputSource, limits: ImportLimits): Promise<ZipSource> {
  if (!input.container) return { path: input.path };
  const cap = Math.min(BUFFERED_WORKBOOK_CAP, limits.maxFileBytes);
  const parts: Buffer[] = [];
  let n = 0;
  for await (const chunk of input.open()) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    n += b.length;
    if (n > cap) throw new ImportError(`workbook inside a container is over ${formatBytes(cap)}; extract it first`, input.name);
    parts.push(b);
  }
  return { buffer: Buffer.concat(parts) };
}

export async function* openXlsxTables(input: InputSource, opts: ReaderOptions = {}): AsyncGenerator<TableReader> {
  const limits = resolveLimits(opts.limits);
  const file = input.name;
  const maxColumns = Math.min(limits.maxColumns, EXCEL_MAX_COLUMNS);
  if (input.size === 0) throw new ImportError('file is empty', file);
  const src = await zipSourceOf(input, limits);
  const entries = await scanZip(src, file, {
    limits,
    keep: (n) => n === 'xl/workbook.xml',
    entryCap: (n) => (n === 'xl/sharedStrings.xml' ? Math.min(SHARED_STRINGS_CAP, limits.maxUncompressedBytes) : undefined),
  });
  const workbookXml = entries.find((e) => e.name === 'xl/workbook.xml')?.text;
  if (workbookXml === undefined) throw new ImportError('not an Excel workbook (no xl/workbook.xml inside the zip)', file);
  // Recorded in meta so a one-sheet workbook can be registered under its file name.
  const sheetCount = (workbookXml.match(/<(?:\w+:)?sheet\b/g) ?? []).length;
  const date1904 = /<(?:\w+:)?workbookPr\b[^>]*\bdate1904\s*=\s*["'](?:1|true)["']/.test(workbookXml);

  const names = entries.map((e) => e.name);
  let found = false;
  try {
    for await (const ws of worksheetsInOrder(src, names, file, opts.sheet)) {
      throwIfAborted(opts.signal, file);
      const table = await openSheet(ws.rows[Symbol.asyncIterator]() as AsyncIterator<RowLike>, `${file}#${ws.name}`, ws.name, date1904, limits, maxColumns, opts.signal);
      if (!table) continue;
      table.reader.meta['sheetCount'] = String(sheetCount);
      found = true;
      yield table.reader;
      await table.drain();
    }
  } catch (err) {
    if (err instanceof ImportError) throw err;
    const message = safeName(err instanceof Error ? err.message : String(err));
    if (/out of bounds.*column/i.test(message)) throw new ImportError(`a cell is beyond the ${EXCEL_MAX_COLUMNS}-column limit (${message})`, file);
    throw new ImportError(`unreadable workbook (${message})`, file);
  }
  if (!found) {
    throw new ImportError(opts.sheet !== undefined ? `no non-empty sheet named "${safeName(opts.sheet)}"` : 'workbook has no non-empty sheet', file);
  }
}

/** The parts of exceljs's streaming WorkbookReader (4.4.0, pinned) that read one zip part each. */
interface WorkbookParts {
  model?: { sheets?: { name?: unknown; rId?: unknown }[] };
  workbookRels?: { Id?: unknown; Target?: unknown }[];
  _parseRels(part: NodeJS.ReadableStream): Promise<void>;
  _parseWorkbook(part: NodeJS.ReadableStream): Promise<void>;
  _parseSharedStrings(part: NodeJS.ReadableStream): AsyncGenerator<unknown>;
  _parseStyles(part: NodeJS.ReadableStream): Promise<void>;
  _parseWorksheet(chunks: AsyncIterable<unknown>, sheetNo: string): Generator<{ eventType: string; value: unknown }>;
}

const WORKSHEET_PART = /^xl\/worksheets\/sheet(\d+)\.xml$/;

/**
 * The worksheets of a workbook in tab order, each streamed row by row, with their names. exceljs's own reader takes
 * the zip in one streaming pass and intermittently loses the last entry, which in files exceljs writes is
 * xl/workbook.xml (exceljs#3064: "Cannot read properties of undefined (reading 'sheets')"; it failed one CI run here),
 * and parks every sheet stored before the shared strings in a temp file. Here each part is opened by name through the
 * central directory (yauzl, sizes validated): relationships, workbook, shared strings and styles first, then the
 * sheets, with exceljs's own parsers for each part. A sheet other than `wanted` is never opened.
 */
async function* worksheetsInOrder(src: ZipSource, names: string[], file: string, wanted: string | undefined): AsyncGenerator<{ name: string; rows: AsyncIterable<unknown> }> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([]) as unknown as import('stream').Stream, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
    entries: 'ignore',
  }) as unknown as WorkbookParts;
  const has = new Set(names);
  const part = (name: string) => openZipEntry(src, name, file);
  if (has.has('xl/_rels/workbook.xml.rels')) await reader._parseRels(await part('xl/_rels/workbook.xml.rels'));
  await reader._parseWorkbook(await part('xl/workbook.xml'));
  if (has.has('xl/sharedStrings.xml')) for await (const _ of reader._parseSharedStrings(await part('xl/sharedStrings.xml'))) void _;
  if (has.has('xl/styles.xml')) await reader._parseStyles(await part('xl/styles.xml'));

  // Tab order: the workbook's <sheet> list through its relationships; then any sheet part it does not list.
  const sheetNo = (n: string) => Number(WORKSHEET_PART.exec(n)![1]);
  const parts = names.filter((n) => WORKSHEET_PART.test(n)).sort((a, b) => sheetNo(a) - sheetNo(b));
  const targets = new Map((reader.workbookRels ?? []).map((r) => [String(r.Id), `xl/${String(r.Target).replace(/^\/?xl\//, '').replace(/^\//, '')}`]));
  const nameOf = new Map<string, string>();
  for (const sh of reader.model?.sheets ?? []) {
    const target = targets.get(String(sh.rId));
    if (target !== undefined && parts.includes(target) && !nameOf.has(target)) nameOf.set(target, typeof sh.name === 'string' ? sh.name : '');
  }
  const ordered = [...nameOf.keys(), ...parts.filter((n) => !nameOf.has(n))];

  for (const partName of ordered) {
    const no = String(sheetNo(partName));
    // as exceljs names a sheet the workbook does not list
    const name = nameOf.get(partName) ?? `Sheet${no}`;
    if (wanted !== undefined && name !== wanted) continue;
    const stream = await part(partName);
    try {
      for (const ev of reader._parseWorksheet(stream as unknown as AsyncIterable<unknown>, no)) {
        if (ev.eventType === 'worksheet') yield { name, rows: ev.value as AsyncIterable<unknown> };
      }
    } finally {
      (stream as unknown as Readable).destroy();
    }
  }
}

async function openSheet(
  rows: AsyncIterator<RowLike>,
  name: string,
  sheet: string,
  date1904: boolean,
  limits: ImportLimits,
  maxColumns: number,
  signal: AbortSignal | undefined,
): Promise<{ reader: TableReader; drain: () => Promise<void> } | undefined> {
  const warnings = new WarningSink();
  const toCells = (row: RowLike): (string | null)[] => {
    if (row.number > EXCEL_MAX_ROWS) throw new ImportError(`row number is beyond Excel's ${EXCEL_MAX_ROWS}-row limit`, name, row.number);
    const cells: (string | null)[] = [];
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      if (col > maxColumns) throw new ImportError(`cell in column ${col} is beyond the ${maxColumns}-column limit`, name, row.number);
      const { text, problem } = cellText(cell.value);
      if (problem) warnings.add(`column ${col}: ${problem}`, row.number);
      if (text !== null && text.length * 3 > limits.maxCellBytes) {
        const bytes = Buffer.byteLength(text, 'utf8');
        if (bytes > limits.maxCellBytes) throw new ImportError(`cell is ${bytes} bytes, over the ${formatBytes(limits.maxCellBytes)} limit`, name, row.number);
      }
      while (cells.length < col - 1) cells.push(null);
      cells[col - 1] = text;
    });
    return cells;
  };
  let header: (string | null)[] | undefined;
  for (;;) {
    const r = await rows.next();
    if (r.done) return undefined;
    const cells = toCells(r.value);
    if (cells.some((c) => c !== null && c !== '')) { header = cells; break; }
  }
  const headers = header.map((h) => h ?? '');
  const width = headers.length;
  const meta: Record<string, string> = { sheet, dateSystem: date1904 ? '1904' : '1900' };
  let finished = false;
  let started = false;

  async function* batches(batchSize = 5000): AsyncGenerator<RawRow[]> {
    if (started) throw new ImportError('batches() can only be iterated once', name);
    started = true;
    let batch: RawRow[] = [];
    let count = 0;
    for (;;) {
      const r = await rows.next();
      if (r.done) break;
      const row = r.value;
      const cells = toCells(row);
      if (cells.length === 0) continue;
      if (++count > limits.maxRows) throw new ImportError(`more than ${limits.maxRows} rows`, name, row.number);
      if (cells.length > width) {
        const extra = cells.slice(width).map((c) => c ?? '');
        warnings.add(`row has cells beyond the ${width} header columns; extra cells kept`, row.number);
        batch.push({ row: row.number, cells: cells.slice(0, width), extra });
      } else {
        while (cells.length < width) cells.push(null);
        batch.push({ row: row.number, cells });
      }
      if (batch.length >= batchSize) {
        throwIfAborted(signal, name);
        yield batch;
        batch = [];
      }
    }
    finished = true;
    if (batch.length > 0) yield batch;
    warnings.finish();
  }
  const drain = async (): Promise<void> => {
    if (finished) return;
    for (;;) { const r = await rows.next(); if (r.done) break; }
  };
  return { reader: { name, headers, meta, warnings: warnings.list, batches }, drain };
}

// CSV/TSV table reader: decoding, delimiter sniffing, header row, ragged rows and limits.
import { openText } from './decode';
import { CsvSplitter, type CsvRecord } from './csv-splitter';
import { sniffDelimiter } from './sniff-delimiter';
import { ImportError, resolveLimits, throwIfAborted, type InputSource, type RawRow, type ReaderOptions, type TableReader } from './types';
import { WarningSink } from './warnings';

const SNIFF_CHARS = 64 * 1024;
const DELIMITER_NAMES: Record<string, string> = { ',': 'comma', '\t': 'tab', ';': 'semicolon', '|': 'pipe' };

export async function openCsvTable(input: InputSource, opts: ReaderOptions = {}): Promise<TableReader> {
  const limits = resolveLimits(opts.limits);
  const file = input.name;
  const decoded = await openText({ file, open: () => input.open(), maxBytes: limits.maxFileBytes, encoding: opts.encoding, signal: opts.signal });
  const chunks = decoded.chunks[Symbol.asyncIterator]();
  const warnings = new WarningSink();

  let sample = '';
  let done = false;
  while (!done && sample.length < SNIFF_CHARS) {
    const r = await chunks.next();
    if (r.done) done = true;
    else sample += r.value;
  }
  const delimiter = sniffDelimiter(sample, done);
  const splitter = new CsvSplitter(delimiter, file, limits.maxColumns, limits.maxCellBytes, warnings);
  const pending: CsvRecord[] = [];
  // NUL characters are kept as data (they can be evidence, e.g. padding in tampered logs); the analyst is told once.
  let nulWarned = false;
  const feed = (text: string, final: boolean): void => {
    if (!nulWarned && text.includes('\u0000')) {
      nulWarned = true;
      warnings.add('file contains NUL characters; they are kept as data');
    }
    splitter.feed(text, pending, final);
  };
  feed(sample, done);
  while (pending.length === 0 && !done) {
    const r = await chunks.next();
    if (r.done) { done = true; feed('', true); } else feed(r.value, false);
  }
  const header = pending.shift();
  if (!header) throw new ImportError('file has no header row (only blank lines)', file);
  const headers = header.cells;

  const meta: Record<string, string> = {
    encoding: decoded.meta.encoding,
    bom: decoded.meta.bom || 'none',
    delimiter,
    delimiterName: DELIMITER_NAMES[delimiter] ?? delimiter,
  };
  if (opts.encoding && decoded.meta.encoding !== 'utf-8') meta.encodingSource = 'option';

  let started = false;
  async function* batches(batchSize = 5000): AsyncGenerator<RawRow[]> {
    if (started) throw new ImportError('batches() can only be iterated once', file);
    started = true;
    const width = headers.length;
    let rows = 0;
    let batch: RawRow[] = [];
    const take = (rec: CsvRecord): void => {
      rows++;
      if (rows > limits.maxRows) throw new ImportError(`more than ${limits.maxRows} rows`, file, rec.row);
      const f = rec.cells;
      if (f.length === width) { batch.push(rec); return; }
      if (f.length < width) {
        const cells: (string | null)[] = f;
        for (let i = f.length; i < width; i++) cells.push(null);
        warnings.add(`line has ${f.length} fields, the header has ${width}; missing cells left empty`, rec.row);
        batch.push(rec);
        return;
      }
      warnings.add(`line has ${f.length} fields, the header has ${width}; extra fields kept`, rec.row);
      batch.push({ row: rec.row, cells: f.slice(0, width), extra: f.slice(width) });
    };
    for (;;) {
      for (const rec of pending) take(rec);
      pending.length = 0;
      while (batch.length >= batchSize) yield batch.splice(0, batchSize);
      if (done) break;
      throwIfAborted(opts.signal, file);
      const r = await chunks.next();
      if (r.done) { done = true; feed('', true); } else feed(r.value, false);
    }
    if (batch.length > 0) yield batch;
    batch = [];
    warnings.finish();
  }

  return { name: file, headers, meta, warnings: warnings.list, batches };
}

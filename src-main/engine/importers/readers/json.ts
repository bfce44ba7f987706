// JSON / JSON Lines table reader: pass 1 collects the union of flattened keys, pass 2 yields rows.
import { openText } from './decode';
import { JsonRecordError, flattenRecord, type FlatRecord } from './json-record';
import { JsonSplitter, type JsonRecordText } from './json-splitter';
import { ImportError, formatBytes, resolveLimits, safeName, throwIfAborted, type ImportLimits, type InputSource, type RawRow, type ReaderOptions, type TableReader } from './types';
import { WarningSink } from './warnings';

async function* records(input: InputSource, opts: ReaderOptions, limits: ImportLimits, meta?: Record<string, string>): AsyncGenerator<JsonRecordText> {
  const file = input.name;
  const decoded = await openText({ file, open: () => input.open(), maxBytes: limits.maxFileBytes, encoding: opts.encoding, signal: opts.signal });
  if (meta) {
    meta.encoding = decoded.meta.encoding;
    meta.bom = decoded.meta.bom || 'none';
  }
  const splitter = new JsonSplitter(file, limits.maxJsonDepth);
  const out: JsonRecordText[] = [];
  let first = true;
  for await (let chunk of decoded.chunks) {
    throwIfAborted(opts.signal, file);
    if (first && chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    first = false;
    splitter.feed(chunk, out);
    yield* out;
    out.length = 0;
  }
  splitter.end();
  if (meta) meta.jsonShape = splitter.shape;
}

function flatten(rec: JsonRecordText, file: string, limits: ImportLimits): FlatRecord {
  let flat: FlatRecord;
  try {
    flat = flattenRecord(rec.text, limits.maxJsonDepth);
  } catch (err) {
    if (err instanceof JsonRecordError) throw new ImportError(`invalid JSON record: ${err.message}`, file, rec.index);
    throw err;
  }
  for (const [path, v] of flat.cells) {
    if (v !== null && v.length * 3 > limits.maxCellBytes) {
      const bytes = Buffer.byteLength(v, 'utf8');
      if (bytes > limits.maxCellBytes) {
        throw new ImportError(`value at "${safeName(path)}" is ${bytes} bytes, over the ${formatBytes(limits.maxCellBytes)} limit`, file, rec.index);
      }
    }
  }
  return flat;
}

export async function openJsonTable(input: InputSource, opts: ReaderOptions = {}): Promise<TableReader> {
  const limits = resolveLimits(opts.limits);
  const file = input.name;
  const warnings = new WarningSink();
  const meta: Record<string, string> = {};
  const index = new Map<string, number>();
  const headers: string[] = [];
  let count = 0;
  for await (const rec of records(input, opts, limits, meta)) {
    count = rec.index;
    if (count > limits.maxRows) throw new ImportError(`more than ${limits.maxRows} records`, file, rec.index);
    const flat = flatten(rec, file, limits);
    for (const dup of flat.duplicates) warnings.add(`duplicate key "${safeName(dup)}"; the last value is kept`, rec.index);
    for (const path of flat.cells.keys()) {
      if (!index.has(path)) {
        index.set(path, headers.length);
        headers.push(path);
        if (headers.length > limits.maxColumns) {
          throw new ImportError(`records hold more than ${limits.maxColumns} distinct keys`, file, rec.index);
        }
      }
    }
  }
  meta.records = String(count);

  let started = false;
  async function* batches(batchSize = 5000): AsyncGenerator<RawRow[]> {
    if (started) throw new ImportError('batches() can only be iterated once', file);
    started = true;
    let batch: RawRow[] = [];
    for await (const rec of records(input, opts, limits)) {
      const flat = flatten(rec, file, limits);
      const cells: (string | null)[] = new Array<string | null>(headers.length).fill(null);
      for (const [path, v] of flat.cells) {
        const k = index.get(path);
        if (k === undefined) throw new ImportError('file changed between the two reading passes', file, rec.index);
        cells[k] = v;
      }
      batch.push({ row: rec.index, cells, raw: rec.text });
      if (batch.length >= batchSize) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
    warnings.finish();
  }
  return { name: file, headers, meta, warnings: warnings.list, batches };
}

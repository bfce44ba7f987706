// The writer's side of parsing: tables of prepared rows from a parse worker, or in-thread when there is no worker to use.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pipeline, Transform } from 'node:stream';
import { Worker } from 'node:worker_threads';
import { ImportError, openTables, type InputSource, type ReaderOptions, type ReaderWarning } from '../importers/readers';
import { decodeBatch } from './batchWire';
import { parseTable, type ParsedTable, type PreparedRow } from './prepareTable';
import { deserializeParseError, type FromParser, type ParseJob, type ToParser } from './parseProtocol';

type TableEnd = { warnings: ReaderWarning[]; meta: Record<string, string> };

/** Below this size a worker's start-up (~100 ms to load the bundle) costs more than the overlap gains. */
export const PARSE_WORKER_MIN_BYTES = 16 * 1024 * 1024;
const WINDOW = 4;
const PARSE_HEAP_MB = 512;

export interface ParseOptions extends ReaderOptions {
  /** The parse worker script; default: parse-worker.(c)js next to the running bundle; false parses in-thread. */
  parseWorker?: string | false;
  /** Inputs smaller than this parse in-thread (default PARSE_WORKER_MIN_BYTES). */
  parseWorkerMinBytes?: number;
  /** The parse worker's heap ceiling (default PARSE_HEAP_MB): a file that needs more fails alone. */
  parseHeapMb?: number;
}

/** The bundled worker next to this bundle (out/cli/parse-worker.cjs, out/main/parse-worker.js); none when running from source. */
export function defaultParseWorker(): string | null {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.ts')) return null;
  // A bundler may put this module in a chunk folder below the entry files.
  for (const dir of [dirname(here), dirname(dirname(here))]) {
    for (const name of ['parse-worker.cjs', 'parse-worker.js']) {
      const p = join(dir, name);
      if (existsSync(p)) return p;
    }
  }
  return null;
}

/** The input's tables, parsed and normalized; a large input is read by a worker thread so parsing overlaps the inserts. */
export function parseInput(input: InputSource, opts: ParseOptions): AsyncGenerator<ParsedTable> {
  const script = opts.parseWorker === false ? null : (opts.parseWorker ?? defaultParseWorker());
  if (!script || !input.locator || input.size < (opts.parseWorkerMinBytes ?? PARSE_WORKER_MIN_BYTES)) return parseInThread(input, opts);
  return parseInWorker(script, input, opts);
}

async function* parseInThread(input: InputSource, opts: ReaderOptions): AsyncGenerator<ParsedTable> {
  const counted = countingInput(input);
  for await (const table of openTables(counted.input, opts)) yield await parseTable(table, counted.bytesRead);
}

/** The input with its bytes counted as the reader pulls them. */
export function countingInput(input: InputSource): { input: InputSource; bytesRead: () => number } {
  let bytes = 0;
  const open = () => {
    const counter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        bytes += chunk.length;
        done(null, chunk);
      },
    });
    // pipeline passes a read error on to the counter, so the reader sees it as before
    pipeline(input.open(), counter, () => undefined);
    return counter;
  };
  return { input: { ...input, open }, bytesRead: () => bytes };
}

async function* parseInWorker(script: string, input: InputSource, opts: ParseOptions): AsyncGenerator<ParsedTable> {
  const job: ParseJob = {
    input: { name: input.name, path: input.path, kind: input.kind, size: input.size, ...(input.container ? { container: input.container } : {}), locator: input.locator! },
    opts: { ...(opts.encoding ? { encoding: opts.encoding } : {}), ...(opts.sheet ? { sheet: opts.sheet } : {}), ...(opts.limits ? { limits: opts.limits } : {}) },
    window: WINDOW,
  };
  const heapMb = opts.parseHeapMb ?? PARSE_HEAP_MB;
  const worker = new Worker(script, { workerData: job, resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: Math.min(16, Math.max(4, heapMb / 8)) } });
  const inbox = new Inbox(input.name);
  worker.on('message', (m: FromParser) => inbox.push(m));
  worker.on('error', (err: Error & { code?: string }) => inbox.fail(crashError(input.name, err, heapMb)));
  worker.on('exit', (code) => inbox.fail(new ImportError(`the parser stopped unexpectedly (exit code ${code})`, input.name)));
  const more = (n: number) => worker.postMessage({ t: 'more', n } satisfies ToParser);
  try {
    for (;;) {
      const m = await inbox.next();
      if (m.t === 'done') return;
      if (m.t !== 'table') throw new Error(`parse worker sent '${m.t}' where a table was expected`);
      const width = m.plan.headers.length;
      let finished: TableEnd | null = null;
      let bytes = 0;
      async function* batches(): AsyncGenerator<PreparedRow[]> {
        for (;;) {
          const b = await inbox.next();
          if (b.t === 'end') {
            finished = { warnings: b.warnings, meta: b.meta };
            return;
          }
          if (b.t !== 'batch') throw new Error(`parse worker sent '${b.t}' inside a table`);
          more(1);
          bytes = b.bytes;
          yield decodeBatch(b, width);
        }
      }
      yield {
        plan: m.plan,
        batches: batches(),
        finish: () => {
          if (!finished) throw new Error('finish() before the batches were read');
          return finished;
        },
        bytesRead: () => bytes,
      };
      if (!finished) throw new Error('the next table was asked for before this one was read');
    }
  } finally {
    inbox.close();
    await worker.terminate();
  }
}

function crashError(file: string, err: Error & { code?: string }, heapMb: number): Error {
  if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') return new ImportError(`parsing needed more than ${heapMb} MB of memory; the file was not imported`, file);
  return new ImportError(`the parser failed (${err.message})`, file);
}

/** Messages in arrival order; an 'error' message or a crash rejects the next read. */
class Inbox {
  private readonly queue: FromParser[] = [];
  private waiter: { resolve: (m: FromParser) => void; reject: (e: Error) => void } | null = null;
  private failure: Error | null = null;
  private closed = false;

  constructor(private readonly file: string) {}

  push(m: FromParser): void {
    if (m.t === 'error') return this.fail(deserializeParseError(m.error));
    if (this.waiter) {
      const w = this.waiter;
      this.waiter = null;
      w.resolve(m);
    } else this.queue.push(m);
  }

  fail(err: Error): void {
    if (this.closed || this.failure) return;
    this.failure = err;
    if (this.waiter) {
      const w = this.waiter;
      this.waiter = null;
      w.reject(err);
    }
  }

  next(): Promise<FromParser> {
    const m = this.queue.shift();
    if (m) return Promise.resolve(m);
    if (this.failure) return Promise.reject(this.failure);
    if (this.closed) return Promise.reject(new ImportError('parsing was stopped', this.file));
    return new Promise((resolve, reject) => (this.waiter = { resolve, reject }));
  }

  close(): void {
    this.closed = true;
  }
}

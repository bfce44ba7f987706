// Entry of the parse worker (bundled as parse-worker.cjs): reads, decodes and normalizes one input while the writer inserts.
import { parentPort, workerData } from 'node:worker_threads';
import { openLocator, openTables, type InputSource } from '../importers/readers';
import { countingInput } from './parseClient';
import { encodeBatch, fieldSourceColumns } from './batchWire';
import { parseTable } from './prepareTable';
import { serializeParseError, type FromParser, type ParseJob, type ToParser } from './parseProtocol';

const port = parentPort;
if (!port) throw new Error('the parse worker must run in a worker thread');
const job = workerData as ParseJob;
const post = (m: FromParser, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);

// Flow control: the writer grants batches; the worker never runs more than `window` ahead of it.
let credits = job.window;
let wake: (() => void) | null = null;
port.on('message', (m: ToParser) => {
  if (m.t === 'more') {
    credits += m.n;
    wake?.();
    wake = null;
  }
});
const granted = () => (credits > 0 ? Promise.resolve() : new Promise<void>((r) => (wake = r)));

async function run(): Promise<void> {
  const counted = countingInput({ ...job.input, open: () => openLocator(job.input.locator) } satisfies InputSource);
  for await (const table of openTables(counted.input, job.opts)) {
    const parsed = await parseTable(table, counted.bytesRead);
    post({ t: 'table', plan: parsed.plan });
    const width = parsed.plan.headers.length;
    const fieldCols = fieldSourceColumns(parsed.plan.fields);
    for await (const rows of parsed.batches) {
      await granted();
      credits--;
      const b = encodeBatch(rows, width, fieldCols);
      post({ t: 'batch', bytes: counted.bytesRead(), ...b }, [b.lens.buffer as ArrayBuffer, b.nums.buffer as ArrayBuffer]);
    }
    const { warnings, meta } = parsed.finish();
    post({ t: 'end', warnings, meta });
  }
  post({ t: 'done' });
}

// The writer terminates this worker once it has read 'done' or 'error'.
run().catch((err: unknown) => post({ t: 'error', error: serializeParseError(err) }));

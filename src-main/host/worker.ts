// The engine worker: owns the case database; runs contract calls and imports off the main thread.
import { parentPort, workerData } from 'node:worker_threads';
import { serializeError, LoupeError } from '../contract/errors';
import { Engine } from '../engine/engine';
import { runTriage } from '../engine/triage';
import { buildDeferredIndexes, hasDeferredIndexes } from '../engine/import/deferredIndexes';
import { checkpointWal } from '../engine/db/walCheck';
import { backupMinutesFromEnv, scheduleBackups } from './backupSchedule';
import type { FromWorker, ToWorker } from './protocol';

const port = parentPort;
if (!port) throw new Error('engine worker must run in a worker thread');
const post = (m: FromWorker) => port.postMessage(m);

let engine: Engine;
const data = workerData as { casePath: string; readOnly?: boolean };
try {
  // The query reader opens the case read-only; only the writer creates or migrates it.
  engine = new Engine(data.casePath, data.readOnly ? { readOnly: true } : { create: true });
  post({ type: 'ready' });
} catch (err) {
  post({ type: 'fatal', message: (err as Error).message });
  throw err;
}

const jobs = new Map<string, AbortController>();
let importing = 0;
// Periodic online backups by the writer (SECURITY.md D-8); audit-logged by backupCase.
const backups = data.readOnly
  ? null
  : scheduleBackups({ db: engine.db, casePath: data.casePath, intervalMs: backupMinutesFromEnv() * 60_000, busy: () => importing > 0 });
const queue: (() => Promise<void>)[] = [];
let running = false;

async function drain(): Promise<void> {
  if (running) return;
  running = true;
  while (queue.length) await queue.shift()!();
  running = false;
}

// The source-column and full-text indexes build in the background (resumable): calls run between steps; an import pauses it.
let fullText: { abort: AbortController; done: Promise<void> } | null = null;

function startFullText(): void {
  if (data.readOnly || fullText || !hasDeferredIndexes(engine.db)) return;
  const abort = new AbortController();
  const done = buildDeferredIndexes(engine.db, {
    signal: abort.signal,
    onProgress: (p) => post({ type: 'event', event: 'fulltext/progress', payload: p }),
  }).then(
    () => undefined,
    () => undefined, // a failed chunk rolls back and is retried on the next start
  ).finally(() => {
    fullText = null;
  });
  fullText = { abort, done };
}

async function stopFullText(): Promise<void> {
  const f = fullText;
  if (!f) return;
  f.abort.abort();
  await f.done;
}

async function runImport(jobId: string, files: { path: string; name: string }[], copyEvidence = false): Promise<void> {
  importing++;
  await stopFullText();
  // An import holds one transaction across awaits: a backup must not read the case meanwhile.
  await backups?.settled();
  const ac = new AbortController();
  jobs.set(jobId, ac);
  const summaries = [];
  try {
    for (const f of files) {
      if (ac.signal.aborted) break;
      const res = await engine.importFiles([f.path], {
        signal: ac.signal,
        deferFullText: true,
        copyEvidence,
        onProgress: (p) =>
          post({ type: 'event', event: 'import/progress', payload: { jobId, file: f.name, phase: p.phase, rows: p.rows, bytes: p.bytes, totalBytes: p.totalBytes } }),
      });
      // The staged copy's temp name is not the analyst's file name: report the name they chose.
      for (const s of res) summaries.push({ ...s, file: f.name });
      // The importer defers the checkpoint past its COMMIT; copy the WAL back now and flag starvation (SECURITY.md D-5).
      const wal = checkpointWal(engine.db, engine.case.path);
      engine.case.walWarning = wal.warning;
    }
  } catch (err) {
    const cancelled = err instanceof LoupeError && err.code === 'CANCELLED';
    post({ type: 'event', event: 'import/progress', payload: { jobId, file: '', phase: cancelled ? 'cancelled' : 'failed', rows: 0, bytes: 0, totalBytes: 0, message: (err as Error).message } });
  } finally {
    jobs.delete(jobId);
    importing--;
  }
  post({ type: 'event', event: 'import/done', payload: { jobId, summaries } });
  post({ type: 'event', event: 'case/changed', payload: { reason: 'import' } });
  startFullText();
  // Detections run after every import, so the findings panel is current without asking.
  if (summaries.some((s) => s.ok && s.sources.length)) {
    try {
      const findings = runTriage(engine.db);
      const bySeverity: Record<string, number> = {};
      for (const f of findings) bySeverity[f.severity] = (bySeverity[f.severity] ?? 0) + 1;
      post({ type: 'event', event: 'triage/updated', payload: { findings: findings.length, bySeverity } });
    } catch {
      /* triage is advisory; a failure here must not fail the import */
    }
  }
}

// A case left with a half-built index (closed or killed mid-build) finishes it now.
startFullText();

port.on('message', (m: ToWorker) => {
  if (m.type === 'call') {
    queue.push(async () => {
      try {
        const handler = (engine.handlers as Record<string, (req: unknown) => unknown>)[m.name];
        if (!handler) throw new LoupeError('NOT_FOUND', `no handler for ${m.name}`);
        const value = await handler(m.req);
        post({ type: 'result', id: m.id, result: { ok: true, value } });
        // Removing or remapping a source rewrites events, which drops the timeline marks: rebuild them in the background.
        if (m.name === 'sources/remove' || m.name === 'sources/remap') startFullText();
      } catch (err) {
        post({ type: 'result', id: m.id, result: { ok: false, error: serializeError(err) } });
      }
    });
    void drain();
  } else if (m.type === 'import') {
    queue.push(() => runImport(m.jobId, m.files, m.copyEvidence));
    void drain();
  } else if (m.type === 'cancel') {
    jobs.get(m.jobId)?.abort();
  } else if (m.type === 'close') {
    queue.push(async () => {
      backups?.stop();
      await backups?.settled();
      await stopFullText();
      engine.close();
      post({ type: 'closed' });
      port.close();
    });
    void drain();
  }
});

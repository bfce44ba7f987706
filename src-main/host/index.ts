// The engine host: runs the engine in a worker thread, validates every call against the contract, relays events.
import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { API, isApiName, type ApiName, type ApiResponse, type EventName, type EventPayload } from '../contract/api';
import { LoupeError, serializeError, type Result } from '../contract/errors';
import type { FromWorker, ToWorker } from './protocol';
import { QueryReader, READ_CALLS } from './reader';
import { Staging } from './staging';
import type { CaseHost, EventListener } from './types';
import { acquireLock, describeHolder, readOnlyMessage, WRITE_CALLS } from './lock';
import { copyPathFor } from './recent';

export interface HostOptions {
  /** The built worker script (out/cli/engine-worker.cjs or out/main/engine-worker.js). */
  workerPath: string;
  /** Heap limit for the worker: a hostile file can fail its import, never take the app down. */
  maxHeapMb?: number;
  /** Take the case's lock (default true); when another live process holds it, the case opens read-only. */
  lock?: boolean;
}

export function createEngineHost(casePath: string, opts: HostOptions): CaseHost {
  const staging = new Staging();
  const lock = opts.lock === false ? null : acquireLock(casePath);
  const lockedBy = lock && !lock.acquired ? describeHolder(lock.holder) : null;
  const listeners = new Set<EventListener>();
  const pending = new Map<number, (r: Result<unknown>) => void>();
  let nextId = 1;
  let closed = false;
  let worker!: Worker;
  let readyResolve!: () => void;
  let readyReject!: (e: Error) => void;
  const ready = new Promise<void>((res, rej) => {
    readyResolve = res;
    readyReject = rej;
  });

  const emit = (event: EventName, payload: unknown) => {
    for (const l of listeners) l(event, payload as EventPayload<typeof event>);
  };

  const spawn = () => {
    worker = new Worker(opts.workerPath, {
      workerData: { casePath, readOnly: lockedBy !== null },
      resourceLimits: { maxOldGenerationSizeMb: opts.maxHeapMb ?? 2048 },
    });
    worker.on('message', (m: FromWorker) => {
      if (m.type === 'ready') readyResolve();
      else if (m.type === 'fatal') readyReject(new LoupeError('CASE_INVALID', m.message));
      else if (m.type === 'result') {
        pending.get(m.id)?.(m.result);
        pending.delete(m.id);
      } else if (m.type === 'event') emit(m.event, m.payload);
    });
    worker.on('error', (err) => {
      readyReject(err);
      for (const [, resolve] of pending) resolve({ ok: false, error: { code: 'INTERNAL', message: `engine stopped: ${err.message}` } });
      pending.clear();
    });
    worker.on('exit', (code) => {
      for (const [, resolve] of pending) resolve({ ok: false, error: { code: 'INTERNAL', message: `engine exited (${code})` } });
      pending.clear();
      // A crash (out of memory on a hostile file) restarts the engine; the case is intact (imports are atomic).
      if (!closed) {
        emit('case/changed', { reason: 'engine restarted' });
        spawn();
      }
    });
  };
  spawn();

  const send = (m: ToWorker) => worker.postMessage(m);
  const toWriter = (name: ApiName, req: unknown) =>
    new Promise<Result<unknown>>((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      send({ type: 'call', id, name, req });
    });
  // Queries run on read-only workers that can be terminated when a newer query supersedes them (SECURITY.md P-4).
  const reader = new QueryReader({ workerPath: opts.workerPath, casePath, maxHeapMb: opts.maxHeapMb, fallback: toWriter });
  const readerReady = ready.then(() => reader.start(), () => false);

  const saveAs = async (dest: string): Promise<Result<ApiResponse<'case/saveAs'>>> => {
    const r = await toWriter('case/saveAs', { dest });
    return r.ok ? { ok: true, value: { ...(r.value as Omit<ApiResponse<'case/saveAs'>, 'saved'>), saved: true } } : r;
  };

  return {
    ready,
    casePath,
    lockedBy,
    saveAs,
    async call<K extends ApiName>(name: K, req: unknown): Promise<Result<ApiResponse<K>>> {
      if (!isApiName(name)) return { ok: false, error: { code: 'NOT_FOUND', message: `no such call ${String(name)}` } };
      const parsed = API[name].req.safeParse(req ?? {});
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return { ok: false, error: { code: 'BAD_REQUEST', message: `${name}: ${issue?.path.join('.') || 'request'} ${issue?.message ?? 'is invalid'}` } };
      }
      try {
        await ready;
      } catch (err) {
        return { ok: false, error: serializeError(err) };
      }
      if (lockedBy !== null && WRITE_CALLS.has(name)) return { ok: false, error: { code: 'FORBIDDEN', message: readOnlyMessage(lockedBy) } };
      if (name === 'case/saveAs') return (await saveAs(copyPathFor(casePath))) as Result<ApiResponse<K>>;
      if (name === 'import/pick') return { ok: false, error: { code: 'BAD_REQUEST', message: 'browser mode: drop files on the window or use the upload button' } };
      if (name === 'import/start') {
        const { ids, copyEvidence } = parsed.data as { ids: string[]; copyEvidence: boolean };
        const files = ids.map((id) => staging.take(id));
        if (files.some((f) => !f)) return { ok: false, error: { code: 'NOT_FOUND', message: 'unknown staged file id' } };
        const jobId = randomUUID();
        send({ type: 'import', jobId, files: files.map((f) => ({ path: f!.path, name: f!.name })), copyEvidence });
        return { ok: true, value: { jobId } as ApiResponse<K> };
      }
      if (name === 'import/cancel') {
        send({ type: 'cancel', jobId: (parsed.data as { jobId: string }).jobId });
        return { ok: true, value: { cancelled: true } as ApiResponse<K> };
      }
      if (READ_CALLS.has(name)) {
        await readerReady;
        return (await reader.run(name, parsed.data)) as Result<ApiResponse<K>>;
      }
      const id = nextId++;
      const result = await new Promise<Result<unknown>>((resolve) => {
        pending.set(id, resolve);
        send({ type: 'call', id, name, req: parsed.data });
      });
      return result as Result<ApiResponse<K>>;
    },
    on(listener: EventListener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stageStream: (fileName, data) => staging.stageStream(fileName, data),
    stagePath: (path) => staging.stagePath(path),
    async close() {
      if (closed) return;
      closed = true;
      await reader.close();
      await new Promise<void>((resolve) => {
        const t = setTimeout(() => void worker.terminate().then(() => resolve()), 10_000);
        worker.once('exit', () => {
          clearTimeout(t);
          resolve();
        });
        send({ type: 'close' });
      });
      staging.dispose();
      if (lock?.acquired) lock.lock.release();
    },
  };
}

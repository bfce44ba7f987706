// The query reader: read-only engine workers that run analyst queries and are terminated to cancel a superseded one.
import { Worker } from 'node:worker_threads';
import type { ApiName } from '../contract/api';
import type { Result } from '../contract/errors';
import type { FromWorker, ToWorker } from './protocol';

/** Calls that only read the case: they run on the reader, never on the writer's queue. */
export const READ_CALLS: ReadonlySet<ApiName> = new Set<ApiName>(['query/page', 'query/count', 'query/stack', 'query/pivot', 'query/histogram', 'row/get']);

export interface ReaderOptions {
  workerPath: string;
  casePath: string;
  maxHeapMb?: number;
  /** How long a superseded query may keep running before its worker is terminated (ms). */
  graceMs?: number;
  /** Where calls go when no reader can open the case (the writer still answers them). */
  fallback(name: ApiName, req: unknown): Promise<Result<unknown>>;
}

/** Which queries a newer one makes obsolete: same family, different filter. `fresh` = not a scroll continuation. */
interface Supersede {
  family: 'spec' | 'pivot';
  key: string;
  fresh: boolean;
}

interface Job {
  id: number;
  name: ApiName;
  req: unknown;
  tag: Supersede | null;
  resolve(r: Result<unknown>): void;
}

const CANCELLED: Result<unknown> = { ok: false, error: { code: 'CANCELLED', message: 'query cancelled: a newer query replaced it' } };

function field(o: unknown, k: string): unknown {
  return typeof o === 'object' && o !== null ? (o as Record<string, unknown>)[k] : undefined;
}

export function supersedeTag(name: ApiName, req: unknown): Supersede | null {
  if (name === 'query/pivot') return { family: 'pivot', key: JSON.stringify(field(req, 'value')), fresh: true };
  const spec = name === 'query/page' || name === 'query/count' ? req : name === 'query/stack' || name === 'query/histogram' ? field(req, 'spec') : undefined;
  if (spec === undefined) return null;
  const fresh = !(name === 'query/page' && (field(spec, 'after') !== undefined || field(spec, 'offset') !== undefined));
  return { family: 'spec', key: JSON.stringify([field(spec, 'source') ?? null, field(spec, 'where') ?? '']), fresh };
}

/** One read-only engine worker; `ready` settles true once the case is open, false if it cannot be. */
class ReaderWorker {
  readonly worker: Worker;
  readonly ready: Promise<boolean>;
  onResult: (id: number, r: Result<unknown>) => void = () => undefined;
  onExit: (code: number) => void = () => undefined;

  constructor(opts: ReaderOptions) {
    this.worker = new Worker(opts.workerPath, {
      workerData: { casePath: opts.casePath, readOnly: true },
      resourceLimits: { maxOldGenerationSizeMb: opts.maxHeapMb ?? 2048 },
    });
    this.ready = new Promise<boolean>((resolve) => {
      this.worker.on('message', (m: FromWorker) => {
        if (m.type === 'ready') resolve(true);
        else if (m.type === 'fatal') resolve(false);
        else if (m.type === 'result') this.onResult(m.id, m.result);
      });
      this.worker.on('error', () => resolve(false));
      this.worker.on('exit', (code) => {
        resolve(false);
        this.onExit(code);
      });
    });
  }

  send(m: ToWorker): void {
    this.worker.postMessage(m);
  }

  /** Stops the thread; a statement inside SQLite finishes first (no interrupt), but nobody waits for it. */
  kill(): void {
    this.onResult = () => undefined;
    this.onExit = () => undefined;
    void this.worker.terminate();
  }
}

/**
 * Runs read calls one at a time on a read-only worker (WAL lets it read while the writer writes).
 * A fresh query supersedes older queued or running ones of its family with a different filter: queued
 * ones are answered CANCELLED at once, a running one gets `graceMs` to finish, then its worker is
 * terminated (better-sqlite3 has no interrupt) and a warm spare takes over.
 */
export class QueryReader {
  private active: ReaderWorker | null = null;
  private spare: ReaderWorker | null = null;
  private queue: Job[] = [];
  private running: { job: Job; startedAt: number; superseded: boolean; timer: NodeJS.Timeout | null } | null = null;
  private broken = false;
  private closed = false;
  private nextId = 1;
  /** Terminated workers so far (for tests and diagnostics). */
  cancellations = 0;

  constructor(private readonly opts: ReaderOptions) {}

  /** Opens the first reader and a spare; false when the case cannot be read this way (calls then use the fallback). */
  async start(): Promise<boolean> {
    this.active = this.spawn();
    this.spare = this.spawn();
    const ok = await this.active.ready;
    if (!ok) this.markBroken();
    return ok;
  }

  run(name: ApiName, req: unknown): Promise<Result<unknown>> {
    if (this.closed) return Promise.resolve({ ok: false, error: { code: 'INTERNAL', message: 'engine closed' } });
    if (this.broken || !this.active) return this.opts.fallback(name, req);
    const tag = supersedeTag(name, req);
    if (tag?.fresh) this.supersede(tag);
    return new Promise((resolve) => {
      this.queue.push({ id: this.nextId++, name, req, tag, resolve });
      void this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const leftover = [...this.queue, ...(this.running ? [this.running.job] : [])];
    this.queue = [];
    if (this.running?.timer) clearTimeout(this.running.timer);
    this.running = null;
    for (const j of leftover) j.resolve({ ok: false, error: { code: 'INTERNAL', message: 'engine closed' } });
    const workers = [this.active, this.spare].filter((w): w is ReaderWorker => w !== null);
    this.active = this.spare = null;
    // A thread inside a long SQLite statement stops only when the statement returns: do not hold closing up for it.
    const stopped = Promise.all(workers.map((w) => { w.onExit = () => undefined; return w.worker.terminate(); }));
    await Promise.race([stopped, new Promise((r) => setTimeout(r, 2000).unref())]);
  }

  private spawn(): ReaderWorker {
    const w = new ReaderWorker(this.opts);
    w.onResult = (id, r) => {
      if (this.running?.job.id !== id) return;
      if (this.running.timer) clearTimeout(this.running.timer);
      const { job } = this.running;
      this.running = null;
      job.resolve(r);
      void this.pump();
    };
    w.onExit = (code) => {
      if (this.closed) return;
      if (w === this.spare) this.spare = null;
      if (w !== this.active) return;
      // The reader died on its own (out of memory on a huge result): answer its call, bring up another.
      this.active = null;
      const run = this.running;
      this.running = null;
      if (run?.timer) clearTimeout(run.timer);
      run?.job.resolve({ ok: false, error: { code: 'INTERNAL', message: `query engine exited (${code})` } });
      this.replaceActive();
    };
    return w;
  }

  private replaceActive(): void {
    this.active = this.spare ?? this.spawn();
    this.spare = this.spawn();
    void this.pump();
  }

  private markBroken(): void {
    this.broken = true;
    for (const w of [this.active, this.spare]) w?.kill();
    this.active = this.spare = null;
    const q = this.queue;
    this.queue = [];
    for (const j of q) void this.opts.fallback(j.name, j.req).then(j.resolve);
  }

  private supersede(tag: Supersede): void {
    const stale = (t: Supersede | null) => t !== null && t.family === tag.family && t.key !== tag.key;
    this.queue = this.queue.filter((j) => {
      if (!stale(j.tag)) return true;
      j.resolve(CANCELLED);
      return false;
    });
    const run = this.running;
    if (run && !run.superseded && stale(run.job.tag)) {
      run.superseded = true;
      const left = Math.max(0, (this.opts.graceMs ?? 150) - (Date.now() - run.startedAt));
      run.timer = setTimeout(() => {
        if (this.running === run) this.cancelRunning();
      }, left);
    }
  }

  private cancelRunning(): void {
    const run = this.running;
    if (!run) return;
    this.running = null;
    this.cancellations++;
    run.job.resolve(CANCELLED);
    this.active?.kill();
    this.replaceActive();
  }

  private async pump(): Promise<void> {
    if (this.running || this.closed) return;
    const w = this.active;
    if (!w) return;
    if (!(await w.ready)) {
      if (this.closed || w !== this.active) return;
      this.active = null;
      // A spare that cannot open the case either means the reader path is unusable: fall back to the writer.
      if (this.spare && !(await this.spare.ready)) return this.markBroken();
      return this.replaceActive();
    }
    if (this.running || this.closed || w !== this.active) return;
    const job = this.queue.shift();
    if (!job) return;
    this.running = { job, startedAt: Date.now(), superseded: false, timer: null };
    w.send({ type: 'call', id: job.id, name: job.name, req: job.req });
  }
}

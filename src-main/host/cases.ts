// Browser-mode case session: one open case at a time behind a stable EngineHost; cases/* calls swap the case.
import { closeSync, createWriteStream, existsSync, openSync, readSync, renameSync, rmSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { API, isApiName, type ApiName, type ApiResponse, type EventName, type EventPayload } from '../contract/api';
import { LoupeError, serializeError, type Result } from '../contract/errors';
import { APPLICATION_ID } from '../engine/db/connection';
import { createEngineHost } from './index';
import { caseFileName, casesDir, findRecent, freePath, listRecent, touchRecent } from './recent';
import type { CaseHost, EngineHost, EventListener } from './types';

export interface CaseSessionOptions {
  workerPath: string;
  /** Builds (once) and returns the sample case. */
  ensureSample(): Promise<string>;
  /** loupeHome() unless given (tests). */
  home?: string;
  /** Defaults to createEngineHost(path, { workerPath }). */
  createHost?(casePath: string): CaseHost;
}

type Opened = ApiResponse<'cases/open'>;

export interface CaseSession extends EngineHost {
  readonly current: CaseHost | null;
  /** Opens a case file by path (CLI argument, upload, sample); the previous case closes once the new one is ready. */
  openPath(casePath: string, opts?: { create?: boolean }): Promise<Opened>;
  /** Browser mode: writes an uploaded `.loupe` under loupeHome()/cases and adds it to the recent list; returns its id. */
  stageCase(fileName: string, data: NodeJS.ReadableStream): Promise<string>;
}

const HOST_LEVEL = new Set<ApiName>(['cases/recent', 'cases/open', 'cases/create', 'cases/close']);

const fail = (code: 'NOT_FOUND' | 'BAD_REQUEST' | 'CASE_INVALID', message: string): Result<never> => ({ ok: false, error: { code, message } });

/** SQLite magic and Loupe's application_id in the first 100 bytes; anything else is refused before SQLite opens it. */
export function looksLikeCase(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(100);
    const n = readSync(fd, buf, 0, 100, 0);
    return n === 100 && buf.subarray(0, 16).toString('latin1') === 'SQLite format 3\0' && buf.readUInt32BE(68) === APPLICATION_ID;
  } finally {
    closeSync(fd);
  }
}

export function createCaseSession(opts: CaseSessionOptions): CaseSession {
  const home = opts.home;
  const makeHost = opts.createHost ?? ((p: string) => createEngineHost(p, { workerPath: opts.workerPath }));
  const listeners = new Set<EventListener>();
  let current: CaseHost | null = null;
  let unsubscribe: () => void = () => undefined;
  // Opens and closes run one at a time: a double click must not leave two hosts on one case.
  let chain: Promise<unknown> = Promise.resolve();
  const serial = <T>(job: () => Promise<T>): Promise<T> => {
    const next = chain.then(job, job);
    chain = next.catch(() => undefined);
    return next;
  };

  const emit = (event: EventName, payload: unknown) => {
    for (const l of listeners) l(event, payload as EventPayload<typeof event>);
  };

  const state = (h: CaseHost): Opened => ({ ok: true, readOnly: h.lockedBy !== null, lockedBy: h.lockedBy });

  async function swapTo(casePath: string, afterReady?: (h: CaseHost) => Promise<void>): Promise<Opened> {
    const path = resolve(casePath);
    if (current && current.casePath === path) return state(current);
    const next = makeHost(path);
    try {
      await next.ready;
      if (afterReady) await afterReady(next);
    } catch (err) {
      await next.close().catch(() => undefined);
      throw err instanceof LoupeError ? err : new LoupeError('CASE_INVALID', (err as Error).message);
    }
    const previous = current;
    unsubscribe();
    current = next;
    unsubscribe = next.on((event, payload) => emit(event, payload));
    if (previous) await previous.close().catch(() => undefined);
    const info = await next.call('case/info', {});
    touchRecent(path, { ...(info.ok ? { name: info.value.name } : {}), ...(home ? { home } : {}) });
    emit('case/changed', { reason: 'case opened' });
    return state(next);
  }

  const openPath = (casePath: string, o: { create?: boolean } = {}) =>
    serial(() => {
      // Opening never creates unless asked (the CLI): a recent case that vanished must not come back empty.
      if (!o.create && !existsSync(casePath)) throw new LoupeError('NOT_FOUND', `the case file ${basename(casePath)} is missing`);
      return swapTo(casePath);
    });

  async function hostLevel(name: ApiName, req: unknown): Promise<Result<unknown>> {
    if (name === 'cases/recent') {
      const cur = current;
      const cases = listRecent(home).map((c) => ({ ...c, current: cur !== null && c.path === cur.casePath }));
      const mine = cases.find((c) => c.current);
      return {
        ok: true,
        value: { cases, current: cur ? { name: mine?.name ?? basename(cur.casePath).replace(/\.loupe$/i, ''), readOnly: cur.lockedBy !== null, lockedBy: cur.lockedBy } : null },
      };
    }
    if (name === 'cases/open') {
      const r = req as { id?: string; sample?: true; pick?: true };
      if (r.pick) return fail('BAD_REQUEST', 'browser mode: drop a .loupe file on the window or use "Open file…" to upload it');
      if (r.sample) return { ok: true, value: await openPath(await opts.ensureSample()) };
      const entry = findRecent(r.id ?? '', home);
      if (!entry) return fail('NOT_FOUND', 'no such recent case');
      return { ok: true, value: await openPath(entry.path) };
    }
    if (name === 'cases/create') {
      const caseName = (req as { name: string }).name;
      const path = freePath(casesDir(home), caseFileName(caseName));
      const value = await serial(() =>
        swapTo(path, async (h) => {
          const named = await h.call('case/update', { name: caseName });
          if (!named.ok) throw new LoupeError(named.error.code, named.error.message);
        }),
      );
      return { ok: true, value };
    }
    // cases/close
    const closed = await serial(async () => {
      if (!current) return false;
      const h = current;
      unsubscribe();
      unsubscribe = () => undefined;
      current = null;
      await h.close();
      emit('case/changed', { reason: 'case closed' });
      return true;
    });
    return { ok: true, value: { closed } };
  }

  return {
    get current() {
      return current;
    },
    openPath,
    async call<K extends ApiName>(name: K, req: unknown): Promise<Result<ApiResponse<K>>> {
      if (!isApiName(name)) return fail('NOT_FOUND', `no such call ${String(name)}`);
      if (HOST_LEVEL.has(name)) {
        const parsed = API[name].req.safeParse(req ?? {});
        if (!parsed.success) return fail('BAD_REQUEST', `${name}: ${parsed.error.issues[0]?.message ?? 'invalid request'}`);
        try {
          return (await hostLevel(name, parsed.data)) as Result<ApiResponse<K>>;
        } catch (err) {
          return { ok: false, error: serializeError(err) };
        }
      }
      const h = current;
      if (!h) return fail('NOT_FOUND', 'no case is open: choose one on the start screen');
      const result = await h.call(name, req);
      if (name === 'case/saveAs' && result.ok) {
        const saved = result.value as ApiResponse<'case/saveAs'>;
        // Browser mode has no file dialog: the copy joins the recent list so it can be opened from the start screen.
        if (saved.path) touchRecent(saved.path, home ? { home } : {});
      }
      return result;
    },
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stageStream(fileName, data) {
      if (!current) return Promise.reject(new LoupeError('NOT_FOUND', 'no case is open to import into'));
      return current.stageStream(fileName, data);
    },
    stagePath(path) {
      if (!current) throw new LoupeError('NOT_FOUND', 'no case is open to import into');
      return current.stagePath(path);
    },
    async stageCase(fileName, data) {
      const dir = casesDir(home);
      const tmp = join(dir, `.upload-${randomBytes(8).toString('hex')}.partial`);
      try {
        await pipeline(data, createWriteStream(tmp, { flags: 'wx', mode: 0o600 }));
        if (!looksLikeCase(tmp)) throw new LoupeError('CASE_INVALID', `${fileName} is not a Loupe case`);
        const dest = freePath(dir, caseFileName(fileName.replace(/\.loupe$/i, '')));
        renameSync(tmp, dest);
        return touchRecent(dest, home ? { home } : {}).id;
      } finally {
        rmSync(tmp, { force: true });
      }
    },
    async close() {
      await serial(async () => {
        unsubscribe();
        const h = current;
        current = null;
        if (h) await h.close();
      });
    },
  };
}

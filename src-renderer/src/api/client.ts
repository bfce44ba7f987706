// The renderer's only door to the engine: Electron bridge or browser-mode HTTP/SSE, typed by the contract.
import { toRaw } from 'vue';
import { API, EVENTS, type DropResult, type ApiName, type ApiRequest, type ApiResponse, type EventName, type EventPayload, type LoupeBridge } from '../../../src-main/contract/api';
import { ERROR_CODES, type ErrorCode } from '../../../src-main/contract/errors';

declare global {
  interface Window {
    loupe?: LoupeBridge;
  }
}

/** An engine error as the UI sees it; `position` is the 0-based column where a query failed to parse. */
export class ApiError extends Error {
  constructor(
    public readonly code: ErrorCode,
    message: string,
    public readonly position?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Turns whatever a transport threw or returned as an error into an ApiError. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  const e = (typeof err === 'object' && err !== null ? err : {}) as { code?: unknown; message?: unknown; position?: unknown };
  const code = typeof e.code === 'string' && (ERROR_CODES as readonly string[]).includes(e.code) ? (e.code as ErrorCode) : 'INTERNAL';
  const message = typeof e.message === 'string' ? e.message : String(err);
  return new ApiError(code, message, typeof e.position === 'number' ? e.position : undefined);
}

export type Listener<K extends EventName> = (payload: EventPayload<K>) => void;

/** What a transport must do; payloads are plain JSON both ways, validation happens here in the client. */
export interface Transport {
  readonly kind: 'electron' | 'browser' | 'test';
  call(name: ApiName, req: unknown): Promise<unknown>;
  on<K extends EventName>(event: K, listener: (payload: unknown) => void): () => void;
  /** Browser mode: send one file's bytes; returns the staging id for `import/start`. */
  upload?(file: File): Promise<string>;
  /** Browser mode: send a whole `.loupe` case; returns its recent-cases id for `cases/open`. */
  uploadCase?(file: File): Promise<string>;
  /** Desktop app: dropped files by their paths (read by the preload); a case opens, evidence is staged. */
  dropFiles?(files: readonly File[]): Promise<DropResult>;
}

/** Deep plain copy: strips Vue proxies (IPC structured clone rejects them) and anything not JSON. */
export function plain<T>(value: T): T {
  const raw = toRaw(value);
  return raw === undefined ? raw : (JSON.parse(JSON.stringify(raw)) as T);
}

export function bridgeTransport(bridge: LoupeBridge): Transport {
  return {
    kind: 'electron',
    call(name, req) {
      const fn = bridge[name] as unknown as (r: unknown) => Promise<unknown>;
      return fn(req);
    },
    on(event, listener) {
      return bridge.on(event, listener as (p: EventPayload<typeof event>) => void);
    },
    dropFiles(files) {
      return bridge.dropFiles(files);
    },
  };
}

function unwrapResult(body: unknown): unknown {
  const r = (typeof body === 'object' && body !== null ? body : {}) as { ok?: unknown; value?: unknown; error?: unknown };
  if (r.ok === true) return r.value;
  if (r.ok === false) throw toApiError(r.error);
  throw new ApiError('INTERNAL', 'The server sent a response Loupe does not understand.');
}

export function httpTransport(token: string | null, fetchImpl: typeof fetch = (...a) => fetch(...a)): Transport {
  const headers = (extra: Record<string, string>): Record<string, string> => (token ? { ...extra, 'X-Loupe-Token': token } : extra);
  let source: EventSource | null = null;
  const listeners = new Map<EventName, Set<(p: unknown) => void>>();

  async function post(url: string, body: BodyInit, contentType: string): Promise<unknown> {
    let res: Response;
    try {
      res = await fetchImpl(url, { method: 'POST', headers: headers({ 'Content-Type': contentType }), body, credentials: 'same-origin' });
    } catch (err) {
      throw new ApiError('INTERNAL', `Cannot reach the Loupe server: ${toApiError(err).message}`);
    }
    let json: unknown;
    try {
      json = await res.json();
    } catch {
      throw new ApiError(res.status === 403 ? 'FORBIDDEN' : 'INTERNAL', `The server answered ${res.status} without a result.`);
    }
    return unwrapResult(json);
  }

  function ensureSource(): void {
    if (source || typeof EventSource === 'undefined') return;
    source = new EventSource('/api/events', { withCredentials: true });
    for (const name of Object.keys(EVENTS) as EventName[]) {
      source.addEventListener(name, (ev: MessageEvent) => {
        let payload: unknown;
        try {
          payload = JSON.parse(String(ev.data));
        } catch {
          return;
        }
        for (const l of listeners.get(name) ?? []) l(payload);
      });
    }
  }

  return {
    kind: 'browser',
    call(name, req) {
      return post(`/api/call/${name}`, JSON.stringify(req ?? {}), 'application/json');
    },
    on(event, listener) {
      ensureSource();
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
    async upload(file) {
      const value = await post(`/api/upload?name=${encodeURIComponent(file.name)}`, file, 'application/octet-stream');
      const id = (typeof value === 'object' && value !== null ? (value as { id?: unknown }).id : undefined);
      if (typeof id !== 'string') throw new ApiError('INTERNAL', 'Upload answered without a staging id.');
      return id;
    },
    async uploadCase(file) {
      const value = await post(`/api/upload?case=1&name=${encodeURIComponent(file.name)}`, file, 'application/octet-stream');
      const id = typeof value === 'object' && value !== null ? (value as { id?: unknown }).id : undefined;
      if (typeof id !== 'string') throw new ApiError('INTERNAL', 'Case upload answered without an id.');
      return id;
    },
  };
}

let transport: Transport | null = null;

/** Start-up: Electron bridge if present, else HTTP with the token from `?token=` (then removed from the address bar). */
export function initApi(): Transport {
  if (window.loupe) {
    transport = bridgeTransport(window.loupe);
    return transport;
  }
  const params = new URLSearchParams(window.location.search);
  const token = params.get('token');
  if (token !== null) {
    params.delete('token');
    const rest = params.toString();
    window.history.replaceState(window.history.state, '', `${window.location.pathname}${rest ? `?${rest}` : ''}${window.location.hash}`);
  }
  transport = httpTransport(token);
  return transport;
}

/** Tests (and start-up) plug a transport in. */
export function setTransport(t: Transport): void {
  transport = t;
}

function current(): Transport {
  if (!transport) throw new ApiError('INTERNAL', 'The API client was not initialised.');
  return transport;
}

/** Call one contract entry; the response is validated against the contract; errors throw ApiError. */
export async function call<K extends ApiName>(name: K, req: ApiRequest<K>): Promise<ApiResponse<K>> {
  let raw: unknown;
  try {
    raw = await current().call(name, plain(req));
  } catch (err) {
    throw toApiError(err);
  }
  const parsed = API[name].res.safeParse(raw);
  if (!parsed.success) throw new ApiError('INTERNAL', `Unexpected response shape from ${name}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data as ApiResponse<K>;
}

/** Subscribe to an engine event; payloads that do not fit the contract are dropped. */
export function on<K extends EventName>(event: K, listener: Listener<K>): () => void {
  return current().on(event, (payload) => {
    const parsed = EVENTS[event].safeParse(payload);
    if (parsed.success) listener(parsed.data as EventPayload<K>);
  });
}

export function transportKind(): Transport['kind'] {
  return current().kind;
}

export function canPickNatively(): boolean {
  return current().kind === 'electron';
}

export async function upload(file: File): Promise<string> {
  const t = current();
  if (!t.upload) throw new ApiError('BAD_REQUEST', 'This transport cannot upload files; use the native picker.');
  try {
    return await t.upload(file);
  } catch (err) {
    throw toApiError(err);
  }
}

/** Desktop app: hand dropped files to main, which opens a dropped case or stages evidence (null in browser mode). */
export async function dropFiles(files: readonly File[]): Promise<DropResult | null> {
  const t = current();
  if (!t.dropFiles) return null;
  try {
    return await t.dropFiles(files);
  } catch (err) {
    throw toApiError(err);
  }
}

/** Browser mode: upload a `.loupe` case file; returns the id to open it with. */
export async function uploadCase(file: File): Promise<string> {
  const t = current();
  if (!t.uploadCase) throw new ApiError('BAD_REQUEST', 'Open cases with "Open file…" in the desktop app.');
  try {
    return await t.uploadCase(file);
  } catch (err) {
    throw toApiError(err);
  }
}

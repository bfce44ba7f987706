// The sandboxed preload: exposes window.loupe with one named function per contract call and a typed event subscribe.
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { API_NAMES, DROP_FILES_CHANNEL, EVENT_NAMES, type ApiName, type EventName, type LoupeBridge } from '../contract/api';
import type { SerializedError } from '../contract/errors';

/**
 * What a failed call rejects with. A plain object on purpose: contextBridge rebuilds Error
 * instances from their message only (electron/electron#28346), which would drop code/position.
 */
export interface BridgeError extends SerializedError {
  name: 'LoupeError';
}

function toBridgeError(error: unknown): BridgeError {
  const e = (typeof error === 'object' && error !== null ? error : {}) as Partial<Record<keyof SerializedError, unknown>>;
  const out: BridgeError = {
    name: 'LoupeError',
    code: typeof e.code === 'string' ? (e.code as SerializedError['code']) : 'INTERNAL',
    message: typeof e.message === 'string' ? e.message : 'Unknown error',
  };
  if (typeof e.position === 'number') out.position = e.position;
  return out;
}

/** Result → value, or a rejection carrying code/message/position. */
export function unwrapResult(result: unknown): unknown {
  const r = (typeof result === 'object' && result !== null ? result : {}) as { ok?: unknown; value?: unknown; error?: unknown };
  if (r.ok === true) return r.value;
  if (r.ok === false) throw toBridgeError(r.error);
  throw toBridgeError({ code: 'INTERNAL', message: 'Malformed response from the main process' });
}

/** One function bound to one constant channel; the renderer cannot choose the channel. */
function callFor(channel: ApiName): (req: unknown) => Promise<unknown> {
  return async (req: unknown) => unwrapResult(await ipcRenderer.invoke(channel, req));
}

const EVENT_SET: ReadonlySet<string> = new Set(EVENT_NAMES);

function on(event: EventName, listener: (payload: unknown) => void): () => void {
  if (typeof event !== 'string' || !EVENT_SET.has(event)) throw new Error(`Unknown event: ${String(event)}`);
  if (typeof listener !== 'function') throw new Error('Listener must be a function');
  const wrapped = (_e: IpcRendererEvent, payload: unknown): void => listener(payload);
  ipcRenderer.on(event, wrapped);
  return () => {
    ipcRenderer.removeListener(event, wrapped);
  };
}

/** Dropped files → their paths, read here (webUtils) so the page never supplies a path string itself. */
async function dropFiles(files: readonly Blob[]): Promise<unknown> {
  if (!Array.isArray(files)) throw toBridgeError({ code: 'BAD_REQUEST', message: 'drop: expected a list of files' });
  const paths = files.map((f) => (f instanceof File ? webUtils.getPathForFile(f) : ''));
  return unwrapResult(await ipcRenderer.invoke(DROP_FILES_CHANNEL, { paths }));
}

export function buildBridge(): LoupeBridge {
  const bridge: Record<string, unknown> = {};
  for (const name of API_NAMES) bridge[name] = callFor(name);
  bridge.on = on;
  bridge.dropFiles = dropFiles;
  return Object.freeze(bridge) as unknown as LoupeBridge;
}

contextBridge.exposeInMainWorld('loupe', buildBridge());

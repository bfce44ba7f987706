// IPC wiring: one guarded ipcMain.handle per contract channel; sender check, host call, errors as data.
import { dialog, BrowserWindow } from 'electron';
import { API, API_NAMES, DROP_FILES_CHANNEL, type ApiName, type EventName } from '../contract/api';
import { serializeError, type Result } from '../contract/errors';
import type { EngineHost } from '../host/types';
import { validateSender } from './policy';

/**
 * Channels answered in main rather than by the engine. Paths never come from the renderer: for
 * import/pick main shows the dialog and stages the files (SECURITY I-3). Every other contract
 * channel goes to the engine host, so a new contract entry is wired without touching this file.
 */
const MAIN_CHANNELS: ReadonlySet<ApiName> = new Set<ApiName>(['import/pick']);

/** Exactly the channels registerIpc() registers. */
export const REGISTERED_CHANNELS: readonly ApiName[] = Object.freeze([...API_NAMES]);

/** The parts of an IPC event we rely on (Electron's IpcMainInvokeEvent satisfies it). */
export interface IpcEventLike {
  senderFrame: { url: string; parent: unknown } | null;
  sender: { id: number };
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcEventLike, payload: unknown) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

/** One host, or a lookup from the sending webContents to its case's host (one window per case). */
export type HostSource = EngineHost | ((sender: IpcEventLike['sender']) => EngineHost | undefined);

export interface IpcOptions {
  /** Native file picker; defaults to dialog.showOpenDialog on the sender's window. */
  pickFiles?: (event: IpcEventLike) => Promise<string[]>;
  /** Case management (cases/*, case/saveAs) answered in main with native dialogs (caseChannels.ts). */
  cases?: (channel: ApiName, event: IpcEventLike, payload: unknown) => Promise<Result<unknown>>;
  /** Files dropped on the window (droppedFiles.ts); registered on DROP_FILES_CHANNEL when given. */
  drop?: (event: IpcEventLike, payload: unknown) => Promise<Result<unknown>>;
}

const CASE_MANAGEMENT: ReadonlySet<string> = new Set(['cases/recent', 'cases/open', 'cases/create', 'cases/close', 'case/saveAs']);

/** Default sender rule: a live top frame whose URL is on app://loupe. */
export function isTrustedIpcSender(event: IpcEventLike): boolean {
  const frame = event.senderFrame;
  if (frame === null || frame === undefined) return false;
  return validateSender(frame.url, frame.parent === null);
}

async function pickWithDialog(event: IpcEventLike): Promise<string[]> {
  const win = BrowserWindow.getAllWindows().find((w) => w.webContents.id === event.sender.id);
  const options: Electron.OpenDialogOptions = {
    title: 'Import log files',
    properties: ['openFile', 'multiSelections'],
    filters: [
      { name: 'Log exports', extensions: ['csv', 'tsv', 'xlsx', 'json', 'jsonl', 'ndjson', 'log', 'txt', 'zip'] },
      { name: 'All files', extensions: ['*'] },
    ],
  };
  const chosen = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
  return chosen.canceled ? [] : chosen.filePaths;
}

function forbidden(message: string): Result<never> {
  return { ok: false, error: { code: 'FORBIDDEN', message } };
}

async function answerPick(host: EngineHost, event: IpcEventLike, payload: unknown, pick: (e: IpcEventLike) => Promise<string[]>): Promise<Result<unknown>> {
  const parsed = API['import/pick'].req.safeParse(payload);
  if (!parsed.success) return { ok: false, error: { code: 'BAD_REQUEST', message: parsed.error.issues[0]?.message ?? 'Invalid request' } };
  const paths = await pick(event);
  return { ok: true, value: { ids: paths.map((p) => host.stagePath(p)) } };
}

/**
 * Registers one handler per contract channel. Every handler checks the sender first, then lets the
 * host validate the payload (zod) and run the call; whatever happens, the renderer gets a Result.
 * Returns a function that removes the handlers.
 */
export function registerIpc(ipcMain: IpcMainLike, host: HostSource, isTrustedSender: (event: IpcEventLike) => boolean = isTrustedIpcSender, options: IpcOptions = {}): () => void {
  const hostFor = typeof host === 'function' ? host : () => host;
  const pick = options.pickFiles ?? pickWithDialog;
  for (const channel of REGISTERED_CHANNELS) {
    const answeredInMain = MAIN_CHANNELS.has(channel);
    ipcMain.handle(channel, async (event, payload): Promise<Result<unknown>> => {
      try {
        if (!isTrustedSender(event)) return forbidden('Untrusted sender');
        if (CASE_MANAGEMENT.has(channel)) return options.cases ? await options.cases(channel, event, payload) : forbidden('Case management is not available here');
        const target = hostFor(event.sender);
        if (target === undefined) return forbidden('No case is open in this window');
        if (answeredInMain) return await answerPick(target, event, payload, pick);
        const result = await target.call(channel, payload);
        return isResult(result) ? result : { ok: false, error: { code: 'INTERNAL', message: 'Malformed engine result' } };
      } catch (err) {
        return { ok: false, error: serializeError(err) };
      }
    });
  }
  if (options.drop) {
    const drop = options.drop;
    ipcMain.handle(DROP_FILES_CHANNEL, async (event, payload): Promise<Result<unknown>> => {
      try {
        if (!isTrustedSender(event)) return forbidden('Untrusted sender');
        return await drop(event, payload);
      } catch (err) {
        return { ok: false, error: serializeError(err) };
      }
    });
  }
  return () => {
    for (const channel of REGISTERED_CHANNELS) ipcMain.removeHandler(channel);
    if (options.drop) ipcMain.removeHandler(DROP_FILES_CHANNEL);
  };
}

function isResult(value: unknown): value is Result<unknown> {
  return typeof value === 'object' && value !== null && ((value as { ok?: unknown }).ok === true || (value as { ok?: unknown }).ok === false);
}

export interface EventTarget {
  isDestroyed(): boolean;
  send(channel: EventName, payload: unknown): void;
}

/** Sends a host's events to one window's webContents on the contract's event channel names. */
export function forwardEvents(host: EngineHost, target: EventTarget): () => void {
  return host.on((event, payload) => {
    if (!target.isDestroyed()) target.send(event, payload);
  });
}


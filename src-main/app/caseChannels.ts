// Electron: the case-management channels answered in main (native dialogs; paths never come from the renderer).
import { BrowserWindow, dialog } from 'electron';
import { API, type ApiName } from '../contract/api';
import type { Result } from '../contract/errors';
import { casesDir, caseFileName, findRecent, listRecent, touchRecent } from '../host/recent';
import { ensureSampleCase, loupeHome } from '../host/sample';
import type { CaseHost } from '../host/types';
import { lockedByOf, type CaseRegistry, type OpenCase } from './cases';
import type { IpcEventLike } from './ipc';

export interface CaseDialogs {
  /** An existing .loupe file to open, or null when cancelled. */
  openCase(event: IpcEventLike): Promise<string | null>;
  /** Where to write a new case or a copy, or null when cancelled. */
  saveCase(event: IpcEventLike, title: string, defaultPath: string): Promise<string | null>;
}

export interface CaseChannelDeps {
  registry: CaseRegistry;
  dialogs?: CaseDialogs;
  ensureSample?: () => Promise<string>;
  home?: string;
}

function windowOf(event: IpcEventLike): BrowserWindow | undefined {
  return BrowserWindow.getAllWindows().find((w) => w.webContents.id === event.sender.id);
}

export const nativeDialogs: CaseDialogs = {
  async openCase(event) {
    const win = windowOf(event);
    const options: Electron.OpenDialogOptions = { title: 'Open case', properties: ['openFile'], filters: [{ name: 'Loupe cases', extensions: ['loupe'] }] };
    const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
    return r.canceled ? null : (r.filePaths[0] ?? null);
  },
  async saveCase(event, title, defaultPath) {
    const win = windowOf(event);
    const options: Electron.SaveDialogOptions = { title, defaultPath, filters: [{ name: 'Loupe cases', extensions: ['loupe'] }] };
    const r = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
    if (r.canceled || !r.filePath) return null;
    return /\.loupe$/i.test(r.filePath) ? r.filePath : `${r.filePath}.loupe`;
  },
};

const opened = (c: OpenCase): Result<unknown> => ({ ok: true, value: { ok: true, readOnly: lockedByOf(c.host) !== null, lockedBy: lockedByOf(c.host) } });
const cancelled: Result<unknown> = { ok: true, value: { ok: false, readOnly: false, lockedBy: null } };

/** Answers one case channel for the window that sent it. The payload is validated against the contract first. */
export async function answerCaseChannel(channel: ApiName, event: IpcEventLike, payload: unknown, deps: CaseChannelDeps): Promise<Result<unknown>> {
  const parsed = API[channel].req.safeParse(payload ?? {});
  if (!parsed.success) return { ok: false, error: { code: 'BAD_REQUEST', message: `${channel}: ${parsed.error.issues[0]?.message ?? 'invalid request'}` } };
  const { registry } = deps;
  const dialogs = deps.dialogs ?? nativeDialogs;
  const home = deps.home ?? loupeHome();
  const mine = registry.entryFor(event.sender.id);

  if (channel === 'cases/recent') {
    const cases = listRecent(home).map((c) => ({ ...c, current: mine !== undefined && c.path === mine.path }));
    const cur = mine ? { name: cases.find((c) => c.current)?.name ?? mine.path, readOnly: lockedByOf(mine.host) !== null, lockedBy: lockedByOf(mine.host) } : null;
    return { ok: true, value: { cases, current: cur } };
  }
  if (channel === 'cases/open') {
    const r = parsed.data as { id?: string; sample?: true; pick?: true };
    let path: string | null;
    if (r.sample) path = await (deps.ensureSample ?? ensureSampleCase)();
    else if (r.pick) path = await dialogs.openCase(event);
    else {
      const entry = findRecent(r.id ?? '', home);
      if (!entry) return { ok: false, error: { code: 'NOT_FOUND', message: 'no such recent case' } };
      path = entry.path;
    }
    if (path === null) return cancelled;
    return opened(registry.open(path));
  }
  if (channel === 'cases/create') {
    const name = (parsed.data as { name: string }).name;
    const path = await dialogs.saveCase(event, 'New case', `${casesDir(home)}/${caseFileName(name)}`);
    if (path === null) return cancelled;
    const entry = registry.open(path);
    const named = await entry.host.call('case/update', { name });
    if (!named.ok) return named;
    touchRecent(entry.path, { home, name });
    return opened(entry);
  }
  if (channel === 'cases/close') {
    if (!mine) return { ok: true, value: { closed: false } };
    mine.window.close();
    return { ok: true, value: { closed: true } };
  }
  // case/saveAs
  if (!mine) return { ok: false, error: { code: 'FORBIDDEN', message: 'No case is open in this window' } };
  const saveAs = (mine.host as Partial<CaseHost>).saveAs;
  if (typeof saveAs !== 'function') return { ok: false, error: { code: 'INTERNAL', message: 'this engine host cannot save a copy' } };
  const stem = mine.path.replace(/\.loupe$/i, '');
  const dest = await dialogs.saveCase(event, 'Save case as', `${stem}-copy.loupe`);
  if (dest === null) return { ok: true, value: { saved: false, fileName: null, path: null, bytes: null } };
  return saveAs.call(mine.host, dest);
}

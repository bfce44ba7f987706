// App lifecycle: single instance, app:// protocol, IPC, menu, one window per case, drain hosts on quit.
import { join } from 'node:path';
import { app, ipcMain } from 'electron';
import type { EngineHost } from '../host/types';
import { CaseRegistry } from './cases';
import { registerIpc, isTrustedIpcSender, type IpcEventLike, type IpcMainLike } from './ipc';
import { answerDrop } from './droppedFiles';
import { answerCaseChannel } from './caseChannels';
import type { ApiName } from '../contract/api';
import { installMenu } from './menu';
import { menuActions } from './menuActions';
import { registerAppScheme, serveAppProtocol } from './protocol';

export interface AppDeps {
  createEngineHost(casePath: string): EngineHost;
  ensureSampleCase(): Promise<string>;
  /** Defaults: <app path>/out/preload/index.cjs and <app path>/out/renderer. */
  preloadPath?: string;
  rendererDir?: string;
}

/** The case file named on a command line (argv without the executable), if any. */
export function caseFromArgv(argv: readonly string[]): string | null {
  const candidates = argv.filter((a) => !a.startsWith('-') && a.toLowerCase().endsWith('.loupe'));
  return candidates.at(-1) ?? null;
}

export interface StartedApp {
  cases: CaseRegistry;
  ready: Promise<void>;
}

export function startApp(deps: AppDeps): StartedApp | null {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return null;
  }
  registerAppScheme();
  const appPath = app.getAppPath();
  const preloadPath = deps.preloadPath ?? join(appPath, 'out', 'preload', 'index.cjs');
  const rendererDir = deps.rendererDir ?? join(appPath, 'out', 'renderer');
  const cases = new CaseRegistry(deps.createEngineHost, preloadPath);

  app.on('second-instance', (_event, argv) => {
    const path = caseFromArgv(argv.slice(1));
    if (path !== null) cases.open(path);
    else cases.focused(undefined)?.window.focus();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  let drained = false;
  let draining = false;
  app.on('before-quit', (event) => {
    if (drained) return;
    event.preventDefault();
    if (draining) return;
    draining = true;
    void cases.closeAll().finally(() => {
      drained = true;
      app.quit();
    });
  });

  const ready = app.whenReady().then(async () => {
    serveAppProtocol(rendererDir);
    const caseChannels = {
      cases: (channel: ApiName, event: IpcEventLike, payload: unknown) => answerCaseChannel(channel, event, payload, { registry: cases, ensureSample: deps.ensureSampleCase }),
      drop: (event: IpcEventLike, payload: unknown) => answerDrop(event, payload, { registry: cases, hostFor: (sender) => cases.hostFor(sender.id) }),
    };
    registerIpc(ipcMain as unknown as IpcMainLike, (sender) => cases.hostFor(sender.id), isTrustedIpcSender, caseChannels);
    installMenu({ isMac: process.platform === 'darwin', dev: !app.isPackaged, actions: menuActions(cases) });
    const path = caseFromArgv(process.argv.slice(1)) ?? (await deps.ensureSampleCase());
    cases.open(path);
  });
  return { cases, ready };
}

// The one window factory: hardened preferences, no new windows, no foreign navigation, no permissions, no network.
import { BrowserWindow, type Session, type WebContents } from 'electron';
import { APP_ENTRY_URL, isAllowedNavigation, secureWebPreferences, shouldBlockRequest } from './policy';

export interface CaseWindowOptions {
  preloadPath: string;
  title: string;
  /** Defaults to the app entry page. */
  url?: string;
  /** Restored per case (windowState.ts); defaults to 1440×900 placed by the OS. */
  bounds?: { x: number; y: number; width: number; height: number; maximized: boolean };
}

const hardenedSessions = new WeakSet<Session>();

/** Deny every permission and cancel every request that is not app:// (SECURITY E-5, E-6). Idempotent. */
export function hardenSession(ses: Session): void {
  if (hardenedSessions.has(ses)) return;
  hardenedSessions.add(ses);
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: shouldBlockRequest(details.url) }));
}

interface UrlEvent {
  url: string;
  preventDefault(): void;
}

/** Block window.open, webviews and any navigation or redirect away from the app origin (SECURITY E-4). */
export function lockNavigation(contents: WebContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  const guard = (event: UrlEvent): void => {
    if (!isAllowedNavigation(event.url)) event.preventDefault();
  };
  contents.on('will-navigate', guard);
  contents.on('will-redirect', guard);
  contents.on('will-frame-navigate', guard);
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

export function createCaseWindow(opts: CaseWindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    width: opts.bounds?.width ?? 1440,
    height: opts.bounds?.height ?? 900,
    ...(opts.bounds ? { x: opts.bounds.x, y: opts.bounds.y } : {}),
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: opts.title,
    backgroundColor: '#1e1e1e',
    // The three critical flags are restated literally so electronegativity's AST checks can see them here.
    webPreferences: { ...secureWebPreferences(opts.preloadPath), contextIsolation: true, sandbox: true, nodeIntegration: false },
  });
  hardenSession(win.webContents.session);
  lockNavigation(win.webContents);
  win.once('ready-to-show', () => {
    if (opts.bounds?.maximized) win.maximize();
    win.show();
  });
  void win.loadURL(opts.url ?? APP_ENTRY_URL);
  return win;
}

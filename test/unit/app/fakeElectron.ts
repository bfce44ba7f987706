// An in-memory stand-in for the parts of `electron` the app uses (there is no Electron binary here).
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

type Handler = (...args: unknown[]) => unknown;

export class FakeSession {
  permissionRequest: Handler | null = null;
  permissionCheck: Handler | null = null;
  devicePermission: Handler | null = null;
  beforeRequest: Handler | null = null;
  setPermissionRequestHandler(h: Handler): void {
    this.permissionRequest = h;
  }
  setPermissionCheckHandler(h: Handler): void {
    this.permissionCheck = h;
  }
  setDevicePermissionHandler(h: Handler): void {
    this.devicePermission = h;
  }
  webRequest = { onBeforeRequest: (h: Handler) => (this.beforeRequest = h) };
}

export const defaultSession = new FakeSession();
let nextContentsId = 1;

export class FakeWebContents extends EventEmitter {
  id = nextContentsId++;
  session = defaultSession;
  windowOpenHandler: Handler | null = null;
  destroyed = false;
  sent: Array<[string, unknown]> = [];
  setWindowOpenHandler(h: Handler): void {
    this.windowOpenHandler = h;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  send(channel: string, payload: unknown): void {
    this.sent.push([channel, payload]);
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  static getAllWindows(): FakeBrowserWindow[] {
    return FakeBrowserWindow.instances.filter((w) => !w.closed);
  }
  static getFocusedWindow(): FakeBrowserWindow | null {
    return null;
  }
  webContents = new FakeWebContents();
  loaded: string[] = [];
  closed = false;
  constructor(public readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.instances.push(this);
  }
  loadURL(url: string): Promise<void> {
    this.loaded.push(url);
    return Promise.resolve();
  }
  show(): void {}
  focus(): void {}
  isMinimized(): boolean {
    return false;
  }
  restore(): void {}
  close(): void {
    this.closed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
}

export const ipcHandlers = new Map<string, Handler>();
export const appEvents = new EventEmitter();

export const electronFake = {
  BrowserWindow: FakeBrowserWindow,
  session: { defaultSession },
  protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
  ipcMain: {
    handle: (channel: string, h: Handler) => {
      if (ipcHandlers.has(channel)) throw new Error(`second handler for ${channel}`);
      ipcHandlers.set(channel, h);
    },
    removeHandler: (channel: string) => ipcHandlers.delete(channel),
  },
  app: {
    requestSingleInstanceLock: vi.fn(() => true),
    quit: vi.fn(),
    on: (event: string, h: Handler) => appEvents.on(event, h),
    whenReady: () => Promise.resolve(),
    getAppPath: () => '/fake/app',
    isPackaged: false,
    getVersion: () => '0.1.0',
  },
  dialog: { showOpenDialog: vi.fn(), showSaveDialog: vi.fn(), showErrorBox: vi.fn(), showMessageBox: vi.fn() },
  Menu: { setApplicationMenu: vi.fn(), buildFromTemplate: vi.fn((t: unknown) => t) },
  nativeTheme: { themeSource: 'system', shouldUseDarkColors: false },
};

// Open cases: one engine host and one window per case file, keyed by the window's webContents id.
import { basename, resolve } from 'node:path';
import type { BrowserWindow } from 'electron';
import type { EngineHost } from '../host/types';
import { forwardEvents } from './ipc';
import { createCaseWindow } from './windows';

export interface OpenCase {
  path: string;
  host: EngineHost;
  window: BrowserWindow;
  closing: Promise<void> | null;
}

export class CaseRegistry {
  private readonly byContents = new Map<number, OpenCase>();
  private readonly pendingCloses = new Set<Promise<void>>();

  constructor(
    private readonly createHost: (casePath: string) => EngineHost,
    private readonly preloadPath: string,
  ) {}

  /** Focuses the case's window if it is already open, else starts its host and opens a window. */
  open(casePath: string): OpenCase {
    const path = resolve(casePath);
    const existing = [...this.byContents.values()].find((c) => c.path === path);
    if (existing) {
      if (existing.window.isMinimized()) existing.window.restore();
      existing.window.focus();
      return existing;
    }
    const host = this.createHost(path);
    const window = createCaseWindow({ preloadPath: this.preloadPath, title: `Loupe — ${basename(path)}` });
    const id = window.webContents.id;
    const entry: OpenCase = { path, host, window, closing: null };
    this.byContents.set(id, entry);
    const stopEvents = forwardEvents(host, window.webContents);
    window.on('closed', () => {
      stopEvents();
      this.byContents.delete(id);
      this.closeHost(entry);
    });
    return entry;
  }

  hostFor(contentsId: number): EngineHost | undefined {
    return this.byContents.get(contentsId)?.host;
  }

  /** The case of the focused window (menu actions), else the first open one. */
  focused(focusedContentsId: number | undefined): OpenCase | undefined {
    return (focusedContentsId === undefined ? undefined : this.byContents.get(focusedContentsId)) ?? this.byContents.values().next().value;
  }

  get size(): number {
    return this.byContents.size;
  }

  private closeHost(entry: OpenCase): Promise<void> {
    if (entry.closing === null) {
      const closing = entry.host.close().catch(() => undefined);
      entry.closing = closing;
      this.pendingCloses.add(closing);
      void closing.finally(() => this.pendingCloses.delete(closing));
    }
    return entry.closing;
  }

  /** Drains every host (running jobs finish or are cancelled by the host) before the app quits. */
  async closeAll(): Promise<void> {
    const all = [...this.byContents.values()].map((c) => this.closeHost(c));
    await Promise.allSettled([...all, ...this.pendingCloses]);
  }
}

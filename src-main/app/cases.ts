// Open cases: one engine host and one window per case file, keyed by the window's webContents id.
import { existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { screen, type BrowserWindow } from 'electron';
import { touchRecent } from '../host/recent';
import { loupeHome } from '../host/sample';
import type { CaseHost, EngineHost } from '../host/types';
import { forwardEvents } from './ipc';
import { createCaseWindow } from './windows';
import { boundsFor, loadState, remember, saveState, type DisplayLike } from './windowState';

export interface RegistryOptions {
  /** loupeHome() unless given: where recent.json and windows.json live. */
  home?: string;
  /** The displays' work areas; defaults to Electron's screen (absent in unit tests: no bounds restored). */
  displays?: () => DisplayLike[];
}

function electronDisplays(): DisplayLike[] | null {
  try {
    return screen.getAllDisplays();
  } catch {
    return null;
  }
}

/** The lock state of a host created by createEngineHost (null for other EngineHost implementations). */
export function lockedByOf(host: EngineHost): string | null {
  const v = (host as Partial<CaseHost>).lockedBy;
  return typeof v === 'string' ? v : null;
}

export interface OpenCase {
  path: string;
  /** The recent-cases id (keys the saved window bounds); null when the file did not exist to record. */
  recentId: string | null;
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
    private readonly options: RegistryOptions = {},
  ) {}

  private get home(): string {
    return this.options.home ?? loupeHome();
  }

  private windowsFile(): string {
    return join(this.home, 'windows.json');
  }

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
    // Only files that exist join the recent list (a unit test's fake paths, or a typo, never do).
    const recentId = existsSync(path) ? touchRecent(path, { home: this.home }).id : null;
    const displays = this.options.displays?.() ?? electronDisplays();
    const bounds = recentId && displays ? boundsFor(loadState(this.windowsFile()), recentId, displays) : undefined;
    const window = createCaseWindow({ preloadPath: this.preloadPath, title: `Loupe — ${basename(path)}`, ...(bounds ? { bounds } : {}) });
    const id = window.webContents.id;
    const entry: OpenCase = { path, recentId, host, window, closing: null };
    if (recentId) window.on('close', () => this.saveBounds(recentId, window));
    this.byContents.set(id, entry);
    const stopEvents = forwardEvents(host, window.webContents);
    window.on('closed', () => {
      stopEvents();
      this.byContents.delete(id);
      this.closeHost(entry);
    });
    return entry;
  }

  private saveBounds(recentId: string, window: BrowserWindow): void {
    try {
      const bounds = typeof window.getNormalBounds === 'function' ? window.getNormalBounds() : null;
      if (!bounds) return;
      saveState(this.windowsFile(), remember(loadState(this.windowsFile()), recentId, bounds, window.isMaximized()));
    } catch {
      /* window state is a convenience: never block closing */
    }
  }

  entryFor(contentsId: number): OpenCase | undefined {
    return this.byContents.get(contentsId);
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

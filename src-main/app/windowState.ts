// Window size and position per case, kept on a visible display (after Heynote's ensureWindowBoundsVisible).
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface SavedWindow extends Rect {
  maximized: boolean;
}

export interface DisplayLike {
  workArea: Rect;
}

export interface WindowState {
  version: 1;
  /** Keyed by the case's recent-cases id (stable per path). */
  windows: Record<string, SavedWindow>;
}

export const DEFAULT_SIZE = { width: 1440, height: 900 };
export const MIN_SIZE = { width: 900, height: 600 };
/** How much of the window must overlap a display to count as reachable (enough to grab the title bar). */
const MIN_VISIBLE = 64;
const MAX_CASES = 50;

export function emptyState(): WindowState {
  return { version: 1, windows: {} };
}

function overlap(a: Rect, b: Rect): { w: number; h: number } {
  return {
    w: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    h: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

function centred(size: { width: number; height: number }, area: Rect): Rect {
  const width = Math.min(size.width, area.width);
  const height = Math.min(size.height, area.height);
  return { x: Math.round(area.x + (area.width - width) / 2), y: Math.round(area.y + (area.height - height) / 2), width, height };
}

/**
 * Keeps saved bounds if the window would still be reachable on one of the displays (shrunk to fit that
 * display); otherwise centres it on the first (primary) display. A display unplugged since last time
 * therefore never leaves a window off-screen.
 */
export function ensureVisible(bounds: Rect, displays: readonly DisplayLike[]): Rect {
  const primary = displays[0]?.workArea ?? { x: 0, y: 0, width: DEFAULT_SIZE.width, height: DEFAULT_SIZE.height };
  const size = { width: Math.max(MIN_SIZE.width, Math.round(bounds.width)), height: Math.max(MIN_SIZE.height, Math.round(bounds.height)) };
  let best: { area: Rect; score: number } | null = null;
  for (const d of displays) {
    const o = overlap({ ...bounds, ...size }, d.workArea);
    if (o.w >= MIN_VISIBLE && o.h >= MIN_VISIBLE && (!best || o.w * o.h > best.score)) best = { area: d.workArea, score: o.w * o.h };
  }
  if (!best) return centred(size, primary);
  const a = best.area;
  const width = Math.min(size.width, a.width);
  const height = Math.min(size.height, a.height);
  // Clamp inside the display so the title bar is never above or beside the work area.
  const x = Math.min(Math.max(Math.round(bounds.x), a.x), a.x + a.width - width);
  const y = Math.min(Math.max(Math.round(bounds.y), a.y), a.y + a.height - height);
  return { x, y, width, height };
}

/** The bounds to open a case's window with: its saved ones made visible, else the default size centred. */
export function boundsFor(state: WindowState, caseId: string, displays: readonly DisplayLike[]): SavedWindow {
  const saved = Object.prototype.hasOwnProperty.call(state.windows, caseId) ? state.windows[caseId] : undefined;
  if (!saved) return { ...centred(DEFAULT_SIZE, displays[0]?.workArea ?? { x: 0, y: 0, ...DEFAULT_SIZE }), maximized: false };
  return { ...ensureVisible(saved, displays), maximized: saved.maximized };
}

/** A new state with this case's window remembered (most recent last; the oldest are dropped past 50). */
export function remember(state: WindowState, caseId: string, bounds: Rect, maximized: boolean): WindowState {
  const entries = Object.entries(state.windows).filter(([k]) => k !== caseId);
  entries.push([caseId, { x: Math.round(bounds.x), y: Math.round(bounds.y), width: Math.round(bounds.width), height: Math.round(bounds.height), maximized }]);
  return { version: 1, windows: Object.fromEntries(entries.slice(-MAX_CASES)) };
}

function isSaved(v: unknown): v is SavedWindow {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  const finite = (k: string) => typeof o[k] === 'number' && Number.isFinite(o[k]) && Math.abs(o[k] as number) < 1e6;
  return finite('x') && finite('y') && finite('width') && finite('height') && (o['width'] as number) > 0 && (o['height'] as number) > 0 && typeof o['maximized'] === 'boolean';
}

/** Reads windows.json; anything malformed is dropped (it is only a convenience). */
export function parseState(text: string): WindowState {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return emptyState();
  }
  const windows = typeof v === 'object' && v !== null ? (v as { windows?: unknown }).windows : undefined;
  if (typeof windows !== 'object' || windows === null || Array.isArray(windows)) return emptyState();
  const out: Record<string, SavedWindow> = {};
  for (const [k, w] of Object.entries(windows)) {
    if (/^[a-f0-9]{32}$/.test(k) && isSaved(w)) out[k] = { x: w.x, y: w.y, width: w.width, height: w.height, maximized: w.maximized };
  }
  return { version: 1, windows: out };
}

export function loadState(file: string): WindowState {
  try {
    return parseState(readFileSync(file, 'utf8'));
  } catch {
    return emptyState();
  }
}

export function saveState(file: string, state: WindowState): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(tmp, file);
}

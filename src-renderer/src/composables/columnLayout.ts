// Pure column-layout rules: apply a saved GridLayout (order, widths, hidden, pinned) to the grid's columns, and edit it.
import type { GridLayout } from '../../../src-main/contract/api';
import type { GridColumn } from './gridColumns';

export type LayoutEntry = GridLayout['columns'][number];

export interface LaidColumn extends GridColumn {
  width: number;
  pinned: boolean;
  hidden: boolean;
  /** Left offset while pinned (sticky), else 0. */
  left: number;
}

export const MIN_WIDTH = 40;
export const MAX_WIDTH = 4000;

export function defaultWidth(kind: GridColumn['kind']): number {
  return kind === 'time' ? 330 : kind === 'source' ? 170 : 180;
}

export function clampWidth(w: number): number {
  return Math.round(Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, w)));
}

/**
 * Every column in display order: saved order first (names no longer present are dropped), new columns after in
 * their natural order, then pinned columns moved to the front (keeping their relative order).
 */
export function applyLayout(cols: readonly GridColumn[], entries: readonly LayoutEntry[] | null): LaidColumn[] {
  const byName = new Map(cols.map((c) => [c.key, c]));
  const seen = new Set<string>();
  const ordered: LaidColumn[] = [];
  const push = (c: GridColumn, e: LayoutEntry | undefined): void => {
    seen.add(c.key);
    ordered.push({ ...c, width: e?.width !== undefined ? clampWidth(e.width) : defaultWidth(c.kind), pinned: e?.pinned === true, hidden: e?.hidden === true, left: 0 });
  };
  for (const e of entries ?? []) {
    const c = byName.get(e.name);
    if (c && !seen.has(c.key)) push(c, e);
  }
  for (const c of cols) if (!seen.has(c.key)) push(c, undefined);
  const out = [...ordered.filter((c) => c.pinned), ...ordered.filter((c) => !c.pinned)];
  let left = 0;
  for (const c of out) {
    if (c.pinned && !c.hidden) {
      c.left = left;
      left += c.width;
    }
  }
  return out;
}

/** The layout to save for columns as they are now laid out. */
export function toLayout(cols: readonly LaidColumn[]): GridLayout {
  return {
    columns: cols.map((c) => {
      const e: LayoutEntry = { name: c.key, width: clampWidth(c.width) };
      if (c.hidden) e.hidden = true;
      if (c.pinned) e.pinned = true;
      return e;
    }),
  };
}

function update(cols: readonly LaidColumn[], key: string, change: Partial<LaidColumn>): LaidColumn[] {
  return cols.map((c) => (c.key === key ? { ...c, ...change } : c));
}

export function setWidth(cols: readonly LaidColumn[], key: string, width: number): LaidColumn[] {
  return update(cols, key, { width: clampWidth(width) });
}

export function setHidden(cols: readonly LaidColumn[], key: string, hidden: boolean): LaidColumn[] {
  // never hide the last visible column: an empty grid cannot be navigated back
  if (hidden && cols.filter((c) => !c.hidden && c.key !== key).length === 0) return [...cols];
  return update(cols, key, { hidden });
}

export function setPinned(cols: readonly LaidColumn[], key: string, pinned: boolean): LaidColumn[] {
  return update(cols, key, { pinned });
}

/** Moves a column by `delta` places among the visible columns of the same pin group (unpinned cannot jump pinned). */
export function moveBy(cols: readonly LaidColumn[], key: string, delta: number): LaidColumn[] {
  const me = cols.find((c) => c.key === key);
  if (!me) return [...cols];
  const peers = cols.filter((c) => !c.hidden && c.pinned === me.pinned);
  const at = peers.findIndex((c) => c.key === key);
  const target = peers[Math.min(peers.length - 1, Math.max(0, at + delta))];
  if (!target || target.key === key) return [...cols];
  return delta < 0 ? moveBefore(cols, key, target.key) : moveAfter(cols, key, target.key);
}

/** Drops column `key` just before column `target` (header drag and drop); it takes the target's pin state. */
export function moveBefore(cols: readonly LaidColumn[], key: string, target: string): LaidColumn[] {
  return place(cols, key, target, 0);
}

export function moveAfter(cols: readonly LaidColumn[], key: string, target: string): LaidColumn[] {
  return place(cols, key, target, 1);
}

function place(cols: readonly LaidColumn[], key: string, target: string, offset: 0 | 1): LaidColumn[] {
  const me = cols.find((c) => c.key === key);
  const t = cols.find((c) => c.key === target);
  if (!me || !t || key === target) return [...cols];
  const rest = cols.filter((c) => c.key !== key);
  const i = rest.findIndex((c) => c.key === target) + offset;
  rest.splice(i, 0, { ...me, pinned: t.pinned });
  return rest;
}

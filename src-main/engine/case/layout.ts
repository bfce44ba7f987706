// Per-source grid layouts (column order, widths, hidden, pinned) stored in the case's meta table.
import type { GridLayout } from '../../contract/api';
import type { ReadableDB, WritableDB } from '../db/types';

const key = (sourceId: number | null) => `layout.${sourceId ?? 'timeline'}`;

export function getLayout(db: ReadableDB, sourceId: number | null): GridLayout | null {
  const r = db.prepare('SELECT value FROM meta WHERE key = ?').get(key(sourceId)) as { value: string } | undefined;
  return r ? (JSON.parse(r.value) as GridLayout) : null;
}

/** Layouts are view settings, not analyst findings: saved without an audit entry. */
export function saveLayout(db: WritableDB, sourceId: number | null, layout: GridLayout): void {
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key(sourceId), JSON.stringify(layout));
}

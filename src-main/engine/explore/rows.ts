// Shared row shaping: @ fields and times of events rows into the contract's GridRow.
import { ENTITY_FIELDS } from '../../contract/fields';
import type { GridRow } from '../../contract/model';
import { formatUs } from '../time/format';
import type { ReadableDB } from '../db/types';

/** Columns selected from `events e` for every grid query (aliased to avoid clashing with source columns). */
export const EVENT_SELECT = ['e.id AS __eid', 'e.source_id AS __sid', 'e.row AS __row', 'e.time AS __time', ...ENTITY_FIELDS.map((f) => `e.${f} AS "__${f}"`)].join(', ');

export type DbRow = Record<string, unknown>;

export function isoTime(us: unknown): string | null {
  return typeof us === 'number' || typeof us === 'bigint' ? formatUs(Number(us)) : null;
}

export function normalizedOf(r: DbRow, sourceName: string): Record<string, string | null> {
  const out: Record<string, string | null> = { time: isoTime(r['__time']), source: sourceName };
  for (const f of ENTITY_FIELDS) {
    const v = r[`__${f}`];
    out[f] = v === null || v === undefined ? null : String(v);
  }
  return out;
}

export function toGridRow(r: DbRow, cells: (string | null)[], sourceName: string, bookmarked: boolean): GridRow {
  return {
    sourceId: Number(r['__sid']),
    row: Number(r['__row']),
    time: isoTime(r['__time']),
    cells,
    normalized: normalizedOf(r, sourceName),
    bookmarked,
  };
}

/**
 * `AND +e.source_id NOT IN (…)` for sources being removed, or '' when none (the usual case).
 * Computed up front and written with unary `+` so it never steers the planner away from the filter's index.
 */
export function liveSourcesSql(db: ReadableDB): string {
  const ids = (db.prepare('SELECT id FROM sources WHERE removing <> 0').all() as { id: number }[]).map((r) => Number(r.id));
  return ids.length ? ` AND +e.source_id NOT IN (${ids.join(', ')})` : '';
}

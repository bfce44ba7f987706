// Jumping to a position of a query's order (the grid's scrollbar): the cursor of the row before it, by a key-only OFFSET.
import type { Cursor } from '../../contract/model';
import type { ReadableDB } from '../db/types';
import type { PageQuery } from './page';

/**
 * How far past a remembered position a jump hops from it (through the keyset segments) instead of counting from an
 * end of the order, which walks a covering index with a bare OFFSET at ~7–26 ns per entry (70 ms for 5M at 10M rows,
 * bench/queries.mjs).
 */
export const SEEK_STRIDE = 50_000;
/** Remembered positions per query (the jumps already made); the oldest go first. */
const MAX_POINTS = 512;
const MAX_QUERIES = 32;

/** Cursors at positions already jumped to, per query; dropped whenever the case changed under this connection. */
export class SeekCache {
  private readonly byQuery = new Map<string, Map<number, Cursor>>();
  private version: string | null = null;

  constructor(readonly stride = SEEK_STRIDE) {}

  /** The remembered positions of one query (created on first use), after checking the case has not changed. */
  points(db: ReadableDB, key: string): Map<number, Cursor> {
    // data_version moves when another connection commits, total_changes when this one writes.
    const v = `${String(db.pragma('data_version', { simple: true }))}:${String(db.pragma('schema_version', { simple: true }))}:${String((db.prepare('SELECT total_changes() AS t').get() as { t: number }).t)}`;
    if (v !== this.version) {
      this.byQuery.clear();
      this.version = v;
    }
    let m = this.byQuery.get(key);
    if (!m) {
      if (this.byQuery.size >= MAX_QUERIES) this.byQuery.delete(this.byQuery.keys().next().value!);
      m = new Map();
      this.byQuery.set(key, m);
    }
    return m;
  }
}

/** A key-only read of the row `skip` entries into the query's order (or into `cond`'s range of it). */
function keyOnly(db: ReadableDB, q: PageQuery, cond: string | null, params: (string | number)[], skip: number, order = q.order): Cursor | null {
  const row = db
    .prepare(`SELECT ${q.isKey ? 'NULL' : q.sortSql} AS __sort, ${q.keySql} AS __key FROM ${q.from} WHERE ${[...q.conds, ...(cond ? [cond] : [])].join(' AND ')} ORDER BY ${order} LIMIT 1 OFFSET ?`)
    .get(...q.params, ...params, skip) as { __sort: unknown; __key: number } | undefined;
  return row ? { value: toValue(row.__sort), key: Number(row.__key) } : null;
}

/**
 * The row `skip` rows after `from` in the query's order (from null: the row at position `skip`), or null past the end.
 * After a cursor it walks the keyset segments in order, counting a segment only when the row is beyond it.
 */
export function stepAfter(db: ReadableDB, q: PageQuery, from: Cursor | null, skip: number): Cursor | null {
  if (!from) return keyOnly(db, q, null, [], skip);
  let left = skip;
  for (const seg of q.keyset(from)) {
    const hit = keyOnly(db, q, seg.sql, seg.params, left);
    if (hit) return hit;
    const n = (db.prepare(`SELECT count(*) AS n FROM ${q.from} WHERE ${[...q.conds, seg.sql].join(' AND ')}`).get(...q.params, ...seg.params) as { n: number }).n;
    left -= n;
  }
  return null;
}

/**
 * The cursor of the row just before `position` (0-based) in the query's order: undefined for position 0, null when
 * the query has fewer rows than that. Exact, not estimated: it counts rows the way the page query orders them.
 */
export function seekCursor(db: ReadableDB, q: PageQuery, position: number, cache?: SeekCache): Cursor | null | undefined {
  if (position <= 0) return undefined;
  const target = position - 1;
  const points = cache?.points(db, JSON.stringify([q.from, q.conds, q.params, q.order])) ?? new Map<number, Cursor>();
  if (q.positional) {
    const direct = q.positional(target);
    if (direct !== undefined) return direct;
  }
  let at = -1;
  let cursor: Cursor | undefined;
  for (const [p, c] of points) {
    if (p <= target && p > at) {
      at = p;
      cursor = c;
    }
  }
  if (target === at) return cursor ?? null;
  const stride = cache?.stride ?? SEEK_STRIDE;
  const total = q.total?.();
  // A stored mark of the order (timelineMarks.ts) nearer than any remembered jump is as good as one.
  const mark = target - at > stride ? q.anchor?.(target, total) : undefined;
  const fromMark = mark?.cursor !== undefined && mark.at > at;
  if (fromMark) {
    at = mark.at;
    cursor = mark.cursor;
    if (target === at) return cursor;
  }
  if (total !== undefined && target >= total) return null;
  // Past the middle of a query whose size the catalogue knows, count back from the end (a jump near the end is as
  // quick as one near the start).
  const fromEnd = total === undefined ? Infinity : total - 1 - target;
  const found =
    cursor && (fromMark || target - at <= stride)
      ? stepAfter(db, q, cursor, target - at - 1)
      : fromEnd < target
        ? keyOnly(db, q, null, [], fromEnd, q.reverseOrder)
        : keyOnly(db, q, null, [], target);
  if (found) {
    if (points.size >= MAX_POINTS) points.delete(points.keys().next().value!);
    points.set(target, found);
  }
  return found;
}

function toValue(v: unknown): string | number | null {
  if (v === null || v === undefined) return null;
  return typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : String(v);
}

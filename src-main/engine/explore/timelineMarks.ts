// Marks of the unfiltered timeline's order (every MARK_STEP-th event by time, id): a scrollbar jump hops from the nearest one instead of counting millions of index entries.
import type { Cursor } from '../../contract/model';
import type { ReadableDB } from '../db/types';

/** Positions between marks; a jump counts at most this many entries after one (~14 ns each on events_time). */
export const MARK_STEP = 32_768;
/** Below this many events a cold jump counts under ~15 ms from the nearer end, so no marks are kept. */
export const MARKS_MIN_EVENTS = 1_000_000;
export const STAMP_KEY = 'timeline_marks';

export interface Stamp {
  events: number;
  maxId: number;
}

/**
 * What the marks describe, read without counting: the register's rows (each source's count of events) and the highest
 * event id. An import moves both; deletes and updates of events fire the triggers that empty the marks.
 */
export function currentStamp(db: ReadableDB): Stamp {
  const r = db.prepare('SELECT (SELECT coalesce(sum(rows_imported), 0) FROM sources) AS events, (SELECT coalesce(max(id), 0) FROM events) AS maxId').get() as Stamp;
  return { events: Number(r.events), maxId: Number(r.maxId) };
}

function savedStamp(db: ReadableDB): Stamp | null {
  const r = db.prepare('SELECT value FROM meta WHERE key = ?').get(STAMP_KEY) as { value: string } | undefined;
  if (!r) return null;
  try {
    const v = JSON.parse(r.value) as Partial<Stamp> | null;
    return typeof v?.events === 'number' && typeof v.maxId === 'number' ? { events: v.events, maxId: v.maxId } : null;
  } catch {
    return null; // a damaged stamp only means the marks go unused until the next build
  }
}

export function sameStamp(a: Stamp | null, b: Stamp): boolean {
  return a !== null && a.events === b.events && a.maxId === b.maxId;
}

export function marksFresh(db: ReadableDB, stamp: Stamp): boolean {
  if (!sameStamp(savedStamp(db), stamp)) return false;
  // The triggers empty the table on a delete or an update; a build writes at least one mark.
  return db.prepare('SELECT 1 FROM timeline_marks LIMIT 1').get() !== undefined;
}

/** Whether the case is big enough for marks and has none that match its events. */
export function timelineMarksPending(db: ReadableDB): boolean {
  const stamp = currentStamp(db);
  return stamp.events >= MARKS_MIN_EVENTS && !marksFresh(db, stamp);
}

/**
 * The nearest mark at or before / at or after ascending position `index` of the unfiltered timeline, or undefined when
 * the marks do not match the events. Before the first mark, "at or before" is the start: `at` = -1 and no cursor.
 */
export function markNear(db: ReadableDB, index: number, side: 'atOrBefore' | 'atOrAfter'): { at: number; cursor: Cursor | undefined } | undefined {
  if (!marksFresh(db, currentStamp(db))) return undefined;
  const sql = side === 'atOrBefore' ? 'WHERE pos <= ? ORDER BY pos DESC' : 'WHERE pos >= ? ORDER BY pos';
  const r = db.prepare(`SELECT pos, time, id FROM timeline_marks ${sql} LIMIT 1`).get(index) as { pos: number; time: number | null; id: number } | undefined;
  if (r) return { at: r.pos, cursor: { value: r.time, key: r.id } };
  return side === 'atOrBefore' ? { at: -1, cursor: undefined } : undefined;
}

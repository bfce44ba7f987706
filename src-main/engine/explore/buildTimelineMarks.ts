// Builds the timeline marks (timelineMarks.ts) in the background after an import: one walk of the order, MARK_STEP entries a step.
import type { Cursor } from '../../contract/model';
import type { WritableDB } from '../db/types';
import { timelineQuery } from './page';
import { stepAfter } from './seek';
import { MARK_STEP, MARKS_MIN_EVENTS, STAMP_KEY, currentStamp, marksFresh, sameStamp } from './timelineMarks';

/**
 * Walks the timeline's order once, MARK_STEP entries at a time (between steps queued calls run), and stores a mark per
 * step in one transaction, only if the events did not change meanwhile. Returns how many marks were written.
 */
export async function buildTimelineMarks(db: WritableDB, opts: { signal?: AbortSignal; step?: number; minEvents?: number } = {}): Promise<number> {
  const step = opts.step ?? MARK_STEP;
  const start = currentStamp(db);
  if (start.events < (opts.minEvents ?? MARKS_MIN_EVENTS) || marksFresh(db, start)) return 0;
  // While a source is being removed the timeline leaves its events out; marks wait for the removal to finish.
  if (db.prepare('SELECT 1 FROM sources WHERE removing <> 0 LIMIT 1').get()) return 0;
  const q = timelineQuery(db, { source: null, where: '' });
  const marks: { pos: number; cursor: Cursor }[] = [];
  let cursor: Cursor | null = stepAfter(db, q, null, step);
  for (let pos = step; cursor; pos += step) {
    marks.push({ pos, cursor });
    if (opts.signal?.aborted || !db.open) return 0;
    await new Promise<void>((resolve) => setImmediate(resolve));
    cursor = stepAfter(db, q, cursor, step - 1);
  }
  const write = db.transaction(() => {
    if (!sameStamp(currentStamp(db), start)) return 0;
    db.prepare('DELETE FROM timeline_marks').run();
    const ins = db.prepare('INSERT INTO timeline_marks (pos, time, id) VALUES (?, ?, ?)');
    for (const m of marks) ins.run(m.pos, m.cursor.value, m.cursor.key);
    db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(STAMP_KEY, JSON.stringify(start));
    return marks.length;
  });
  return write.immediate();
}


// What an import leaves for after its commit: the indexes on the source columns that feed @ fields, the timeline marks, then the full-text index.
import type { WritableDB } from '../db/types';
import { buildTimelineMarks } from '../explore/buildTimelineMarks';
import { timelineMarksPending } from '../explore/timelineMarks';
import { buildFullText, pendingFullText, type FullTextOptions } from './fullText';
import { tuneForIndexBuild } from './importPragmas';
import { columnIndexName, createColumnIndex } from './sourceTable';

export interface PendingColumnIndex {
  sourceId: number;
  col: string;
  name: string;
}

/**
 * Source columns that feed an @ field and have no index yet. The case is queryable without them (the events
 * indexes answer every @ field and pivot); they speed up filters and stacks written on the source's own columns.
 */
export function pendingColumnIndexes(db: WritableDB): PendingColumnIndex[] {
  const existing = new Set((db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index'").all() as { name: string }[]).map((r) => r.name));
  const cols = db
    .prepare('SELECT c.source_id AS sourceId, c.col FROM source_columns c JOIN sources s ON s.id = c.source_id WHERE c.field IS NOT NULL AND s.removing = 0 ORDER BY c.source_id, c.idx')
    .all() as { sourceId: number; col: string }[];
  return cols.map((c) => ({ ...c, name: columnIndexName(c.sourceId, c.col) })).filter((c) => !existing.has(c.name));
}

export function hasDeferredIndexes(db: WritableDB): boolean {
  return pendingFullText(db).length > 0 || pendingColumnIndexes(db).length > 0 || timelineMarksPending(db);
}

/** Builds the missing column indexes (each CREATE INDEX is its own transaction); returns how many. Stops between indexes when aborted. */
export async function buildColumnIndexes(db: WritableDB, opts: { signal?: AbortSignal } = {}): Promise<number> {
  let built = 0;
  const pending = pendingColumnIndexes(db);
  if (!pending.length) return 0;
  const tuning = tuneForIndexBuild(db);
  try {
    for (const p of pending) {
      if (opts.signal?.aborted || !db.open) break;
      createColumnIndex(db, p.sourceId, p.col);
      built++;
      // let queued calls run between indexes, as between full-text chunks
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  } finally {
    if (db.open) tuning.restore();
  }
  return built;
}

/**
 * Column indexes first (quick, and they speed up the grid), then the timeline marks (a walk of events_time, ~1 s at
 * 10M rows), then the full-text index. Safe to call again after an interruption.
 */
export async function buildDeferredIndexes(db: WritableDB, opts: FullTextOptions = {}): Promise<{ columnIndexes: number; timelineMarks: number; fullTextRows: number }> {
  const signal = opts.signal ? { signal: opts.signal } : {};
  const columnIndexes = await buildColumnIndexes(db, signal);
  if (opts.signal?.aborted) return { columnIndexes, timelineMarks: 0, fullTextRows: 0 };
  const timelineMarks = await buildTimelineMarks(db, signal);
  if (opts.signal?.aborted) return { columnIndexes, timelineMarks, fullTextRows: 0 };
  return { columnIndexes, timelineMarks, fullTextRows: await buildFullText(db, opts) };
}

// Bulk-load help: drop the events secondary indexes for a large import and rebuild them (sorted, far faster) before commit.
import type { WritableDB } from '../db/types';

/** Rough bytes per row of a log export, to estimate an input's rows from its size. */
const BYTES_PER_ROW_ESTIMATE = 400;

export interface SavedIndexes {
  restore(): void;
}

/**
 * Inside the import transaction: when the input is large next to the events already in the case, drops every
 * secondary index of events except the unique (source_id, row) one and returns how to recreate them exactly.
 * Rebuilding costs time proportional to the whole case, so small imports into big cases keep the indexes.
 */
export function suspendEventIndexes(db: WritableDB, inputBytes: number): SavedIndexes | null {
  const existing = (db.prepare('SELECT coalesce(max(id), 0) AS n FROM events').get() as { n: number }).n;
  if (inputBytes / BYTES_PER_ROW_ESTIMATE < existing / 2 || inputBytes < 4 * 1024 * 1024) return null;
  const indexes = db
    .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'events' AND sql IS NOT NULL AND name <> 'events_source_row'")
    .all() as { name: string; sql: string }[];
  for (const ix of indexes) db.exec(`DROP INDEX "${ix.name.replace(/"/g, '""')}"`);
  return {
    restore() {
      for (const ix of indexes) db.exec(ix.sql);
    },
  };
}

// Test helpers for the mapping suite: hashing a source's evidence table and dumping its events.
import { createHash } from 'node:crypto';
import type { ReadableDB } from '../../../src-main/engine/db/types';

/** SHA-256 over every row of src_N in _row order, plus its catalogue headers: changes if any evidence byte changes. */
export function evidenceHash(db: ReadableDB, sourceId: number): string {
  const h = createHash('sha256');
  const stmt = db.prepare(`SELECT * FROM "src_${sourceId}" ORDER BY _row`).raw(true);
  for (const r of stmt.iterate() as IterableIterator<unknown[]>) h.update(JSON.stringify(r)).update('\n');
  for (const r of db.prepare('SELECT idx, col, header, name, norm FROM source_columns WHERE source_id = ? ORDER BY idx').raw(true).all(sourceId) as unknown[][]) {
    h.update(JSON.stringify(r));
  }
  return h.digest('hex');
}

export type EventRow = Record<string, string | number | null>;

export function eventsOf(db: ReadableDB, sourceId: number): EventRow[] {
  return db.prepare('SELECT * FROM events WHERE source_id = ? ORDER BY row').all(sourceId) as EventRow[];
}

export function ftsHits(db: ReadableDB, term: string): number[] {
  return (db.prepare('SELECT e.id FROM fts JOIN events e ON e.id = fts.rowid WHERE fts MATCH ? ORDER BY e.id').all(`"${term.replace(/"/g, '""')}"`) as { id: number }[]).map((r) => r.id);
}

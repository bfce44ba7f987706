// The full-text index, built after an import commits: in chunks, one transaction each, resumable after a kill.
import { listColumns } from '../case/catalog';
import { ident, sourceTable } from '../db/sql';
import type { WritableDB } from '../db/types';

export interface FullTextProgress {
  sourceId: number;
  /** Rows of this source indexed so far, and its total. */
  done: number;
  total: number;
}

export interface FullTextOptions {
  onProgress?: (p: FullTextProgress) => void;
  /** Rows per transaction; between chunks the event loop runs (queries and cancellation get a turn). */
  chunk?: number;
  signal?: AbortSignal;
}

/** Sources whose rows are not all in the full-text index yet. */
export function pendingFullText(db: WritableDB): number[] {
  return (db.prepare('SELECT id FROM sources WHERE fts_pending = 1 AND removing = 0 ORDER BY id').all() as { id: number }[]).map((r) => r.id);
}

/** The text indexed for one row: every cell, then ragged extras. */
export function ftsText(cells: readonly unknown[], extra?: readonly string[] | null): string {
  let s = '';
  for (const c of cells) if (c !== null && c !== undefined && c !== '') s += String(c) + '\n';
  if (extra) for (const c of extra) s += c + '\n';
  return s;
}

/** Indexes every pending source; returns the rows indexed. Safe to call again after an interruption. */
export async function buildFullText(db: WritableDB, opts: FullTextOptions = {}): Promise<number> {
  const chunk = opts.chunk ?? 20_000;
  let indexed = 0;
  for (const sourceId of pendingFullText(db)) {
    const columns = listColumns(db, sourceId).map((c) => ident(c.col));
    const table = ident(sourceTable(sourceId));
    const read = db.prepare(
      `SELECT e.id AS __eid, s._row AS __row, s._extra AS __extra${columns.length ? ', ' + columns.map((c) => `s.${c}`).join(', ') : ''}
       FROM ${table} s JOIN events e ON e.source_id = ${Number(sourceId)} AND e.row = s._row
       WHERE s._row > ? ORDER BY s._row LIMIT ?`,
    );
    read.raw(true);
    const insert = db.prepare('INSERT INTO fts (rowid, text) VALUES (?, ?)');
    const mark = db.prepare('UPDATE sources SET fts_last_row = ?, fts_pending = ? WHERE id = ?');
    const total = (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    let { fts_last_row: last } = db.prepare('SELECT fts_last_row FROM sources WHERE id = ?').get(sourceId) as { fts_last_row: number };
    let done = (db.prepare(`SELECT count(*) AS n FROM ${table} WHERE _row <= ?`).get(last) as { n: number }).n;
    for (;;) {
      if (opts.signal?.aborted) return indexed;
      if (!db.open) return indexed;
      const rows = read.all(last, chunk) as unknown[][];
      const step = db.transaction(() => {
        for (const r of rows) {
          const extra = typeof r[2] === 'string' ? (JSON.parse(r[2]) as string[]) : null;
          insert.run(r[0], ftsText(r.slice(3), extra));
        }
        const tail = rows.length ? Number(rows[rows.length - 1]![1]) : last;
        mark.run(tail, rows.length < chunk ? 0 : 1, sourceId);
        return tail;
      });
      last = step();
      done += rows.length;
      indexed += rows.length;
      opts.onProgress?.({ sourceId, done, total });
      if (rows.length < chunk) break;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
  return indexed;
}

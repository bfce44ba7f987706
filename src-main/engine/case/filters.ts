// Saved filters: named, described queries stored in the case (audit-logged).
import { LoupeError } from '../../contract/errors';
import type { SavedFilter } from '../../contract/model';
import type { ReadableDB, WritableDB } from '../db/types';
import { appendAudit } from './audit';

interface FilterRow {
  id: number;
  name: string;
  description: string;
  query: string;
  source_name: string | null;
  created_at: string;
  updated_at: string;
}

function toFilter(r: FilterRow): SavedFilter {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    query: r.query,
    sourceName: r.source_name,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function listFilters(db: ReadableDB): SavedFilter[] {
  return (db.prepare('SELECT * FROM saved_filters ORDER BY name COLLATE NOCASE').all() as FilterRow[]).map(toFilter);
}

export function findFilter(db: ReadableDB, name: string): SavedFilter {
  const r = db.prepare('SELECT * FROM saved_filters WHERE name = ? COLLATE NOCASE').get(name) as FilterRow | undefined;
  if (!r) throw new LoupeError('NOT_FOUND', `no saved filter named ${name}`);
  return toFilter(r);
}

/** Saves or replaces (by name) a filter; the caller validates the query first. */
export function saveFilter(db: WritableDB, f: { name: string; description: string; query: string; sourceName: string | null }): SavedFilter {
  const now = new Date().toISOString();
  db.transaction(() => {
    db.prepare(
      `INSERT INTO saved_filters (name, description, query, source_name, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT(name) DO UPDATE SET description = excluded.description, query = excluded.query,
         source_name = excluded.source_name, updated_at = excluded.updated_at`,
    ).run(f.name, f.description, f.query, f.sourceName, now, now);
    appendAudit(db, 'filter.save', `filter:${f.name}`, f);
  })();
  return findFilter(db, f.name);
}

export function removeFilter(db: WritableDB, id: number): boolean {
  return db.transaction(() => {
    const r = db.prepare('DELETE FROM saved_filters WHERE id = ?').run(id);
    if (r.changes) appendAudit(db, 'filter.remove', `filter:${id}`, {});
    return r.changes > 0;
  })();
}

/** The team library format: plain JSON a team carries from case to case. */
export const LIBRARY_KIND = 'loupe-filter-library';

export function exportFilterLibrary(db: ReadableDB): string {
  const filters = listFilters(db).map((f) => ({ name: f.name, description: f.description, query: f.query, source: f.sourceName }));
  return JSON.stringify({ kind: LIBRARY_KIND, version: 1, exportedAt: new Date().toISOString(), filters }, null, 2);
}

/** Imports a library (replacing filters of the same name); every query must parse. Returns how many were saved. */
export function importFilterLibrary(db: WritableDB, json: string, checkQuery: (q: string) => void): number {
  let doc: unknown;
  try {
    doc = JSON.parse(json);
  } catch (err) {
    throw new LoupeError('BAD_INPUT', `filter library is not JSON: ${(err as Error).message}`);
  }
  const d = doc as { kind?: unknown; filters?: unknown };
  if (d?.kind !== LIBRARY_KIND || !Array.isArray(d.filters)) throw new LoupeError('BAD_INPUT', `not a Loupe filter library (kind must be ${LIBRARY_KIND})`);
  const items = d.filters.map((f: unknown, i: number) => {
    const x = f as { name?: unknown; description?: unknown; query?: unknown; source?: unknown };
    if (typeof x?.name !== 'string' || !x.name.trim() || typeof x.query !== 'string') throw new LoupeError('BAD_INPUT', `filter library entry ${i + 1}: needs a name and a query`);
    try {
      checkQuery(x.query);
    } catch (err) {
      throw new LoupeError('BAD_INPUT', `filter library entry ${i + 1} (${x.name}): ${(err as Error).message}`);
    }
    return { name: x.name.slice(0, 200), description: typeof x.description === 'string' ? x.description.slice(0, 5000) : '', query: x.query, sourceName: typeof x.source === 'string' ? x.source : null };
  });
  for (const f of items) saveFilter(db, f);
  return items.length;
}

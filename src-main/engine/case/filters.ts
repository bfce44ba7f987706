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

// Bookmarks on evidence rows: note, tags, ATT&CK techniques, severity (analyst data, audit-logged).
import { LoupeError } from '../../contract/errors';
import type { Bookmark } from '../../contract/model';
import type { ReadableDB, WritableDB } from '../db/types';
import { ident, sourceTable } from '../db/sql';
import { appendAudit } from './audit';
import { getSourceRecord } from './catalog';
import { formatUs } from '../time/format';

type Severity = Bookmark['severity'];

interface BookmarkRow {
  id: number;
  source_id: number;
  row: number;
  note: string;
  tags_json: string;
  techniques_json: string;
  severity: string;
  created_at: string;
  updated_at: string;
  source_name: string;
  time: number | null;
  user: string | null;
  ip: string | null;
  operation: string | null;
}

const SELECT = `SELECT b.*, s.name AS source_name, e.time, e.user, e.ip, e.operation
  FROM bookmarks b JOIN sources s ON s.id = b.source_id
  LEFT JOIN events e ON e.source_id = b.source_id AND e.row = b.row`;

function toBookmark(r: BookmarkRow): Bookmark {
  const summary = [r.operation, r.user, r.ip].filter(Boolean).join(' · ');
  return {
    id: r.id,
    sourceId: r.source_id,
    sourceName: r.source_name,
    row: r.row,
    time: r.time === null ? null : formatUs(r.time),
    note: r.note,
    tags: JSON.parse(r.tags_json) as string[],
    techniques: JSON.parse(r.techniques_json) as string[],
    severity: r.severity as Severity,
    summary,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function listBookmarks(db: ReadableDB): Bookmark[] {
  return (db.prepare(`${SELECT} ORDER BY e.time, b.id`).all() as BookmarkRow[]).map(toBookmark);
}

export function getBookmark(db: ReadableDB, id: number): Bookmark {
  const r = db.prepare(`${SELECT} WHERE b.id = ?`).get(id) as BookmarkRow | undefined;
  if (!r) throw new LoupeError('NOT_FOUND', `no bookmark ${id}`);
  return toBookmark(r);
}

function uniq(xs: string[]): string[] {
  return [...new Set(xs.map((x) => x.trim()).filter(Boolean))];
}

export interface BookmarkFields {
  note: string;
  tags: string[];
  techniques: string[];
  severity: Severity;
}

/** Adds a bookmark, or updates the existing one on the same row (one bookmark per row). */
export function addBookmark(db: WritableDB, sourceId: number, row: number, f: BookmarkFields): Bookmark {
  const src = getSourceRecord(db, sourceId);
  const exists = db.prepare(`SELECT 1 FROM ${ident(sourceTable(src.id))} WHERE _row = ?`).get(row);
  if (!exists) throw new LoupeError('NOT_FOUND', `${src.name} has no row ${row}`);
  const now = new Date().toISOString();
  const id = db.transaction(() => {
    const prior = db.prepare('SELECT id FROM bookmarks WHERE source_id = ? AND row = ?').get(src.id, row) as { id: number } | undefined;
    if (prior) {
      db.prepare('UPDATE bookmarks SET note = ?, tags_json = ?, techniques_json = ?, severity = ?, updated_at = ? WHERE id = ?').run(
        f.note, JSON.stringify(uniq(f.tags)), JSON.stringify(uniq(f.techniques)), f.severity, now, prior.id,
      );
      appendAudit(db, 'bookmark.edit', `bookmark:${prior.id}`, { source: src.name, row, ...f });
      return prior.id;
    }
    const info = db
      .prepare(
        'INSERT INTO bookmarks (source_id, row, note, tags_json, techniques_json, severity, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(src.id, row, f.note, JSON.stringify(uniq(f.tags)), JSON.stringify(uniq(f.techniques)), f.severity, now, now);
    const newId = Number(info.lastInsertRowid);
    appendAudit(db, 'bookmark.add', `bookmark:${newId}`, { source: src.name, sha256: src.sha256, row, ...f });
    return newId;
  })();
  return getBookmark(db, id);
}

export function updateBookmark(db: WritableDB, id: number, patch: Partial<BookmarkFields>): Bookmark {
  const cur = getBookmark(db, id);
  const next: BookmarkFields = {
    note: patch.note ?? cur.note,
    tags: patch.tags ?? cur.tags,
    techniques: patch.techniques ?? cur.techniques,
    severity: patch.severity ?? cur.severity,
  };
  return addBookmark(db, cur.sourceId, cur.row, next);
}

export function removeBookmark(db: WritableDB, id: number): boolean {
  return db.transaction(() => {
    const r = db.prepare('DELETE FROM bookmarks WHERE id = ?').run(id);
    if (r.changes) appendAudit(db, 'bookmark.remove', `bookmark:${id}`, {});
    return r.changes > 0;
  })();
}

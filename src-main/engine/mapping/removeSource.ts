// removeSource: the only way evidence leaves a case — the whole source, its events, index rows and table, audit-logged.
import { LoupeError } from '../../contract/errors';
import { appendAudit } from '../case/audit';
import { getSourceRecord } from '../case/catalog';
import { ident, sourceTable } from '../db/sql';
import type { WritableDB } from '../db/types';

export interface RemoveSourceResult {
  removed: boolean;
  /** bookmarks deleted with the source (only ever non-zero with force) */
  bookmarks: number;
}

/**
 * Removes one source. A source with bookmarks is refused (CONFLICT) unless `force`: a responder must not lose
 * bookmarked evidence silently. With force, its bookmarks and their finding links go too, each id in the audit entry.
 */
export function removeSource(db: WritableDB, sourceId: number, opts: { force?: boolean } = {}): RemoveSourceResult {
  const src = getSourceRecord(db, sourceId);
  const marked = (db.prepare('SELECT id FROM bookmarks WHERE source_id = ? ORDER BY id').all(src.id) as { id: number }[]).map((b) => b.id);
  if (marked.length > 0 && !opts.force) {
    throw new LoupeError(
      'CONFLICT',
      `${src.name} has ${marked.length} bookmark${marked.length === 1 ? '' : 's'}; removing it deletes them too (use force)`,
    );
  }
  const table = ident(sourceTable(src.id));
  db.transaction(() => {
    db.prepare('UPDATE sources SET removing = 1 WHERE id = ?').run(src.id);
    const links = db
      .prepare('DELETE FROM finding_bookmarks WHERE bookmark_id IN (SELECT id FROM bookmarks WHERE source_id = ?)')
      .run(src.id).changes;
    db.prepare('DELETE FROM bookmarks WHERE source_id = ?').run(src.id);
    db.prepare('DELETE FROM fts WHERE rowid IN (SELECT id FROM events WHERE source_id = ?)').run(src.id);
    const events = db.prepare('DELETE FROM events WHERE source_id = ?').run(src.id).changes;
    db.exec(`DROP TABLE IF EXISTS ${table}`);
    db.prepare('DELETE FROM source_columns WHERE source_id = ?').run(src.id);
    db.prepare('DELETE FROM meta WHERE key = ?').run(`layout.${src.id}`);
    db.prepare('DELETE FROM sources WHERE id = ?').run(src.id);
    appendAudit(db, 'source.remove', `source:${src.id}`, {
      source: src.name,
      sha256: src.sha256,
      size: src.size,
      rows: events,
      bookmarks: marked,
      findingLinks: links,
      forced: Boolean(opts.force),
    });
  })();
  return { removed: true, bookmarks: marked.length };
}

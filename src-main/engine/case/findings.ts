// Findings: named groups of bookmarks with a phase and narrative, ordered by time (audit-logged).
import { LoupeError } from '../../contract/errors';
import type { ReadableDB, WritableDB } from '../db/types';
import { formatUs } from '../time/format';
import { appendAudit } from './audit';

export interface Finding {
  id: number;
  title: string;
  phase: string;
  narrative: string;
  severity: string;
  techniques: string[];
  bookmarkIds: number[];
  filterNames: string[];
  start: string | null;
  end: string | null;
}

interface FindingRow {
  id: number;
  title: string;
  phase: string;
  narrative: string;
  severity: string;
  techniques_json: string;
  filter_names_json: string;
}

export function listFindings(db: ReadableDB): Finding[] {
  const rows = db.prepare('SELECT * FROM findings').all() as FindingRow[];
  const members = db.prepare(
    `SELECT fb.bookmark_id AS id, e.time FROM finding_bookmarks fb JOIN bookmarks b ON b.id = fb.bookmark_id
     LEFT JOIN events e ON e.source_id = b.source_id AND e.row = b.row WHERE fb.finding_id = ? ORDER BY e.time, b.id`,
  );
  const out = rows.map((f) => {
    const m = members.all(f.id) as { id: number; time: number | null }[];
    const times = m.map((x) => x.time).filter((t): t is number => t !== null);
    return {
      id: f.id,
      title: f.title,
      phase: f.phase,
      narrative: f.narrative,
      severity: f.severity,
      techniques: JSON.parse(f.techniques_json) as string[],
      bookmarkIds: m.map((x) => x.id),
      filterNames: JSON.parse(f.filter_names_json) as string[],
      start: times.length ? formatUs(Math.min(...times)) : null,
      end: times.length ? formatUs(Math.max(...times)) : null,
    };
  });
  // Findings read as a story: ordered by their first event.
  return out.sort((a, b) => (a.start ?? '\uffff').localeCompare(b.start ?? '\uffff') || a.id - b.id);
}

export interface FindingInput {
  id?: number | undefined;
  title: string;
  phase: string;
  narrative: string;
  severity: string;
  techniques: string[];
  bookmarkIds: number[];
  filterNames: string[];
}

export function saveFinding(db: WritableDB, f: FindingInput): Finding {
  const id = db.transaction(() => {
    for (const b of f.bookmarkIds) {
      if (!db.prepare('SELECT 1 FROM bookmarks WHERE id = ?').get(b)) throw new LoupeError('NOT_FOUND', `no bookmark ${b}`);
    }
    let fid = f.id;
    const vals = [f.title, f.phase, f.narrative, f.severity, JSON.stringify(f.techniques), JSON.stringify(f.filterNames)];
    if (fid !== undefined) {
      const r = db
        .prepare('UPDATE findings SET title = ?, phase = ?, narrative = ?, severity = ?, techniques_json = ?, filter_names_json = ? WHERE id = ?')
        .run(...vals, fid);
      if (!r.changes) throw new LoupeError('NOT_FOUND', `no finding ${fid}`);
      db.prepare('DELETE FROM finding_bookmarks WHERE finding_id = ?').run(fid);
    } else {
      fid = Number(
        db
          .prepare('INSERT INTO findings (title, phase, narrative, severity, techniques_json, filter_names_json, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
          .run(...vals, new Date().toISOString()).lastInsertRowid,
      );
    }
    const link = db.prepare('INSERT OR IGNORE INTO finding_bookmarks (finding_id, bookmark_id) VALUES (?, ?)');
    for (const b of f.bookmarkIds) link.run(fid, b);
    appendAudit(db, f.id === undefined ? 'finding.add' : 'finding.edit', `finding:${fid}`, f);
    return fid;
  })();
  return listFindings(db).find((x) => x.id === id)!;
}

export function removeFinding(db: WritableDB, id: number): boolean {
  return db.transaction(() => {
    const r = db.prepare('DELETE FROM findings WHERE id = ?').run(id);
    if (r.changes) appendAudit(db, 'finding.remove', `finding:${id}`, {});
    return r.changes > 0;
  })();
}

// Seeds a draft report from triage findings: findings rows, bookmarks on their supporting rows, saved filters with their queries.
import type { TriageFinding } from '../../contract/api';
import { appendAudit } from '../case/audit';
import { addBookmark } from '../case/bookmarks';
import { saveFilter } from '../case/filters';
import type { WritableDB } from '../db/types';
import { runTriage } from './index';
import { RULES } from './rules';
import { atLeast } from './util';

/** Rows bookmarked per finding: enough to cite, not a dump of a noisy finding. */
const BOOKMARKS_PER_FINDING = 200;

function filterName(f: TriageFinding): string {
  return `triage: ${f.title}`.slice(0, 200);
}

function narrative(f: TriageFinding): string {
  const ents = Object.entries(f.entities).map(([k, v]) => `${k}: ${v.slice(0, 20).join(', ')}`);
  return [f.description, ...ents, `Reproduce with: ${f.query}`].join('\n');
}

/**
 * Creates one `findings` row per triage finding of severity medium or higher, linked to bookmarks on its rows and to a saved
 * filter holding its query. Idempotent: a finding whose title already exists is left as the analyst may have edited it.
 */
export function seedDraftFromTriage(db: WritableDB): void {
  const findings = runTriage(db).filter((f) => atLeast(f.severity, 'medium'));
  const phaseOf = new Map(RULES.map((r) => [r.id, r.phase]));
  let created = 0;
  db.transaction(() => {
    for (const f of findings) {
      const exists = db.prepare('SELECT id FROM findings WHERE title = ?').get(f.title);
      if (exists) continue;
      const filter = saveFilter(db, { name: filterName(f), description: `${f.rule}: ${f.title}`, query: f.query, sourceName: null });
      const info = db
        .prepare('INSERT INTO findings (title, phase, narrative, severity, techniques_json, filter_names_json, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(f.title, phaseOf.get(f.rule) ?? '', narrative(f), f.severity, JSON.stringify(f.techniques), JSON.stringify([filter.name]), new Date().toISOString());
      const findingId = Number(info.lastInsertRowid);
      for (const r of f.rows.slice(0, BOOKMARKS_PER_FINDING)) {
        // An analyst's bookmark on the row is kept as it is; only new rows get the finding's note.
        const prior = db.prepare('SELECT id FROM bookmarks WHERE source_id = ? AND row = ?').get(r.sourceId, r.row) as { id: number } | undefined;
        const id = prior?.id ?? addBookmark(db, r.sourceId, r.row, {
          note: `triage ${f.rule}: ${f.title}`, tags: ['triage', f.rule], techniques: f.techniques, severity: f.severity as 'medium',
        }).id;
        db.prepare('INSERT OR IGNORE INTO finding_bookmarks (finding_id, bookmark_id) VALUES (?, ?)').run(findingId, id);
      }
      appendAudit(db, 'finding.add', `finding:${findingId}`, { rule: f.rule, title: f.title, severity: f.severity, rows: f.rows.length, query: f.query });
      created++;
    }
    appendAudit(db, 'triage.draft', 'findings', { findings: findings.length, created });
  })();
}

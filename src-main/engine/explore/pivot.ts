// Pivot: every row in every source where a value appears (entity fields by index, any column via FTS), by source and time.
import { ENTITY_FIELDS } from '../../contract/fields';
import type { PivotResult } from '../../contract/model';
import { listColumns, listSourceRecords } from '../case/catalog';
import { ident, sourceTable } from '../db/sql';
import type { ReadableDB } from '../db/types';
import { publicColumn } from './page';
import { ftsLiteral } from './resolver';
import { EVENT_SELECT, liveSourcesSql, toGridRow, type DbRow } from './rows';

/** @ fields with an events index (user_agent has none: the full-text branch finds it). */
const INDEXED_FIELDS = ENTITY_FIELDS.filter((f) => f !== 'user_agent');

export function pivot(db: ReadableDB, value: string, limit: number): PivotResult {
  const t0 = performance.now();
  const needle = value.trim();
  const lower = needle.toLowerCase();
  // Entity fields: one indexed lookup each. Any other column: an FTS phrase match, verified below.
  const parts = INDEXED_FIELDS.map((f) => `SELECT id FROM events WHERE ${f} = ?`);
  parts.push('SELECT rowid AS id FROM fts WHERE fts MATCH ?');
  const params: (string | number)[] = [...INDEXED_FIELDS.map(() => needle), ftsLiteral(needle)];
  const candidates = db
    .prepare(
      `SELECT ${EVENT_SELECT} FROM events e WHERE e.id IN (${parts.join(' UNION ')})
       ${liveSourcesSql(db)} ORDER BY e.source_id, e.time, e.id LIMIT ?`,
    )
    .all(...params, limit * 4) as DbRow[];

  const groups: PivotResult['groups'] = [];
  const bySource = new Map<number, DbRow[]>();
  for (const c of candidates) {
    const sid = Number(c['__sid']);
    if (!bySource.has(sid)) bySource.set(sid, []);
    bySource.get(sid)!.push(c);
  }
  const bookmarked = db.prepare('SELECT 1 FROM bookmarks WHERE source_id = ? AND row = ?');
  let total = 0;
  for (const src of listSourceRecords(db)) {
    const evs = bySource.get(src.id);
    if (!evs) continue;
    const columns = listColumns(db, src.id);
    const getRow = db.prepare(`SELECT * FROM ${ident(sourceTable(src.id))} WHERE _row = ?`);
    const matchedIn = new Set<string>();
    const rows: PivotResult['groups'][number]['rows'] = [];
    let truncated = false;
    for (const ev of evs) {
      const cellsRow = getRow.get(ev['__row']) as DbRow;
      const cells = columns.map((c) => (cellsRow[c.col] === null ? null : String(cellsRow[c.col])));
      let hit = false;
      for (const f of ENTITY_FIELDS) {
        const v = ev[`__${f}`];
        if (typeof v === 'string' && v.toLowerCase() === lower) {
          matchedIn.add(`@${f}`);
          hit = true;
        }
      }
      columns.forEach((c, i) => {
        if (cells[i]?.toLowerCase().includes(lower)) {
          matchedIn.add(c.name);
          hit = true;
        }
      });
      if (!hit) continue;
      if (total >= limit) {
        truncated = true;
        break;
      }
      total++;
      rows.push(toGridRow(ev, cells, src.name, bookmarked.get(src.id, ev['__row']) !== undefined));
    }
    if (rows.length) {
      groups.push({
        source: { id: src.id, name: src.name, profileName: JSON.parse(src.meta_json).profileName ?? src.profile },
        columns: columns.map(publicColumn),
        rows,
        matchedIn: [...matchedIn],
        truncated: truncated || evs.length >= limit * 4,
      });
    }
  }
  return { value: needle, groups, elapsedMs: performance.now() - t0 };
}

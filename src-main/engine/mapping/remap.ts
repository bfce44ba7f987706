// remapSource: change which columns feed a source's @ fields and recompute its events (derived data) in one transaction.
import { ENTITY_FIELDS } from '../../contract/fields';
import { LoupeError } from '../../contract/errors';
import type { MappingView, RemapRequest } from '../../contract/mapping';
import { appendAudit } from '../case/audit';
import { getSourceRecord, listColumns, type CatalogColumn } from '../case/catalog';
import { columnName, ident, sourceTable } from '../db/sql';
import type { WritableDB } from '../db/types';
import { createColumnIndex } from '../import/sourceTable';
import { compileMapping } from '../profiles/compile';
import { indexHeaders, lookupColumn } from '../profiles/headerKey';
import type { FieldMapping, MappableField } from '../profiles/types';
import { headersOf, isMappableField, readStoredMapping, specName } from './stored';
import { getMapping } from './view';

const CHUNK = 5000;

export type FieldChange = RemapRequest['fields'][number];

/** Resolves a column by exact display name, else by a unique case-insensitive match; BAD_REQUEST otherwise. */
function resolveColumn(columns: readonly CatalogColumn[], sourceName: string, ref: string): CatalogColumn {
  const exact = columns.find((c) => c.name === ref);
  if (exact) return exact;
  const loose = columns.filter((c) => c.name.toLowerCase() === ref.toLowerCase());
  if (loose.length === 1) return loose[0]!;
  throw new LoupeError('BAD_REQUEST', `${sourceName} has no column ${JSON.stringify(ref)}`);
}

/** The next mapping and the fields that really changed (a field re-sent unchanged keeps its JSON path and transform). */
export function applyChanges(
  current: MappingView,
  mapping: FieldMapping,
  columns: readonly CatalogColumn[],
  changes: readonly FieldChange[],
): { mapping: FieldMapping; changed: MappableField[] } {
  const next: FieldMapping = { ...mapping };
  const index = indexHeaders(headersOf(columns));
  const changed: MappableField[] = [];
  const seen = new Set<string>();
  for (const ch of changes) {
    if (!isMappableField(ch.field)) throw new LoupeError('BAD_REQUEST', `@${ch.field} is not a mappable field`);
    if (seen.has(ch.field)) throw new LoupeError('BAD_REQUEST', `@${ch.field} is listed twice`);
    seen.add(ch.field);
    const picked: CatalogColumn[] = [];
    for (const ref of ch.columns) {
      const c = resolveColumn(columns, current.sourceName, ref);
      // Specs name columns by header; a repeated header always reads its first column, so a later twin cannot be chosen.
      if (lookupColumn(index, specName(c))[0] !== c.idx) {
        throw new LoupeError('BAD_REQUEST', `${JSON.stringify(c.name)} repeats the header of an earlier column and cannot feed a field on its own`);
      }
      if (!picked.includes(c)) picked.push(c);
    }
    const was = current.fields.find((f) => f.field === ch.field)?.columns ?? [];
    const now = picked.map((c) => c.name);
    if (was.length === now.length && was.every((n, i) => n === now[i])) continue;
    changed.push(ch.field);
    if (picked.length === 0) delete next[ch.field];
    else next[ch.field] = [{ columns: [...new Set(picked.map(specName))] }];
  }
  return { mapping: next, changed };
}

/** Which column (by index) feeds which @ field: the first column a field's specs resolve to (as the importer marks it). */
function fieldColumns(columns: readonly CatalogColumn[], mapping: FieldMapping): Map<number, string> {
  const index = indexHeaders(headersOf(columns));
  const out = new Map<number, string>();
  for (const field of ['time', ...ENTITY_FIELDS] as MappableField[]) {
    outer: for (const spec of mapping[field] ?? []) {
      for (const name of spec.columns) {
        const i = lookupColumn(index, name).find((k) => !out.has(k));
        if (i !== undefined) {
          out.set(i, field);
          break outer;
        }
      }
    }
  }
  return out;
}

/** Rewrites every events row of the source under `mapping`, keeping each row's event id (the full-text index is keyed by it). */
function recomputeEvents(db: WritableDB, sourceId: number, columns: readonly CatalogColumn[], mapping: FieldMapping, dayFirst: boolean): number {
  const normalize = compileMapping(headersOf(columns), mapping, { dayFirst });
  const table = ident(sourceTable(sourceId));
  const cellList = columns.map((c) => `s.${ident(c.col)}`).join(', ');
  const read = db.prepare(
    `SELECT e.id AS __eid, s._row AS __row, s._raw AS __raw${cellList ? ', ' + cellList : ''}
     FROM ${table} s LEFT JOIN events e ON e.source_id = ${Number(sourceId)} AND e.row = s._row
     WHERE s._row > ? ORDER BY s._row LIMIT ?`,
  );
  read.raw(true);
  const drop = db.prepare('DELETE FROM events WHERE source_id = ? AND row > ? AND row <= ?');
  const insert = db.prepare(
    `INSERT INTO events (id, source_id, row, time, ${ENTITY_FIELDS.join(', ')}) VALUES (${Array.from({ length: ENTITY_FIELDS.length + 4 }, () => '?').join(', ')})`,
  );
  let last = Number.MIN_SAFE_INTEGER;
  let total = 0;
  for (;;) {
    const rows = read.all(last, CHUNK) as unknown[][];
    if (rows.length === 0) break;
    const tail = Number(rows[rows.length - 1]![1]);
    drop.run(sourceId, last, tail);
    for (const r of rows) {
      const cells = r.slice(3).map((v) => (v === null || v === undefined ? null : String(v)));
      const n = normalize(cells, typeof r[2] === 'string' ? r[2] : undefined);
      insert.run(r[0] ?? null, sourceId, r[1], n.time, ...ENTITY_FIELDS.map((f) => n[f]));
    }
    total += rows.length;
    last = tail;
    if (rows.length < CHUNK) break;
  }
  return total;
}

/** Changes the listed fields' columns and recomputes the source's events; evidence (src_N) is never touched. Audit-logged. */
export function remapSource(db: WritableDB, sourceId: number, changes: readonly FieldChange[]): MappingView {
  const src = getSourceRecord(db, sourceId);
  const columns = listColumns(db, src.id);
  const stored = readStoredMapping(db, src.id);
  const current = getMapping(db, src.id);
  const { mapping, changed } = applyChanges(current, stored.mapping, columns, changes);
  if (changed.length === 0) return current;
  let dayFirst = false;
  try {
    dayFirst = (JSON.parse(src.meta_json) as Record<string, unknown>)['dayFirst'] === 'true';
  } catch {
    /* default month-first, as at import */
  }
  const feeds = fieldColumns(columns, mapping);
  db.transaction(() => {
    db.prepare('UPDATE sources SET remapping = 1 WHERE id = ?').run(src.id);
    const rows = recomputeEvents(db, src.id, columns, mapping, dayFirst);
    db.prepare('UPDATE source_columns SET field = NULL WHERE source_id = ?').run(src.id);
    const mark = db.prepare('UPDATE source_columns SET field = ? WHERE source_id = ? AND idx = ?');
    for (const [idx, field] of feeds) {
      mark.run(field, src.id, idx);
      // Columns feeding @ fields are indexed (after their import); a newly mapped one gets its index now.
      createColumnIndex(db, src.id, columnName(idx));
    }
    const doc = {
      mapping,
      inferred: stored.inferred.filter((f) => !changed.includes(f as MappableField)),
      score: stored.score,
      edited: [...new Set([...stored.edited, ...changed])],
    };
    db.prepare('UPDATE sources SET mapping_json = ?, remapping = 0 WHERE id = ?').run(JSON.stringify(doc), src.id);
    appendAudit(db, 'source.remap', `source:${src.id}`, {
      source: src.name,
      sha256: src.sha256,
      fields: changed,
      old: stored.mapping,
      new: mapping,
      rows,
    });
  })();
  return getMapping(db, src.id);
}

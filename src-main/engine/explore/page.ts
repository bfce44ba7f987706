// One page of the grid by keyset: a source's rows, or the unified timeline; a jump to a position seeks its cursor first (seek.ts).
import type { ColumnInfo, Cursor, Page } from '../../contract/model';
import { NORMALIZED_FIELDS } from '../../contract/fields';
import { getSourceRecord, listColumns, listSourceRecords, type CatalogColumn } from '../case/catalog';
import { ident, sourceTable } from '../db/sql';
import type { ReadableDB } from '../db/types';
import { resolveSort, sourceResolver, timelineResolver } from './resolver';
import { EVENT_SELECT, liveSourcesSql, toGridRow, type DbRow } from './rows';
import { compileQueryText } from './where';
import { seekCursor, type SeekCache } from './seek';
import { markNear } from './timelineMarks';

export interface PageRequest {
  source: number | null;
  where: string;
  sort?: { column: string; desc: boolean } | undefined;
  limit: number;
  after?: Cursor | undefined;
  /** Start at this position of the query's order instead of `after` (a scrollbar jump). */
  offset?: number | undefined;
}

/** A page query in parts: the seek (key-only) query and the page query share them. */
export interface PageQuery {
  /** FROM … with the joins the filter needs (no bookmarks). */
  from: string;
  conds: string[];
  params: (string | number)[];
  sortSql: string;
  keySql: string;
  /** The sort is the row key itself (a source in file order). */
  isKey: boolean;
  desc: boolean;
  keyset(after: Cursor): KeysetSegment[];
  order: string;
  /** The same order backwards (SQLite puts NULLs first ascending and last descending, so this is exact). */
  reverseOrder: string;
  /** How many rows the query has, when the catalogue knows without counting (no filter); lets a jump count from the nearer end. */
  total?: () => number | undefined;
  /** A stored position of this order at or before `target` with its cursor (timeline marks), when current; `total` is total(). */
  anchor?: (target: number, total: number | undefined) => { at: number; cursor: Cursor | undefined } | undefined;
  /**
   * For a source in file order without a filter: the cursor of the row at a position, straight from the event ids
   * (one import writes a source's events with consecutive ids in row order); undefined when that does not hold.
   */
  positional?: (index: number) => Cursor | null | undefined;
}

/** One index-friendly condition of a keyset continuation; the rows after a cursor are its segments in order. */
export interface KeysetSegment {
  sql: string;
  params: (string | number)[];
}

/**
 * The rows after `(value, key)` in the sort direction, with SQLite's order (NULLs first ascending, last descending),
 * as segments each an index range: the rest of the cursor's value group by key, then the values beyond it, then the
 * NULLs. A single `OR` would make SQLite walk the index from its start (260 ms for a page deep in 10M rows instead
 * of 0.1 ms); a row value `(v, key) > (?, ?)` ranges on the value only and re-tests every row of the cursor's group
 * (50–80 ms a page for a column with few distinct values at 10M rows).
 */
export function keysetSegments(sortSql: string, keySql: string, desc: boolean, after: Cursor): KeysetSegment[] {
  const v = after.value;
  const beyond = desc ? '<' : '>';
  if (v === null) {
    const nulls = { sql: `${sortSql} IS NULL AND ${keySql} ${beyond} ?`, params: [after.key] };
    return desc ? [nulls] : [nulls, { sql: `${sortSql} IS NOT NULL`, params: [] }];
  }
  const segments: KeysetSegment[] = [
    { sql: `${sortSql} = ? AND ${keySql} ${beyond} ?`, params: [v, after.key] },
    { sql: `${sortSql} ${beyond} ?`, params: [v] },
  ];
  return desc ? [...segments, { sql: `${sortSql} IS NULL`, params: [] }] : segments;
}

/** Rows of a page query: from the start, or segment by segment after a cursor until `limit` rows are in. */
function pageRows(db: ReadableDB, build: (cond: string | null) => string, params: (string | number)[], segments: KeysetSegment[] | null, limit: number): DbRow[] {
  if (!segments) return db.prepare(build(null)).all(...params, limit) as DbRow[];
  const out: DbRow[] = [];
  for (const seg of segments) {
    out.push(...(db.prepare(build(seg.sql)).all(...params, ...seg.params, limit - out.length) as DbRow[]));
    if (out.length >= limit) break;
  }
  return out;
}

/** The parts of a source page query, without paging. */
export function sourceQuery(db: ReadableDB, req: Omit<PageRequest, 'limit'> & { source: number }, forSeek = false): PageQuery & { columns: CatalogColumn[]; name: string; description: string } {
  const src = getSourceRecord(db, req.source);
  const columns = listColumns(db, src.id);
  const where = compileQueryText(req.where, sourceResolver(columns, db));
  const desc = req.sort?.desc ?? false;
  const sort = req.sort ? resolveSort(columns, req.sort.column) : null;
  // A seek reads keys only. Every evidence row has its event row and the reverse, so it joins the two tables only
  // when the filter or sort reads both; the page itself always joins (it shows cells and @ fields).
  const readsSource = /\bs\./.test(where.sql) || (sort !== null && /\bs\./.test(sort.sql));
  const readsEvents = /\be\./.test(where.sql) || (sort !== null && /\be\./.test(sort.sql));
  const tables = !forSeek || (readsSource && readsEvents) ? 'both' : readsSource ? 'source' : 'events';
  // Sorted by a source column, the tie-break is the same table's rowid so that the column's index gives the order; with
  // no filter on events the source table then drives the join (CROSS JOIN fixes SQLite's join order: without
  // statistics it may pick events and sort every row).
  const sourceDrives = sort !== null && /\bs\./.test(sort.sql) && !/\be\./.test(where.sql);
  const rowKey = tables === 'source' || (sort !== null && /\bs\./.test(sort.sql)) ? 's._row' : tables === 'both' ? rowKeyFor(where.sql, columns) : 'e.row';
  const sortSql = sort ? sort.sql : rowKey;
  const isKey = sort === null;
  const dir = desc ? 'DESC' : 'ASC';
  const rdir = desc ? 'ASC' : 'DESC';
  const table = ident(sourceTable(src.id));
  return {
    columns,
    name: src.name,
    description: where.description,
    from: tables === 'both' ? `${table} s ${sourceDrives ? 'CROSS JOIN' : 'JOIN'} events e ON e.source_id = ${Number(src.id)} AND e.row = s._row` : tables === 'source' ? `${table} s` : `events e`,
    conds: tables === 'events' ? [`e.source_id = ${Number(src.id)}`, where.sql] : [where.sql],
    params: [...where.params],
    sortSql,
    keySql: rowKey,
    isKey,
    desc,
    keyset: (after) => (isKey ? [{ sql: desc ? `${rowKey} < ?` : `${rowKey} > ?`, params: [after.key] }] : keysetSegments(sortSql, rowKey, desc, after)),
    order: isKey ? `${rowKey} ${dir}` : `${sortSql} ${dir}, ${rowKey} ${dir}`,
    reverseOrder: isKey ? `${rowKey} ${rdir}` : `${sortSql} ${rdir}, ${rowKey} ${rdir}`,
    ...(where.expr === null ? { total: () => registerTotal(db, [src]) } : {}),
    ...(forSeek && isKey && where.expr === null ? { positional: (index: number) => rowAtPosition(db, src.id, src.rows_imported, index) } : {}),
  };
}

/** The event ids of a source's first and last rows (two index lookups). */
function eventIdSpan(db: ReadableDB, sourceId: number): { first: number | null; last: number | null } {
  return db.prepare('SELECT (SELECT id FROM events WHERE source_id = ? ORDER BY row LIMIT 1) AS first, (SELECT id FROM events WHERE source_id = ? ORDER BY row DESC LIMIT 1) AS last').get(sourceId, sourceId) as { first: number | null; last: number | null };
}

/**
 * Whether the register's row count of a source is its number of events, checked without counting: one import writes a
 * source's events with consecutive ids in row order, so the id span of its first and last rows must equal the count.
 */
function spanMatchesRegister(span: { first: number | null; last: number | null }, rows: number): boolean {
  return span.first === null || span.last === null ? rows === 0 : span.last - span.first + 1 === rows;
}

/** The row at `index` of a source in file order when its event ids are consecutive in row order, else undefined. */
function rowAtPosition(db: ReadableDB, sourceId: number, rows: number, index: number): Cursor | null | undefined {
  const span = eventIdSpan(db, sourceId);
  const { first } = span;
  if (first === null || !spanMatchesRegister(span, rows)) return undefined;
  if (index >= rows) return null;
  const hit = db.prepare('SELECT source_id AS sid, row FROM events WHERE id = ?').get(first + index) as { sid: number; row: number } | undefined;
  return hit && hit.sid === sourceId ? { value: null, key: hit.row } : undefined;
}

/** The unfiltered row count of the given sources from the register, when each one's events agree with it; else undefined. */
function registerTotal(db: ReadableDB, sources: { id: number; rows_imported: number }[]): number | undefined {
  let total = 0;
  for (const s of sources) {
    if (!spanMatchesRegister(eventIdSpan(db, s.id), s.rows_imported)) return undefined;
    total += s.rows_imported;
  }
  return total;
}

export function sourcePage(db: ReadableDB, req: PageRequest & { source: number }, seek?: SeekCache): Page {
  const t0 = performance.now();
  const q = sourceQuery(db, req);
  const after = req.offset ? seekCursor(db, sourceQuery(db, req, true), req.offset, seek) : req.after;
  if (after === null) return emptyPage(q.columns.map(publicColumn), q.description, t0);
  const params: (string | number)[] = [Number(req.source), ...q.params];
  const build = (cond: string | null) => `SELECT s.*, ${EVENT_SELECT}, ${q.isKey ? 'NULL' : q.sortSql} AS __sort, b.id AS __bm
    FROM ${q.from}
    LEFT JOIN bookmarks b ON b.source_id = ? AND b.row = s._row
    WHERE ${[...q.conds, ...(cond ? [cond] : [])].join(' AND ')} ORDER BY ${q.order} LIMIT ?`;
  const rows = pageRows(db, build, params, after ? q.keyset(after) : null, req.limit + 1);
  const more = rows.length > req.limit;
  if (more) rows.pop();
  const grid = rows.map((r) => toGridRow(r, q.columns.map((c) => cellText(r[c.col])), q.name, r['__bm'] !== null));
  const last = rows[rows.length - 1];
  return {
    columns: q.columns.map(publicColumn),
    rows: grid,
    next: more && last ? { value: q.isKey ? null : sortValue(last['__sort']), key: Number(last['_row']) } : null,
    description: q.description,
    elapsedMs: performance.now() - t0,
  };
}

/**
 * The row key to order by. s._row and e.row are equal, but the planner only avoids a sort for the
 * table that drives the join: with an indexed filter (an @ field, full text, or an indexed column)
 * that index drives and s._row keeps the sort small; otherwise events_source_row walks rows in order.
 */
function rowKeyFor(whereSql: string, columns: CatalogColumn[]): 's._row' | 'e.row' {
  if (/\be\./.test(whereSql)) return 's._row';
  for (const c of columns) if (c.field !== null && whereSql.includes(`s."${c.col}"`)) return 's._row';
  return 'e.row';
}

/** The parts of the unified timeline's query, without paging. */
export function timelineQuery(db: ReadableDB, req: Omit<PageRequest, 'limit'>): PageQuery & { description: string } {
  const where = compileQueryText(req.where, timelineResolver(db));
  const desc = req.sort?.desc ?? false;
  const sortSql = req.sort ? resolveSort(null, req.sort.column).sql : 'e.time';
  const dir = desc ? 'DESC' : 'ASC';
  const rdir = desc ? 'ASC' : 'DESC';
  return {
    description: where.description,
    from: 'events e',
    conds: [where.sql + liveSourcesSql(db)],
    params: [...where.params],
    sortSql,
    keySql: 'e.id',
    isKey: false,
    desc,
    keyset: (after) => keysetSegments(sortSql, 'e.id', desc, after),
    order: `${sortSql} ${dir}, e.id ${dir}`,
    reverseOrder: `${sortSql} ${rdir}, e.id ${rdir}`,
    // The live sources' rows are exactly the events the unfiltered timeline shows (liveSourcesSql leaves out the rest).
    ...(where.expr === null ? { total: () => registerTotal(db, listSourceRecords(db)) } : {}),
    ...(where.expr === null && sortSql === 'e.time' ? { anchor: (target: number, total: number | undefined) => timelineAnchor(db, desc, target, total) } : {}),
  };
}

/**
 * The nearest timeline mark at or before `target` in the unfiltered timeline by @time (marks count ascending; newest
 * first, position p is ascending position total-1-p). Undefined while a source is being removed or the marks are stale.
 */
function timelineAnchor(db: ReadableDB, desc: boolean, target: number, total: number | undefined): { at: number; cursor: Cursor | undefined } | undefined {
  if (liveSourcesSql(db) !== '') return undefined;
  if (!desc) return markNear(db, target, 'atOrBefore');
  if (total === undefined) return undefined;
  const m = markNear(db, total - 1 - target, 'atOrAfter');
  return m?.cursor ? { at: total - 1 - m.at, cursor: m.cursor } : undefined;
}

/** The unified timeline: every source interleaved by @time; cells are the @ fields. */
export function timelinePage(db: ReadableDB, req: PageRequest, seek?: SeekCache): Page {
  const t0 = performance.now();
  const names = new Map(listSourceRecords(db).map((s) => [s.id, s.name]));
  const q = timelineQuery(db, req);
  const after = req.offset ? seekCursor(db, q, req.offset, seek) : req.after;
  if (after === null) return emptyPage(TIMELINE_COLUMNS, q.description, t0);
  const build = (cond: string | null) => `SELECT ${EVENT_SELECT}, ${q.sortSql} AS __sort, b.id AS __bm FROM ${q.from}
    LEFT JOIN bookmarks b ON b.source_id = e.source_id AND b.row = e.row
    WHERE ${[...q.conds, ...(cond ? [cond] : [])].join(' AND ')} ORDER BY ${q.order} LIMIT ?`;
  const rows = pageRows(db, build, [...q.params], after ? q.keyset(after) : null, req.limit + 1);
  const more = rows.length > req.limit;
  if (more) rows.pop();
  const columns = TIMELINE_COLUMNS;
  const grid = rows.map((r) => {
    const name = names.get(Number(r['__sid'])) ?? '?';
    const row = toGridRow(r, [], name, r['__bm'] !== null);
    row.cells = columns.map((c) => row.normalized[c.name.slice(1)] ?? null);
    return row;
  });
  const last = rows[rows.length - 1];
  return {
    columns,
    rows: grid,
    next: more && last ? { value: sortValue(last['__sort']), key: Number(last['__eid']) } : null,
    description: q.description,
    elapsedMs: performance.now() - t0,
  };
}

function emptyPage(columns: ColumnInfo[], description: string, t0: number): Page {
  return { columns, rows: [], next: null, description, elapsedMs: performance.now() - t0 };
}

export const TIMELINE_COLUMNS: ColumnInfo[] = NORMALIZED_FIELDS.map((f) => ({ name: `@${f}`, header: `@${f}`, field: f }));

export function publicColumn(c: CatalogColumn): ColumnInfo {
  return { name: c.name, header: c.header, field: c.field };
}

function cellText(v: unknown): string | null {
  return v === null || v === undefined ? null : String(v);
}

function sortValue(v: unknown): string | number | null {
  if (v === null || v === undefined) return null;
  return typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : String(v);
}

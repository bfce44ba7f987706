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
  keyset(after: Cursor): { sql: string; params: (string | number)[] };
  order: string;
}

/** `(sort, key) > (value, key)` in the sort direction, with SQLite's NULLs-first ascending order. */
function keysetSql(sortSql: string, keySql: string, desc: boolean, after: Cursor): { sql: string; params: (string | number)[] } {
  const v = after.value;
  if (!desc) {
    if (v === null) return { sql: `((${sortSql} IS NULL AND ${keySql} > ?) OR ${sortSql} IS NOT NULL)`, params: [after.key] };
    return { sql: `(${sortSql} > ? OR (${sortSql} = ? AND ${keySql} > ?))`, params: [v, v, after.key] };
  }
  if (v === null) return { sql: `(${sortSql} IS NULL AND ${keySql} < ?)`, params: [after.key] };
  return { sql: `(${sortSql} < ? OR (${sortSql} = ? AND ${keySql} < ?) OR ${sortSql} IS NULL)`, params: [v, v, after.key] };
}

/** The parts of a source page query, without paging. */
export function sourceQuery(db: ReadableDB, req: Omit<PageRequest, 'limit'> & { source: number }, forSeek = false): PageQuery & { columns: CatalogColumn[]; name: string; description: string } {
  const src = getSourceRecord(db, req.source);
  const columns = listColumns(db, src.id);
  const where = compileQueryText(req.where, sourceResolver(columns, db));
  const desc = req.sort?.desc ?? false;
  const sort = req.sort ? resolveSort(columns, req.sort.column) : null;
  // A seek reads keys only: every event row has its evidence row, so the source table joins only when the filter or sort reads it.
  const needsSource = !forSeek || /\bs\./.test(where.sql) || (sort !== null && /\bs\./.test(sort.sql));
  const rowKey = needsSource ? rowKeyFor(where.sql, columns) : 'e.row';
  const sortSql = sort ? sort.sql : rowKey;
  const isKey = sort === null;
  const dir = desc ? 'DESC' : 'ASC';
  const table = ident(sourceTable(src.id));
  return {
    columns,
    name: src.name,
    description: where.description,
    from: needsSource ? `${table} s JOIN events e ON e.source_id = ${Number(src.id)} AND e.row = s._row` : `events e`,
    conds: needsSource ? [where.sql] : [`e.source_id = ${Number(src.id)}`, where.sql],
    params: [...where.params],
    sortSql,
    keySql: rowKey,
    isKey,
    desc,
    keyset: (after) => (isKey ? { sql: desc ? `${rowKey} < ?` : `${rowKey} > ?`, params: [after.key] } : keysetSql(sortSql, rowKey, desc, after)),
    order: isKey ? `${rowKey} ${dir}` : `${sortSql} ${dir}, ${rowKey} ${dir}`,
  };
}

export function sourcePage(db: ReadableDB, req: PageRequest & { source: number }, seek?: SeekCache): Page {
  const t0 = performance.now();
  const q = sourceQuery(db, req);
  const after = req.offset ? seekCursor(db, sourceQuery(db, req, true), req.offset, seek) : req.after;
  if (after === null) return emptyPage(q.columns.map(publicColumn), q.description, t0);
  const conds = [...q.conds];
  const params: (string | number)[] = [Number(req.source), ...q.params];
  if (after) {
    const ks = q.keyset(after);
    conds.push(ks.sql);
    params.push(...ks.params);
  }
  const sql = `SELECT s.*, ${EVENT_SELECT}, ${q.isKey ? 'NULL' : q.sortSql} AS __sort, b.id AS __bm
    FROM ${q.from}
    LEFT JOIN bookmarks b ON b.source_id = ? AND b.row = s._row
    WHERE ${conds.join(' AND ')} ORDER BY ${q.order} LIMIT ?`;
  params.push(req.limit + 1);
  const rows = db.prepare(sql).all(...params) as DbRow[];
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
  return {
    description: where.description,
    from: 'events e',
    conds: [where.sql + liveSourcesSql(db)],
    params: [...where.params],
    sortSql,
    keySql: 'e.id',
    isKey: false,
    desc,
    keyset: (after) => keysetSql(sortSql, 'e.id', desc, after),
    order: `${sortSql} ${dir}, e.id ${dir}`,
  };
}

/** The unified timeline: every source interleaved by @time; cells are the @ fields. */
export function timelinePage(db: ReadableDB, req: PageRequest, seek?: SeekCache): Page {
  const t0 = performance.now();
  const names = new Map(listSourceRecords(db).map((s) => [s.id, s.name]));
  const q = timelineQuery(db, req);
  const after = req.offset ? seekCursor(db, q, req.offset, seek) : req.after;
  if (after === null) return emptyPage(TIMELINE_COLUMNS, q.description, t0);
  const conds = [...q.conds];
  const params: (string | number)[] = [...q.params];
  if (after) {
    const ks = q.keyset(after);
    conds.push(ks.sql);
    params.push(...ks.params);
  }
  const sql = `SELECT ${EVENT_SELECT}, ${q.sortSql} AS __sort, b.id AS __bm FROM ${q.from}
    LEFT JOIN bookmarks b ON b.source_id = e.source_id AND b.row = e.row
    WHERE ${conds.join(' AND ')} ORDER BY ${q.order} LIMIT ?`;
  params.push(req.limit + 1);
  const rows = db.prepare(sql).all(...params) as DbRow[];
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

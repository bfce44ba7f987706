// One page of the grid by keyset (never OFFSET): a source's rows, or the unified timeline.
import type { ColumnInfo, Cursor, Page } from '../../contract/model';
import { NORMALIZED_FIELDS } from '../../contract/fields';
import { getSourceRecord, listColumns, listSourceRecords, type CatalogColumn } from '../case/catalog';
import { ident, sourceTable } from '../db/sql';
import type { ReadableDB } from '../db/types';
import { resolveSort, sourceResolver, timelineResolver } from './resolver';
import { EVENT_SELECT, liveSourcesSql, toGridRow, type DbRow } from './rows';
import { compileQueryText } from './where';

export interface PageRequest {
  source: number | null;
  where: string;
  sort?: { column: string; desc: boolean } | undefined;
  limit: number;
  after?: Cursor | undefined;
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

export function sourcePage(db: ReadableDB, req: PageRequest & { source: number }): Page {
  const t0 = performance.now();
  const src = getSourceRecord(db, req.source);
  const columns = listColumns(db, src.id);
  const where = compileQueryText(req.where, sourceResolver(columns, db));
  const desc = req.sort?.desc ?? false;
  const rowKey = rowKeyFor(where.sql, columns);
  const sort = req.sort ? resolveSort(columns, req.sort.column) : { sql: rowKey, isKey: true };
  const table = ident(sourceTable(src.id));
  const conds = [where.sql];
  const params: (string | number)[] = [src.id, src.id, ...where.params];
  if (req.after) {
    const ks = sort.isKey
      ? { sql: desc ? `${rowKey} < ?` : `${rowKey} > ?`, params: [req.after.key] }
      : keysetSql(sort.sql, rowKey, desc, req.after);
    conds.push(ks.sql);
    params.push(...ks.params);
  }
  const dir = desc ? 'DESC' : 'ASC';
  const order = sort.isKey ? `${rowKey} ${dir}` : `${sort.sql} ${dir}, ${rowKey} ${dir}`;
  const sql = `SELECT s.*, ${EVENT_SELECT}, ${sort.isKey ? 'NULL' : sort.sql} AS __sort, b.id AS __bm
    FROM ${table} s JOIN events e ON e.source_id = ? AND e.row = s._row
    LEFT JOIN bookmarks b ON b.source_id = ? AND b.row = s._row
    WHERE ${conds.join(' AND ')} ORDER BY ${order} LIMIT ?`;
  params.push(req.limit + 1);
  const rows = db.prepare(sql).all(...params) as DbRow[];
  const more = rows.length > req.limit;
  if (more) rows.pop();
  const grid = rows.map((r) => toGridRow(r, columns.map((c) => cellText(r[c.col])), src.name, r['__bm'] !== null));
  const last = rows[rows.length - 1];
  return {
    columns: columns.map(publicColumn),
    rows: grid,
    next: more && last ? { value: sort.isKey ? null : sortValue(last['__sort']), key: Number(last['_row']) } : null,
    description: where.description,
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

/** The unified timeline: every source interleaved by @time; cells are the @ fields. */
export function timelinePage(db: ReadableDB, req: PageRequest): Page {
  const t0 = performance.now();
  const names = new Map(listSourceRecords(db).map((s) => [s.id, s.name]));
  const where = compileQueryText(req.where, timelineResolver(db));
  const desc = req.sort?.desc ?? false;
  const sort = req.sort ? resolveSort(null, req.sort.column) : { sql: 'e.time', isKey: false };
  const conds = [where.sql + liveSourcesSql(db)];
  const params: (string | number)[] = [...where.params];
  if (req.after) {
    const ks = keysetSql(sort.sql, 'e.id', desc, req.after);
    conds.push(ks.sql);
    params.push(...ks.params);
  }
  const dir = desc ? 'DESC' : 'ASC';
  const sql = `SELECT ${EVENT_SELECT}, ${sort.sql} AS __sort, b.id AS __bm FROM events e
    LEFT JOIN bookmarks b ON b.source_id = e.source_id AND b.row = e.row
    WHERE ${conds.join(' AND ')} ORDER BY ${sort.sql} ${dir}, e.id ${dir} LIMIT ?`;
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
    description: where.description,
    elapsedMs: performance.now() - t0,
  };
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

// Counts, value stacks and the time histogram under the current filter.
import { LoupeError } from '../../contract/errors';
import type { CountResult, StackResult } from '../../contract/model';
import { getSourceRecord, listColumns, listSourceRecords } from '../case/catalog';
import { ident, sourceTable } from '../db/sql';
import type { ReadableDB } from '../db/types';
import { resolveSort, sourceResolver, timelineResolver } from './resolver';
import { liveSourcesSql } from './rows';
import { compileQueryText } from './where';

interface Scope {
  from: string;
  /** FROM without the events join, for queries that touch only the source's own columns. */
  sourceOnly?: string;
  where: string;
  params: (string | number)[];
  columns: ReturnType<typeof listColumns> | null;
}

/** FROM + WHERE for a query over a source (s joined with its events e) or over the timeline (e). */
function scope(db: ReadableDB, source: number | null, whereText: string): Scope {
  if (source === null) {
    const w = compileQueryText(whereText, timelineResolver(db));
    return {
      from: 'events e',
      where: w.sql + liveSourcesSql(db),
      params: w.params,
      columns: null,
    };
  }
  const src = getSourceRecord(db, source);
  const columns = listColumns(db, src.id);
  const w = compileQueryText(whereText, sourceResolver(columns, db));
  return {
    from: `${ident(sourceTable(src.id))} s JOIN events e ON e.source_id = ${Number(src.id)} AND e.row = s._row`,
    sourceOnly: `${ident(sourceTable(src.id))} s`,
    where: w.sql,
    params: w.params,
    columns,
  };
}

export function countRows(db: ReadableDB, source: number | null, whereText: string): CountResult {
  const t0 = performance.now();
  if (!whereText.trim()) {
    const srcs = listSourceRecords(db).filter((s) => source === null || s.id === source);
    if (source !== null && srcs.length === 0) throw new LoupeError('NOT_FOUND', `no source with id ${source}`);
    return { count: srcs.reduce((n, s) => n + s.rows_imported, 0), estimate: false, elapsedMs: performance.now() - t0 };
  }
  const sc = scope(db, source, whereText);
  const r = db.prepare(`SELECT count(*) AS n FROM ${sc.from} WHERE ${sc.where}`).get(...sc.params) as { n: number };
  return { count: r.n, estimate: false, elapsedMs: performance.now() - t0 };
}

export function stackColumn(
  db: ReadableDB,
  source: number | null,
  whereText: string,
  column: string,
  order: 'most' | 'least',
  limit: number,
): StackResult {
  const t0 = performance.now();
  const sc = scope(db, source, whereText);
  const ref = column.startsWith('@') ? column : column;
  const expr = resolveSort(sc.columns, ref).sql;
  const valueExpr = expr === 'e.time' ? 'e.time' : expr;
  const dir = order === 'most' ? 'DESC' : 'ASC';
  // Skipping the events join when nothing needs it halves a whole-source stack.
  const from = sc.sourceOnly && !/\be\./.test(sc.where) && !/\be\./.test(valueExpr) ? sc.sourceOnly : sc.from;
  // One pass: the groups are counted once; totals come from window functions over the groups.
  const rows = db
    .prepare(
      `SELECT v, n, sum(n) OVER () AS total, count(*) OVER () AS d FROM
         (SELECT ${valueExpr} AS v, count(*) AS n FROM ${from} WHERE ${sc.where} GROUP BY 1)
       ORDER BY n ${dir}, v LIMIT ?`,
    )
    .all(...sc.params, limit + 1) as { v: unknown; n: number; total: number; d: number }[];
  const agg = { total: rows[0]?.total ?? 0, d: rows[0]?.d ?? 0 };
  const truncated = rows.length > limit;
  if (truncated) rows.pop();
  return {
    values: rows.map((r) => ({ value: r.v === null || r.v === undefined ? null : String(r.v), count: r.n })),
    total: agg.total,
    distinct: agg.d,
    truncated,
    elapsedMs: performance.now() - t0,
  };
}

export function histogram(
  db: ReadableDB,
  source: number | null,
  whereText: string,
  buckets: number,
): { start: string | null; bucketUs: number; counts: number[] } {
  const sc = scope(db, source, whereText);
  const range = db
    .prepare(`SELECT min(e.time) AS lo, max(e.time) AS hi FROM ${sc.from} WHERE ${sc.where} AND e.time IS NOT NULL`)
    .get(...sc.params) as { lo: number | null; hi: number | null };
  if (range.lo === null || range.hi === null) return { start: null, bucketUs: 0, counts: [] };
  const span = Math.max(1, range.hi - range.lo + 1);
  const bucketUs = Math.ceil(span / buckets);
  const counts = new Array<number>(buckets).fill(0);
  const rows = db
    .prepare(
      `SELECT (e.time - ?) / ? AS b, count(*) AS n FROM ${sc.from} WHERE ${sc.where} AND e.time IS NOT NULL GROUP BY 1`,
    )
    .all(range.lo, bucketUs, ...sc.params) as { b: number; n: number }[];
  for (const r of rows) counts[Math.min(buckets - 1, Math.max(0, Math.floor(r.b)))]! += r.n;
  return { start: new Date(Math.floor(range.lo / 1000)).toISOString(), bucketUs, counts };
}

// Test helper: records the SQL and parameters the explore layer runs, and explains them.
import type { ReadableDB } from '../../../src-main/engine/db/types';

export interface RanQuery {
  sql: string;
  params: unknown[];
}

/** Runs `fn` with `db.prepare` wrapped so every statement executed (sql + bound params) is recorded. */
export function captureQueries<T>(db: ReadableDB, fn: () => T): { result: T; queries: RanQuery[] } {
  const queries: RanQuery[] = [];
  const original = db.prepare.bind(db);
  const patched = (sql: string) => {
    const stmt = original(sql);
    const wrap = (method: 'all' | 'get' | 'run' | 'iterate') => {
      const fn0 = (stmt[method] as (...a: unknown[]) => unknown).bind(stmt);
      Object.defineProperty(stmt, method, {
        value: (...params: unknown[]) => {
          queries.push({ sql, params });
          return fn0(...params);
        },
      });
    };
    for (const m of ['all', 'get', 'run', 'iterate'] as const) wrap(m);
    return stmt;
  };
  Object.defineProperty(db, 'prepare', { value: patched, configurable: true, writable: true });
  try {
    return { result: fn(), queries };
  } finally {
    Object.defineProperty(db, 'prepare', { value: original, configurable: true, writable: true });
  }
}

/** EXPLAIN QUERY PLAN details, one line per step, indented by depth. */
export function explain(db: ReadableDB, q: RanQuery): string[] {
  const rows = db.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...q.params) as { id: number; parent: number; detail: string }[];
  const depth = new Map<number, number>([[0, 0]]);
  return rows.map((r) => {
    const d = (depth.get(r.parent) ?? 0) + 1;
    depth.set(r.id, d);
    return `${'  '.repeat(d - 1)}${r.detail}`;
  });
}

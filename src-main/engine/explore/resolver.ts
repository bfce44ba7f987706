// Resolves query-language field references against the case catalogue into trusted SQL expressions.
import { isNormalizedField } from '../../contract/fields';
import { LoupeError } from '../../contract/errors';
import type { FieldRef } from '../../contract/query';
import { findColumn, type CatalogColumn } from '../case/catalog';
import { ident } from '../db/sql';
import type { FieldResolver } from '../query/compile';
import type { ReadableDB } from '../db/types';

export interface ResolvedSort {
  sql: string;
  /** true when sorting by the row key itself (no separate value in the cursor). */
  isKey: boolean;
}

/** FTS5 query text for a literal word or phrase: always a quoted string, so user text is never FTS syntax. */
export function ftsLiteral(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/** Above this many matches a word is "common": probing each candidate row beats collecting and sorting every match. */
export const COMMON_TERM_MATCHES = 20_000;

/**
 * Full-text term → SQL. A rare term becomes a set of matching rowids (small, then sorted cheaply). A common term would
 * make that set huge and the first page wait for all of it, so it becomes a per-row probe instead (FTS5 seeks the
 * term's doclist to one rowid), letting the time index stream rows until the page is full.
 */
function fullTextFor(db?: ReadableDB): (text: string) => { sql: string; params: string[] } {
  return (text) => {
    const match = ftsLiteral(text);
    if (db) {
      const n = (db.prepare('SELECT count(*) AS n FROM (SELECT rowid FROM fts WHERE fts MATCH ? LIMIT ?)').get(match, COMMON_TERM_MATCHES + 1) as { n: number }).n;
      if (n > COMMON_TERM_MATCHES) return { sql: 'EXISTS (SELECT 1 FROM fts WHERE fts MATCH ? AND fts.rowid = e.id)', params: [match] };
    }
    return { sql: 'e.id IN (SELECT rowid FROM fts WHERE fts MATCH ?)', params: [match] };
  };
}

function normalizedSql(name: string): { sql: string; type: 'text' | 'time' } | null {
  if (!isNormalizedField(name)) return null;
  if (name === 'time') return { sql: 'e.time', type: 'time' };
  if (name === 'source') return { sql: '(SELECT name FROM sources WHERE id = e.source_id)', type: 'text' };
  return { sql: `e.${ident(name)}`, type: 'text' };
}

/** Resolver for one source's grid: `s` = the source table, `e` = its events. */
export function sourceResolver(columns: CatalogColumn[], db?: ReadableDB): FieldResolver {
  return {
    resolveField(ref: FieldRef) {
      if (ref.kind === 'normalized') return normalizedSql(ref.name.toLowerCase());
      const col = findColumn(columns, ref.name);
      if (!col) return null;
      // A column that feeds @time compares as time, whatever text format the export used.
      if (col.field === 'time') return { sql: 'e.time', type: 'time' };
      return { sql: `s.${ident(col.col)}`, type: 'text' };
    },
    fullText: fullTextFor(db),
  };
}

/** Resolver for the unified timeline: only @ fields and full text (columns differ per source). */
export function timelineResolver(db?: ReadableDB): FieldResolver {
  return {
    resolveField(ref: FieldRef) {
      if (ref.kind === 'normalized') return normalizedSql(ref.name.toLowerCase());
      const asField = normalizedSql(ref.name.toLowerCase().replace(/^@/, ''));
      if (asField) return asField;
      throw new LoupeError(
        'BAD_INPUT',
        `[${ref.name}] is a column of one source; pick that source, or use an @ field (e.g. @ip, @user) on the timeline`,
      );
    },
    fullText: fullTextFor(db),
  };
}

export function resolveSort(columns: CatalogColumn[] | null, column: string): ResolvedSort {
  const name = column.startsWith('@') ? column.slice(1).toLowerCase() : null;
  if (name !== null) {
    const n = normalizedSql(name);
    if (!n) throw new LoupeError('BAD_INPUT', `unknown field ${column}`);
    return { sql: n.sql, isKey: false };
  }
  if (columns === null) throw new LoupeError('BAD_INPUT', `the timeline sorts by @ fields only, not [${column}]`);
  const col = findColumn(columns, column);
  if (!col) throw new LoupeError('BAD_INPUT', `no column named [${column}]`);
  return { sql: col.field === 'time' ? 'e.time' : `s.${ident(col.col)}`, isKey: false };
}

// Resolves query-language field references against the case catalogue into trusted SQL expressions.
import { isNormalizedField } from '../../contract/fields';
import { LoupeError } from '../../contract/errors';
import type { FieldRef } from '../../contract/query';
import { findColumn, type CatalogColumn } from '../case/catalog';
import { ident } from '../db/sql';
import type { FieldResolver } from '../query/compile';

export interface ResolvedSort {
  sql: string;
  /** true when sorting by the row key itself (no separate value in the cursor). */
  isKey: boolean;
}

/** FTS5 query text for a literal word or phrase: always a quoted string, so user text is never FTS syntax. */
export function ftsLiteral(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

function fullText(text: string): { sql: string; params: string[] } {
  return { sql: 'e.id IN (SELECT rowid FROM fts WHERE fts MATCH ?)', params: [ftsLiteral(text)] };
}

function normalizedSql(name: string): { sql: string; type: 'text' | 'time' } | null {
  if (!isNormalizedField(name)) return null;
  if (name === 'time') return { sql: 'e.time', type: 'time' };
  if (name === 'source') return { sql: '(SELECT name FROM sources WHERE id = e.source_id)', type: 'text' };
  return { sql: `e.${ident(name)}`, type: 'text' };
}

/** Resolver for one source's grid: `s` = the source table, `e` = its events. */
export function sourceResolver(columns: CatalogColumn[]): FieldResolver {
  return {
    resolveField(ref: FieldRef) {
      if (ref.kind === 'normalized') return normalizedSql(ref.name.toLowerCase());
      const col = findColumn(columns, ref.name);
      if (!col) return null;
      // A column that feeds @time compares as time, whatever text format the export used.
      if (col.field === 'time') return { sql: 'e.time', type: 'time' };
      return { sql: `s.${ident(col.col)}`, type: 'text' };
    },
    fullText,
  };
}

/** Resolver for the unified timeline: only @ fields and full text (columns differ per source). */
export function timelineResolver(): FieldResolver {
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
    fullText,
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

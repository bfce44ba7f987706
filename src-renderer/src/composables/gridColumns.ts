// Which columns the grid shows and how a row's value is read for each (timeline: @time and source first).
import type { ColumnInfo, GridRow } from '../../../src-main/contract/model';

export type GridColumnKind = 'time' | 'source' | 'cell';
export interface GridColumn { key: string; label: string; kind: GridColumnKind; index: number }

export function gridColumns(columns: readonly ColumnInfo[], timeline: boolean): GridColumn[] {
  const cells = columns.map((c, index): GridColumn => ({ key: c.name, label: c.name, kind: 'cell', index }));
  if (!timeline) return cells;
  return [
    { key: '@time', label: '@time', kind: 'time', index: -1 },
    { key: '@source', label: 'Source', kind: 'source', index: -1 },
    ...cells.filter((c) => c.key !== '@time' && c.key !== '@source'),
  ];
}

/** `2023-10-26T14:10:50.123000Z` → `2023-10-26 14:10:50.123` (string slicing; never Date parsing). */
export function displayTime(iso: string | null): string | null {
  if (iso === null) return null;
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(\.\d{1,6})?Z?$/.exec(iso);
  if (!m) return iso;
  const frac = (m[3] ?? '').slice(0, 4);
  return `${m[1]} ${m[2]}${frac === '.000' ? '' : frac}`;
}

/** The raw value a column holds in a row (what filters and pivots use). */
export function cellValue(row: GridRow, col: GridColumn, sourceName: (id: number) => string): string | null {
  if (col.kind === 'time') return row.time;
  if (col.kind === 'source') return sourceName(row.sourceId);
  return row.cells[col.index] ?? null;
}

/** What the grid displays for a cell. */
export function cellDisplay(row: GridRow, col: GridColumn, sourceName: (id: number) => string): string | null {
  return col.kind === 'time' ? displayTime(row.time) : cellValue(row, col, sourceName);
}

// Which columns the grid shows and how a row's value is read for each (timeline: @time and source first).
import type { ColumnInfo, GridRow } from '../../../src-main/contract/model';
import { displayZoned } from './zonedTime';

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

/** An engine @time in the display zone: `2023-10-26T14:10:50.123Z` → `2023-10-26 14:10:50.123 +00:00 (UTC)`. */
export function displayTime(iso: string | null): string | null {
  return displayZoned(iso);
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

// Reads one logical column (found by normalized header name) for given evidence rows, e.g. a Key Vault request URI.
import { findColumn, listColumns, type CatalogColumn } from '../case/catalog';
import type { ReadableDB } from '../db/types';
import { ident, sourceTable } from '../db/sql';

export const REQUEST_URI_NAMES = ['requesturi_s', 'requesturi', 'properties.requesturi', 'request uri'] as const;

/** Cell text of the first column matching one of `names`, for rows given as (source_id, row); missing rows are absent. */
export function readCells(
  db: ReadableDB,
  refs: readonly { source_id: number; row: number }[],
  names: readonly string[],
): Map<string, string> {
  const out = new Map<string, string>();
  const bySource = new Map<number, number[]>();
  for (const r of refs) bySource.set(r.source_id, [...(bySource.get(r.source_id) ?? []), r.row]);
  for (const [sourceId, rows] of bySource) {
    const cols = listColumns(db, sourceId);
    const col = names.map((n) => findColumn(cols, n)).find((c): c is CatalogColumn => c !== undefined);
    if (!col) continue;
    for (let i = 0; i < rows.length; i += 500) {
      const chunk = rows.slice(i, i + 500);
      const got = db
        .prepare(`SELECT _row, ${ident(col.col)} AS v FROM ${ident(sourceTable(sourceId))} WHERE _row IN (${chunk.map(() => '?').join(', ')})`)
        .all(...chunk) as { _row: number; v: string | null }[];
      for (const g of got) if (g.v !== null) out.set(`${sourceId}:${g._row}`, String(g.v));
    }
  }
  return out;
}

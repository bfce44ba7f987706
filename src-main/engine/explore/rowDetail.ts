// A whole evidence row: every original column, its @ fields, ragged extras and the raw record.
import { LoupeError } from '../../contract/errors';
import type { RowDetail } from '../../contract/model';
import { getSourceRecord, listColumns } from '../case/catalog';
import { ident, sourceTable } from '../db/sql';
import type { ReadableDB } from '../db/types';
import { EVENT_SELECT, isoTime, normalizedOf, type DbRow } from './rows';

export function getRow(db: ReadableDB, sourceId: number, row: number): RowDetail {
  const src = getSourceRecord(db, sourceId);
  const columns = listColumns(db, src.id);
  const r = db
    .prepare(
      `SELECT s.*, ${EVENT_SELECT} FROM ${ident(sourceTable(src.id))} s
       JOIN events e ON e.source_id = ? AND e.row = s._row WHERE s._row = ?`,
    )
    .get(src.id, row) as DbRow | undefined;
  if (!r) throw new LoupeError('NOT_FOUND', `${src.name} has no row ${row}`);
  return {
    sourceId: src.id,
    sourceName: src.name,
    sourceSha256: src.sha256,
    row,
    time: isoTime(r['__time']),
    fields: columns.map((c) => ({ name: c.name, header: c.header, value: r[c.col] === null ? null : String(r[c.col]) })),
    normalized: normalizedOf(r, src.name),
    extra: typeof r['_extra'] === 'string' ? (JSON.parse(r['_extra']) as string[]) : null,
    raw: typeof r['_raw'] === 'string' ? r['_raw'] : null,
  };
}

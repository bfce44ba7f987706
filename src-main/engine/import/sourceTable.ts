// Creating a source's evidence table, its catalogue rows, immutability triggers, and its column indexes (built after the import: deferredIndexes.ts).
import { columnName, ident, sourceTable } from '../db/sql';
import type { WritableDB } from '../db/types';
import type { ColumnDef } from '../importers/headers';

/** SQLite's default SQLITE_MAX_COLUMN is 2000; keep room for _row, _extra and _raw. */
export const MAX_SOURCE_COLUMNS = 1990;

export function createSourceTable(db: WritableDB, sourceId: number, columns: ColumnDef[], fields: Map<number, string>): void {
  const table = ident(sourceTable(sourceId));
  const cols = columns.map((c) => `${ident(columnName(c.index))} TEXT COLLATE NOCASE`).join(',\n  ');
  db.exec(`CREATE TABLE ${table} (\n  _row INTEGER PRIMARY KEY${cols ? ',\n  ' + cols : ''},\n  _extra TEXT,\n  _raw TEXT\n)`);
  // Evidence rows are immutable; deletion only while the whole source is being removed.
  db.exec(`CREATE TRIGGER ${ident(`${sourceTable(sourceId)}_no_update`)} BEFORE UPDATE ON ${table}
    BEGIN SELECT RAISE(ABORT, 'evidence rows are immutable'); END`);
  db.exec(`CREATE TRIGGER ${ident(`${sourceTable(sourceId)}_no_delete`)} BEFORE DELETE ON ${table}
    WHEN (SELECT removing FROM sources WHERE id = ${Number(sourceId)}) IS NOT 1
    BEGIN SELECT RAISE(ABORT, 'evidence rows are deleted only by removing their whole source'); END`);
  const insert = db.prepare(
    'INSERT INTO source_columns (source_id, idx, col, header, name, norm, field) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  for (const c of columns) insert.run(sourceId, c.index, columnName(c.index), c.header, c.name, c.norm, fields.get(c.index) ?? null);
}

/** The index on one column of a source (`src_N_cK`): the deferred builds, remapping and de-duplication all use it. */
export function columnIndexName(sourceId: number, col: string): string {
  return `${sourceTable(sourceId)}_${col}`;
}

export function createColumnIndex(db: WritableDB, sourceId: number, col: string): void {
  db.exec(`CREATE INDEX IF NOT EXISTS ${ident(columnIndexName(sourceId, col))} ON ${ident(sourceTable(sourceId))} (${ident(col)})`);
}

/** `INSERT INTO src_N (_row, c1…cK, _extra, _raw)` without VALUES (see BatchInsert). */
export function insertRowHead(sourceId: number, columnCount: number): string {
  const names = ['_row', ...Array.from({ length: columnCount }, (_, i) => columnName(i)), '_extra', '_raw'];
  return `INSERT INTO ${ident(sourceTable(sourceId))} (${names.map(ident).join(', ')})`;
}

export function insertRowSql(sourceId: number, columnCount: number): string {
  const names = ['_row', ...Array.from({ length: columnCount }, (_, i) => columnName(i)), '_extra', '_raw'];
  return `${insertRowHead(sourceId, columnCount)} VALUES (${names.map(() => '?').join(', ')})`;
}

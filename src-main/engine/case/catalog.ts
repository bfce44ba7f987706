// The case catalogue: sources and their columns as stored in the evidence register.
import type { ColumnInfo, SourceInfo } from '../../contract/model';
import { LoupeError } from '../../contract/errors';
import type { ReadableDB } from '../db/types';

export interface CatalogColumn extends ColumnInfo {
  idx: number;
  /** SQL column name in the source table (c1, c2, ...). */
  col: string;
  norm: string;
}

export interface SourceRecord {
  id: number;
  name: string;
  path: string;
  size: number;
  sha256: string;
  container_name: string | null;
  container_sha256: string | null;
  kind: string;
  importer_version: string;
  profile: string;
  profile_version: number;
  mapping_json: string;
  options_json: string;
  meta_json: string;
  rows_read: number;
  rows_imported: number;
  rows_rejected: number;
  warnings_json: string;
  imported_at: string;
}

export function profileDisplayName(meta: Record<string, string>, profile: string): string {
  return meta['profileName'] ?? profile;
}

export function toSourceInfo(r: SourceRecord): SourceInfo {
  const meta = JSON.parse(r.meta_json) as Record<string, string>;
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    profile: r.profile,
    profileName: profileDisplayName(meta, r.profile),
    rows: r.rows_imported,
    rowsRead: r.rows_read,
    rowsRejected: r.rows_rejected,
    size: r.size,
    sha256: r.sha256,
    importedAt: r.imported_at,
    importerVersion: r.importer_version,
    container: r.container_name,
    warnings: JSON.parse(r.warnings_json) as SourceInfo['warnings'],
    meta,
  };
}

export function listSourceRecords(db: ReadableDB): SourceRecord[] {
  return db.prepare('SELECT * FROM sources WHERE removing = 0 ORDER BY id').all() as SourceRecord[];
}

export function getSourceRecord(db: ReadableDB, id: number): SourceRecord {
  const r = db.prepare('SELECT * FROM sources WHERE id = ? AND removing = 0').get(id) as SourceRecord | undefined;
  if (!r) throw new LoupeError('NOT_FOUND', `no source with id ${id}`);
  return r;
}

/** Finds a source by id, or by file name with or without extension (CLI `--source`). */
export function findSource(db: ReadableDB, ref: string): SourceRecord {
  const all = listSourceRecords(db);
  if (/^\d+$/.test(ref)) {
    const byId = all.find((s) => s.id === Number(ref));
    if (byId) return byId;
  }
  const want = ref.toLowerCase();
  const stem = (n: string) => n.toLowerCase().replace(/\.[^./\\#]+(#.*)?$/, '$1');
  const hits = all.filter((s) => s.name.toLowerCase() === want || stem(s.name) === want || stem(s.name) === stem(want));
  if (hits.length === 1) return hits[0]!;
  if (hits.length > 1) throw new LoupeError('BAD_INPUT', `--source ${ref} matches ${hits.length} sources; use the id`);
  const loose = all.filter((s) => s.name.toLowerCase().startsWith(want));
  if (loose.length === 1) return loose[0]!;
  throw new LoupeError('NOT_FOUND', `no source named ${ref} (try 'loupe sources')`);
}

export function listColumns(db: ReadableDB, sourceId: number): CatalogColumn[] {
  const rows = db
    .prepare('SELECT idx, col, header, name, norm, field FROM source_columns WHERE source_id = ? ORDER BY idx')
    .all(sourceId) as { idx: number; col: string; header: string; name: string; norm: string; field: string | null }[];
  return rows.map((r) => ({ idx: r.idx, col: r.col, header: r.header, name: r.name, norm: r.norm, field: r.field }));
}

/** Matches a column reference by display name, then header text, then normalized name (case-insensitive). */
export function findColumn(columns: CatalogColumn[], ref: string): CatalogColumn | undefined {
  const lower = ref.toLowerCase();
  const norm = lower.replace(/\s+/g, ' ').trim();
  return (
    columns.find((c) => c.name === ref) ??
    columns.find((c) => c.name.toLowerCase() === lower) ??
    columns.find((c) => c.header.toLowerCase() === lower) ??
    columns.find((c) => c.norm === norm)
  );
}

// getMapping: the field mapping of one source as the UI and CLI show it (columns by display name, badges, counts).
import { MAPPABLE_FIELDS, type MappingFieldView, type MappingView } from '../../contract/mapping';
import { getSourceRecord, listColumns, profileDisplayName, type CatalogColumn } from '../case/catalog';
import type { ReadableDB } from '../db/types';
import type { FieldSpec } from '../profiles/types';
import { displayColumns, readStoredMapping, type StoredMapping } from './stored';

function fieldView(field: string, specs: readonly FieldSpec[], columns: readonly CatalogColumn[], stored: StoredMapping): MappingFieldView {
  const names: string[] = [];
  for (const spec of specs) for (const n of displayColumns(columns, spec.columns)) if (!names.includes(n)) names.push(n);
  const first = specs.find((s) => s.jsonPath !== undefined || s.transform !== undefined || s.constant !== undefined);
  return {
    field,
    columns: names,
    jsonPath: first?.jsonPath ?? null,
    transform: first?.transform ?? null,
    constant: specs.find((s) => s.constant !== undefined)?.constant ?? null,
    inferred: stored.inferred.includes(field),
    edited: stored.edited.includes(field),
  };
}

export function getMapping(db: ReadableDB, sourceId: number): MappingView {
  const src = getSourceRecord(db, sourceId);
  const columns = listColumns(db, src.id);
  const stored = readStoredMapping(db, src.id);
  let meta: Record<string, string> = {};
  try {
    meta = JSON.parse(src.meta_json) as Record<string, string>;
  } catch {
    /* the profile id stands in for its name */
  }
  const bookmarks = (db.prepare('SELECT count(*) AS n FROM bookmarks WHERE source_id = ?').get(src.id) as { n: number }).n;
  return {
    sourceId: src.id,
    sourceName: src.name,
    sha256: src.sha256,
    profile: { id: src.profile, name: profileDisplayName(meta, src.profile) },
    fields: MAPPABLE_FIELDS.map((f) => fieldView(f, stored.mapping[f] ?? [], columns, stored)),
    availableColumns: columns.map((c) => c.name),
    rows: src.rows_imported,
    bookmarks,
  };
}

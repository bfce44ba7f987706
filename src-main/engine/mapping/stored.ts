// A source's stored field mapping (`sources.mapping_json`), read defensively, plus column ↔ spec-name translation.
import { MAPPABLE_FIELDS } from '../../contract/mapping';
import type { CatalogColumn } from '../case/catalog';
import type { ReadableDB } from '../db/types';
import { indexHeaders, lookupColumn, headerKey } from '../profiles/headerKey';
import type { FieldMapping, FieldSpec, FieldTransform, MappableField } from '../profiles/types';

export interface StoredMapping {
  mapping: FieldMapping;
  /** fields the importer inferred (generic profile) */
  inferred: string[];
  /** fields an analyst changed with remapSource */
  edited: string[];
  score: number;
}

const TRANSFORMS: readonly FieldTransform[] = ['country-from-location', 'vault-from-resource', 'upn-lower', 'signin-result'];

export function isMappableField(name: string): name is MappableField {
  return (MAPPABLE_FIELDS as readonly string[]).includes(name);
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function toSpec(v: unknown): FieldSpec | null {
  if (typeof v !== 'object' || v === null) return null;
  const o = v as Record<string, unknown>;
  const spec: FieldSpec = { columns: strings(o['columns']) };
  if (typeof o['jsonPath'] === 'string') spec.jsonPath = o['jsonPath'];
  if (typeof o['transform'] === 'string' && (TRANSFORMS as readonly string[]).includes(o['transform'])) spec.transform = o['transform'] as FieldTransform;
  if (typeof o['constant'] === 'string') spec.constant = o['constant'];
  return spec;
}

/** Parses `mapping_json`; unknown fields and malformed specs are dropped rather than trusted. */
export function parseStoredMapping(json: string): StoredMapping {
  let doc: unknown;
  try {
    doc = JSON.parse(json);
  } catch {
    doc = {};
  }
  const o = (typeof doc === 'object' && doc !== null ? doc : {}) as Record<string, unknown>;
  const rawMapping = (typeof o['mapping'] === 'object' && o['mapping'] !== null ? o['mapping'] : {}) as Record<string, unknown>;
  const mapping: FieldMapping = {};
  for (const field of MAPPABLE_FIELDS) {
    if (!Object.prototype.hasOwnProperty.call(rawMapping, field)) continue;
    const specs = rawMapping[field];
    if (!Array.isArray(specs)) continue;
    const list = specs.map(toSpec).filter((s): s is FieldSpec => s !== null);
    if (list.length) mapping[field] = list;
  }
  return {
    mapping,
    inferred: strings(o['inferred']),
    edited: strings(o['edited']),
    score: typeof o['score'] === 'number' ? o['score'] : 0,
  };
}

export function readStoredMapping(db: ReadableDB, sourceId: number): StoredMapping {
  const r = db.prepare('SELECT mapping_json FROM sources WHERE id = ?').get(sourceId) as { mapping_json: string } | undefined;
  return parseStoredMapping(r?.mapping_json ?? '{}');
}

/** Original headers in file order (what compileMapping saw at import). */
export function headersOf(columns: readonly CatalogColumn[]): string[] {
  return columns.map((c) => c.header);
}

/** Display names of the columns a list of spec names resolves to, in priority order, without repeats. */
export function displayColumns(columns: readonly CatalogColumn[], specNames: readonly string[]): string[] {
  const index = indexHeaders(headersOf(columns));
  const out: string[] = [];
  for (const name of specNames) {
    for (const i of lookupColumn(index, name)) {
      const c = columns[i];
      if (c && !out.includes(c.name)) out.push(c.name);
    }
  }
  return out;
}

/** The spec name (normalized header) that selects a column. */
export function specName(column: CatalogColumn): string {
  return headerKey(column.header);
}

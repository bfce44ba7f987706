// Small builders for FieldSpec lists, so profile tables read as data.

import type { FieldSpec, FieldTransform } from './types';

/** Plain columns, first non-empty wins. */
export function col(...columns: string[]): FieldSpec {
  return { columns };
}

/** A dot path inside the JSON held by one of the columns. */
export function json(columns: string | string[], jsonPath: string, transform?: FieldTransform): FieldSpec {
  const spec: FieldSpec = { columns: Array.isArray(columns) ? columns : [columns], jsonPath };
  if (transform) spec.transform = transform;
  return spec;
}

export function withTransform(transform: FieldTransform, ...columns: string[]): FieldSpec {
  return { columns, transform };
}

export function constant(value: string): FieldSpec {
  return { columns: [], constant: value };
}

// Matching of header names: normalizeHeader plus the Log Analytics decorations (` [UTC]`, `_dynamic`, `_string`, `_d`).

import { normalizeHeader } from '../importers/headers';

/** Normalized header with a UTF-8 BOM (first cell of BOM files) removed. */
export function headerKey(header: string): string {
  return normalizeHeader(header.replace(/^\uFEFF/, ''));
}

const LA_SUFFIX = /(?: \[utc\]|_dynamic|_string)$/;

/** Map from match name → column indexes in file order; an LA-decorated header is also filed under its base name. */
export function indexHeaders(headers: readonly string[]): Map<string, number[]> {
  const byName = new Map<string, number[]>();
  const add = (name: string, i: number): void => {
    const list = byName.get(name);
    if (list) {
      if (!list.includes(i)) list.push(i);
    } else byName.set(name, [i]);
  };
  headers.forEach((h, i) => {
    const key = headerKey(h);
    add(key, i);
    const base = key.replace(LA_SUFFIX, '');
    if (base !== key) add(base, i);
  });
  // AzureActivity `Properties`/`Properties_d` pairs: the `_d` twin backs up the plain column when both exist
  // (only then, so AzureDiagnostics `httpStatusCode_d` is not mistaken for a plain `httpStatusCode`).
  headers.forEach((h, i) => {
    const key = headerKey(h);
    if (key.endsWith('_d') && byName.has(key.slice(0, -2))) add(key.slice(0, -2), i);
  });
  return byName;
}

/** Column indexes for one spec column name (exact, then LA-decorated variants); empty when absent. */
export function lookupColumn(index: Map<string, number[]>, name: string): number[] {
  return index.get(name) ?? [];
}

// Identifier quoting for SQL built from the case's own catalogue (values always go through parameters).

const SAFE_IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Quotes an identifier that must already be one of ours (source tables `src_N`, columns `cN`). */
export function ident(name: string): string {
  if (!SAFE_IDENT.test(name)) throw new Error(`refusing unsafe SQL identifier ${JSON.stringify(name)}`);
  return `"${name}"`;
}

export function sourceTable(sourceId: number): string {
  if (!Number.isSafeInteger(sourceId) || sourceId <= 0) throw new Error(`bad source id ${sourceId}`);
  return `src_${sourceId}`;
}

export function columnName(index: number): string {
  return `c${index + 1}`;
}

/** SQLite's bound-parameter limit is 32766 in modern builds; stay well below it for IN lists. */
export const MAX_PARAMS = 30_000;

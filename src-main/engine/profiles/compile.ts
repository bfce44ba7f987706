// Compiles a FieldMapping against one file's headers into a fast per-row function producing NormalizedRow.

import { appName } from '../enrich/apps';
import { countryOf as geoCountry } from '../enrich/ip';
import { cleanIpText } from '../enrich/ipParse';
import { toolFor } from '../enrich/useragent';
import { parseTimestamp } from '../time/parse';
import { indexHeaders, lookupColumn } from './headerKey';
import { parseJsonCell, textAtPath } from './jsonPath';
import { applyTransform } from './transforms';
import type { FieldMapping, FieldSpec, FieldTransform, MappableField, NormalizedRow } from './types';

export interface CompileOptions {
  /** read `NN/NN/YYYY` times as day/month (decided per file by the importer) */
  dayFirst?: boolean;
  /** look up @country from @ip in the offline dataset when no column gives it (default true) */
  geo?: boolean;
}

interface ResolvedSpec {
  indexes: number[];
  /** split path, null for plain cells */
  jsonPath: string | null;
  /** true: path inside the raw JSON record */
  fromRaw: boolean;
  transform: FieldTransform | null;
  constant: string | null;
}

const TEXT_FIELDS = ['user', 'user_id', 'ip', 'app_id', 'app', 'operation', 'result', 'resource', 'correlation_id', 'user_agent', 'tool', 'country'] as const;
type TextField = (typeof TEXT_FIELDS)[number];

const CACHE_MAX = 20_000;

/**
 * A standalone copy of a cell: cells are V8 slices of a reader's whole text chunk, and a slice kept as a cache key
 * would keep that entire chunk alive (this pinned hundreds of MB during big imports).
 */
function detach(text: string): string {
  return text.length < 13 ? text : flatten(` ${text}`).slice(1);
}

/** charCodeAt makes V8 flatten the concatenation into a new string that no longer refers to its parts. */
function flatten(text: string): string {
  Number(text.charCodeAt(0));
  return text;
}

/** Memoizes a text → value function with a bounded map (values repeat heavily in logs: IPs, user agents). */
function memo<T>(fn: (key: string) => T, max = CACHE_MAX): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    const hit = cache.get(key);
    if (hit !== undefined || cache.has(key)) return hit as T;
    const value = fn(key);
    if (cache.size >= max) cache.clear();
    cache.set(detach(key), value);
    return value;
  };
}

function resolve(index: Map<string, number[]>, specs: readonly FieldSpec[] | undefined): ResolvedSpec[] {
  const out: ResolvedSpec[] = [];
  for (const spec of specs ?? []) {
    const indexes: number[] = [];
    for (const c of spec.columns) for (const i of lookupColumn(index, c)) if (!indexes.includes(i)) indexes.push(i);
    const fromRaw = spec.columns.length === 0 && typeof spec.jsonPath === 'string';
    const constant = spec.columns.length === 0 && typeof spec.constant === 'string' ? spec.constant : null;
    if (indexes.length === 0 && !fromRaw && constant === null) continue;
    out.push({ indexes, jsonPath: spec.jsonPath ?? null, fromRaw, transform: spec.transform ?? null, constant });
  }
  return out;
}

function isSpace(code: number): boolean {
  return code <= 32 || code === 160 || code === 0xfeff || (code >= 0x2000 && code <= 0x200b) || code === 0x3000;
}

function nonEmpty(text: string | null | undefined): string | null {
  if (text == null || text.length === 0) return null;
  // Fast path: most cells have no surrounding whitespace, so skip the trim allocation.
  if (!isSpace(text.charCodeAt(0)) && !isSpace(text.charCodeAt(text.length - 1))) return text;
  const t = text.trim();
  return t === '' ? null : t;
}

/** Resolves column indexes once per source; the returned function is called per row. */
export function compileMapping(
  headers: string[],
  mapping: FieldMapping,
  opts: CompileOptions = {},
): (cells: (string | null)[], raw?: string) => NormalizedRow {
  const index = indexHeaders(headers);
  const time = resolve(index, mapping.time);
  const text = TEXT_FIELDS.map((f) => [f, resolve(index, mapping[f as MappableField])] as const).filter(([, s]) => s.length > 0);
  const parseOpts = opts.dayFirst ? { dayFirst: true } : undefined;
  const geoOn = opts.geo !== false;
  const countryOf = memo((ip) => geoCountry(ip));
  const appOf = memo((id) => appName(id));
  const toolByApp = new Map<string, (ua: string) => string | null>();
  const toolOf = (appId: string | null, ua: string | null): string | null => {
    const key = appId ?? '';
    let byUa = toolByApp.get(key);
    if (!byUa) {
      if (toolByApp.size >= 10_000) toolByApp.clear();
      byUa = memo((u) => toolFor(u === '' ? null : u, appId)?.tool ?? null);
      toolByApp.set(detach(key), byUa);
    }
    return byUa(ua ?? '');
  };
  const timeOf = memo((t) => parseTimestamp(t, parseOpts)?.us ?? null);
  const transformers = new Map<FieldTransform, (v: string) => string | null>();
  for (const t of ['country-from-location', 'vault-from-resource', 'upn-lower', 'signin-result'] as const) {
    transformers.set(t, memo((v) => nonEmpty(applyTransform(t, v))));
  }

  // Per-row state, reset at the start of each call (avoids allocating closures per row).
  let cells: (string | null)[] = [];
  let raw: string | undefined;
  const jsonCache = new Map<number, unknown>();
  const jsonOf = (i: number): unknown => {
    if (jsonCache.has(i)) return jsonCache.get(i);
    const src = i < 0 ? raw : cells[i];
    const parsed = typeof src === 'string' ? parseJsonCell(src) : null;
    jsonCache.set(i, parsed);
    return parsed;
  };
  const RAW = [-1];
  const evalSpecs = (specs: readonly ResolvedSpec[]): string | null => {
    for (const s of specs) {
      if (s.constant !== null) return s.constant;
      const sources = s.fromRaw ? RAW : s.indexes;
      for (const i of sources) {
        let v: string | null;
        if (s.jsonPath !== null) {
          const root = i >= 0 && nonEmpty(cells[i]) === null ? null : jsonOf(i);
          v = root === null ? null : nonEmpty(textAtPath(root, s.jsonPath));
        } else v = nonEmpty(cells[i]);
        if (v !== null && s.transform !== null) v = transformers.get(s.transform)?.(v) ?? null;
        if (v !== null) return v;
      }
    }
    return null;
  };

  return (rowCells, rowRaw) => {
    cells = rowCells;
    raw = rowRaw;
    if (jsonCache.size > 0) jsonCache.clear();
    const row: NormalizedRow = {
      time: null, user: null, user_id: null, ip: null, app_id: null, app: null, operation: null, result: null,
      resource: null, correlation_id: null, user_agent: null, tool: null, country: null,
    };
    const t = evalSpecs(time);
    if (t !== null) row.time = timeOf(t);
    for (const [field, specs] of text) row[field as TextField] = evalSpecs(specs);

    if (row.ip !== null) row.ip = cleanIpText(row.ip);
    if (row.app === null && row.app_id !== null) row.app = appOf(row.app_id);
    if (row.tool === null && (row.user_agent !== null || row.app_id !== null)) row.tool = toolOf(row.app_id, row.user_agent);
    if (row.country === null && row.ip !== null && geoOn) row.country = countryOf(row.ip);
    return row;
  };
}

// Small helpers shared by the detectors: severity from score, Loupe query text, entity lists, row fetches.
import { quote } from '../query/printer';
import { formatUs } from '../time/format';
import { vaultFromResource } from '../enrich';
import type { ReadableDB } from '../db/types';
import type { EventRow, Severity } from './types';

export const US_PER_MINUTE = 60_000_000;
export const US_PER_DAY = 86_400_000_000;

export const SEVERITY_ORDER: readonly Severity[] = ['info', 'low', 'medium', 'high', 'critical'];

/** Score bands: 0-29 info, 30-54 low, 55-74 medium, 75-89 high, 90+ critical. */
export function severityOf(score: number): Severity {
  if (score >= 90) return 'critical';
  if (score >= 75) return 'high';
  if (score >= 55) return 'medium';
  if (score >= 30) return 'low';
  return 'info';
}

export function atLeast(severity: string, floor: Severity): boolean {
  return SEVERITY_ORDER.indexOf(severity as Severity) >= SEVERITY_ORDER.indexOf(floor);
}

/** `@field = 'value'` with the value quoted the way the query language reads it back. */
export function eq(field: string, value: string): string {
  return `@${field} = ${quote(value)}`;
}

export function inList(field: string, values: readonly string[]): string {
  if (values.length === 1) return eq(field, values[0] ?? '');
  return `@${field} in (${values.map((v) => quote(v)).join(', ')})`;
}

export function timeBetween(from: number, to: number): string {
  return `@time between ${quote(formatUs(from))} and ${quote(formatUs(to))}`;
}

export function and(...parts: (string | null | undefined)[]): string {
  const kept = parts.filter((p): p is string => Boolean(p));
  return kept.map((p) => (/ or /i.test(p) && !p.startsWith('(') ? `(${p})` : p)).join(' and ');
}

/** Distinct non-empty values, in first-seen order. */
export function distinct(values: Iterable<string | null | undefined>): string[] {
  const seen = new Map<string, string>();
  for (const v of values) {
    if (v === null || v === undefined) continue;
    const t = v.trim();
    if (t && !seen.has(t.toLowerCase())) seen.set(t.toLowerCase(), t);
  }
  return [...seen.values()];
}

/** Vault names (upper-case as Azure writes them in resource ids) of resource texts. */
export function vaultsOf(resources: Iterable<string | null>): string[] {
  return distinct([...resources].map((r) => vaultFromResource(r)?.toUpperCase() ?? null));
}

/** Drops empty entity lists so findings only carry what they know. */
export function entities(e: Record<string, (string | null | undefined)[]>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(e)) {
    const d = distinct(v);
    if (d.length) out[k] = d;
  }
  return out;
}

export const EVENT_COLUMNS = 'e.id, e.source_id, e.row, e.time, e.user, e.user_id, e.ip, e.app_id, e.app, e.operation, e.result, e.resource, e.user_agent, e.tool, e.country';

/** The identity an event acts as: UPN when present, else the object/app id (workload identities have no UPN). */
export const ACTOR_SQL = "COALESCE(NULLIF(e.user, ''), NULLIF(e.user_id, ''), NULLIF(e.app_id, ''))";

export function fetchEvents(db: ReadableDB, sql: string, params: (string | number)[]): EventRow[] {
  return db.prepare(`SELECT ${EVENT_COLUMNS} FROM events e WHERE ${sql} ORDER BY e.time, e.id`).all(...params) as EventRow[];
}

/** Query for an actor value as produced by ACTOR_SQL: a UPN matches @user, anything else @user_id or @app_id. */
export function actorQuery(actor: string): string {
  if (actor.includes('@')) return eq('user', actor);
  return `(${eq('user_id', actor)} or ${eq('app_id', actor)})`;
}

export function actorSqlMatch(): string {
  return `${ACTOR_SQL} = ?`;
}

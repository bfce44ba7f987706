// Detectors over Key Vault (and other resource) operations: enumeration then retrieval, and many vaults by one identity.
import { ipIsNewForActor } from '../history';
import type { Candidate, Detector, TriageContext, TriageRule } from '../types';
import { ACTOR_SQL, actorQuery, and, entities, fetchEvents, timeBetween, US_PER_DAY, US_PER_MINUTE, vaultsOf } from '../util';
import { vaultObjects } from './chain';
import { linkedToSuspicious, windowHits, type WindowHit } from './windows';

const LIST_SQL = "(e.operation LIKE '%List' OR e.operation LIKE '%ListVersions' OR e.operation LIKE '%ListDeleted')";
const GET_SQL = "(e.operation LIKE '%Get' OR e.operation LIKE '%Backup' OR e.operation LIKE '%Export')";

/** The rows of a hit, the shared facts, and how much history raises the score. */
function describeHit(ctx: TriageContext, rule: TriageRule, hit: WindowHit): { rows: ReturnType<typeof fetchEvents>; query: string; ips: string[]; boost: number; why: string[] } {
  const actor = hit.key[0] ?? '';
  const query = and(actorQuery(actor), timeBetween(hit.from, hit.to), rule.query);
  const w = ctx.where({ ...rule, query });
  const rows = fetchEvents(ctx.db, w.sql, w.params);
  const ips = [...new Set(rows.map((r) => r.ip).filter((i): i is string => Boolean(i)))];
  const why: string[] = [];
  let boost = 0;
  if (linkedToSuspicious(ctx, actor, ips)) {
    boost += 30;
    why.push('the identity or its IP is tied to a suspicious sign-in');
  }
  if (ips.length === 1 && ips[0] && ipIsNewForActor(ctx.db, actor, ips[0], hit.from)) {
    boost += 15;
    why.push(`IP ${ips[0]} not seen for this identity before`);
  }
  return { rows, query, ips, boost, why };
}

/** Identities whose pattern repeats on two or more UTC days: routine (a workload, a daily job), not a one-off burst. */
function habitual(hits: WindowHit[]): Set<string> {
  const days = new Map<string, Set<number>>();
  for (const h of hits) {
    const k = (h.key[0] ?? '').toLowerCase();
    days.set(k, (days.get(k) ?? new Set()).add(Math.floor(h.from / US_PER_DAY)));
  }
  return new Set([...days].filter(([, d]) => d.size >= 2).map(([k]) => k));
}

export const enumerateThenRetrieve: Detector = (ctx, rule) => {
  if (rule.correlate?.kind !== 'enumerate-then-retrieve') return [];
  const w = ctx.where(rule);
  const hits = windowHits(ctx, {
    keys: [ACTOR_SQL], where: w.sql, params: w.params, windowUs: rule.correlate.windowMinutes * US_PER_MINUTE,
    having: `SUM(${LIST_SQL}) > 0 AND SUM(${GET_SQL}) > 0 AND MIN(CASE WHEN ${LIST_SQL} THEN e.time END) < MAX(CASE WHEN ${GET_SQL} THEN e.time END)`,
  });
  const routine = habitual(hits);
  return hits.map((hit): Candidate => {
    const d = describeHit(ctx, rule, hit);
    if (routine.has((hit.key[0] ?? '').toLowerCase())) {
      d.boost -= 25;
      d.why.push('the identity does this on several days (routine)');
    }
    const objects = vaultObjects(ctx.db, d.rows);
    const kinds = (['key', 'secret', 'certificate'] as const).filter((k) => objects[k].length);
    const score = 45 + (kinds.length > 1 ? 5 : 0) + d.boost;
    const actor = hit.key[0] ?? '';
    return {
      title: `Enumeration then retrieval of vault objects by ${actor}`,
      score,
      entities: entities({
        user: d.rows.map((r) => r.user), user_id: d.rows.map((r) => r.user_id), ip: d.ips, vault: vaultsOf(d.rows.map((r) => r.resource)),
        key: objects.key, secret: objects.secret, certificate: objects.certificate, operation: d.rows.map((r) => r.operation), tool: d.rows.map((r) => r.tool),
      }),
      eventIds: d.rows.map((r) => r.id),
      query: d.query,
      detail: [`List then Get over ${kinds.join(' and ') || 'vault objects'}`, ...d.why].join('; ') + '.',
    };
  });
};

export const manyVaults: Detector = (ctx, rule) => {
  if (rule.correlate?.kind !== 'many-vaults') return [];
  const { minVaults, windowMinutes } = rule.correlate;
  const w = ctx.where(rule);
  const hits = windowHits(ctx, {
    keys: [ACTOR_SQL], where: w.sql, params: w.params, windowUs: windowMinutes * US_PER_MINUTE,
    having: `COUNT(DISTINCT e.resource) >= ${Math.max(2, Math.floor(minVaults))}`,
  });
  const routine = habitual(hits);
  return hits.flatMap((hit): Candidate[] => {
    if (routine.has((hit.key[0] ?? '').toLowerCase())) return [];
    const d = describeHit(ctx, rule, hit);
    const vaults = vaultsOf(d.rows.map((r) => r.resource));
    if (vaults.length < minVaults) return [];
    const score = 35 + 10 * (vaults.length - 2) + d.boost;
    const actor = hit.key[0] ?? '';
    return [{
      title: `${vaults.length} vaults accessed by ${actor} within ${windowMinutes} minutes`,
      score,
      entities: entities({
        user: d.rows.map((r) => r.user), user_id: d.rows.map((r) => r.user_id), ip: d.ips, vault: vaults,
        operation: d.rows.map((r) => r.operation), tool: d.rows.map((r) => r.tool),
      }),
      eventIds: d.rows.map((r) => r.id),
      query: d.query,
      detail: [`vaults ${vaults.join(', ')}`, ...d.why].join('; ') + '.',
    }];
  });
};

// Detector: successful sign-in from an IP (and country / ASN) not seen for that user before in the case, scored by token and controls.
import { classifyIp } from '../../enrich';
import { readSigninFacts, type SigninFacts } from '../signinFacts';
import type { Candidate, Detector, SuspiciousSignin, TriageContext, TriageRule } from '../types';
import { and, entities, eq, fetchEvents, severityOf } from '../util';

interface Pair {
  user: string;
  ip: string;
  first: number;
  last: number;
  n: number;
  rep_source: number;
  rep_row: number;
  country: string | null;
}

export interface OriginFinding extends Candidate {
  signin: SuspiciousSignin;
}

const STOLEN_TOKEN_TYPES = new Set(['primaryRefreshToken', 'refreshToken']);
const ROW_CAP = 1000;

function factsFor(ctx: TriageContext, refs: readonly { source_id: number; row: number }[]): SigninFacts[] {
  const bySource = new Map<number, number[]>();
  for (const r of refs) bySource.set(r.source_id, [...(bySource.get(r.source_id) ?? []), r.row]);
  const out: SigninFacts[] = [];
  for (const [sourceId, rows] of bySource) out.push(...readSigninFacts(ctx.db, sourceId, rows).values());
  return out;
}

function pairsByUser(ctx: TriageContext, rule: TriageRule): Map<string, Pair[]> {
  const w = ctx.where(rule);
  // One group per (user, ip): SQL does the grouping; MIN(id) picks a representative row for the ASN.
  const rows = ctx.db
    .prepare(
      `SELECT e.user AS user, e.ip AS ip, MIN(e.time) AS first, MAX(e.time) AS last, COUNT(*) AS n,
              MAX(e.country) AS country, MIN(e.id) AS rep
         FROM events e WHERE ${w.sql} AND e.user IS NOT NULL AND e.user != '' AND e.ip IS NOT NULL AND e.ip != ''
          AND e.time IS NOT NULL
        GROUP BY e.user, e.ip`,
    )
    .all(...w.params) as (Omit<Pair, 'rep_source' | 'rep_row'> & { rep: number })[];
  const reps = new Map<number, { source_id: number; row: number }>();
  const repStmt = ctx.db.prepare('SELECT source_id, row FROM events WHERE id = ?');
  const out = new Map<string, Pair[]>();
  for (const r of rows) {
    const ref = reps.get(r.rep) ?? (repStmt.get(r.rep) as { source_id: number; row: number });
    const key = r.user.toLowerCase();
    out.set(key, [...(out.get(key) ?? []), { ...r, rep_source: ref.source_id, rep_row: ref.row }]);
  }
  return out;
}

const asnCache = new WeakMap<Pair, string | null>();

function asnOf(ctx: TriageContext, p: Pair): string | null {
  if (!asnCache.has(p)) asnCache.set(p, readSigninFacts(ctx.db, p.rep_source, [p.rep_row]).get(p.rep_row)?.asn ?? null);
  return asnCache.get(p) ?? null;
}

function scorePair(ctx: TriageContext, rule: TriageRule, p: Pair, baseline: Pair[]): OriginFinding | null {
  const knownCountries = new Set(baseline.map((b) => b.country?.toUpperCase()).filter(Boolean));
  const knownAsns = new Set(baseline.map((b) => asnOf(ctx, b)).filter(Boolean));
  const query = and(eq('user', p.user), eq('ip', p.ip), rule.query);
  const w = ctx.where({ ...rule, query });
  const rows = fetchEvents(ctx.db, w.sql, w.params).slice(0, ROW_CAP);
  const facts = factsFor(ctx, rows);
  const tokens = [...new Set(facts.map((f) => f.tokenType).filter((t): t is string => t !== null && t !== 'none'))];
  const ca = [...new Set(facts.map((f) => f.conditionalAccess).filter((c): c is string => c !== null))];
  const req = [...new Set(facts.map((f) => f.authRequirement).filter((c): c is string => c !== null))];
  const asns = [...new Set(facts.map((f) => f.asn).filter((c): c is string => c !== null))];
  const reasons: string[] = [`IP ${p.ip} first seen for ${p.user} after ${baseline.length} earlier origin(s)`];
  let score = 25;
  if (p.country && knownCountries.size && !knownCountries.has(p.country.toUpperCase())) {
    score += 20;
    reasons.push(`new country ${p.country}`);
  }
  if (asns.length && knownAsns.size && asns.some((a) => !knownAsns.has(a))) {
    score += 10;
    reasons.push(`new ASN ${asns.join(', ')}`);
  }
  const stolen = tokens.filter((t) => STOLEN_TOKEN_TYPES.has(t));
  if (stolen.length) {
    score += 25;
    reasons.push(`incoming token ${stolen.join(', ')}`);
  }
  if (ca.includes('notApplied')) {
    score += 15;
    reasons.push('Conditional Access not applied');
  }
  if (req.includes('singleFactorAuthentication')) {
    score += 15;
    reasons.push('single-factor authentication');
  }
  if (facts.length && facts.every((f) => f.mfaSatisfied || f.authRequirement === 'multiFactorAuthentication') && !stolen.length) {
    score -= 25;
    reasons.push('MFA performed');
  }
  if (classifyIp(p.ip)?.isPrivate) score -= 20;
  const severity = severityOf(score);
  return {
    title: `Sign-in from a new origin: ${p.user} from ${p.ip}${p.country ? ` (${p.country})` : ''}`,
    score,
    entities: entities({
      user: [p.user], user_id: rows.map((r) => r.user_id), ip: [p.ip], country: [p.country], asn: asns,
      token_type: tokens, conditional_access: ca, auth_requirement: req, app: rows.map((r) => r.app), tool: rows.map((r) => r.tool),
    }),
    eventIds: rows.map((r) => r.id),
    query,
    detail: reasons.join('; ') + '.',
    techniques: stolen.length ? ['T1528', 'T1550.001'] : [],
    signin: {
      user: p.user, userId: rows.find((r) => r.user_id)?.user_id ?? null, ip: p.ip, first: p.first, last: p.last, score, severity,
      stolenToken: stolen.length > 0,
    },
  };
}

/** Every (user, ip) pair first seen after the user's earliest sign-in in the case, scored. */
export function findNewOrigins(ctx: TriageContext, rule: TriageRule): OriginFinding[] {
  const out: OriginFinding[] = [];
  for (const pairs of pairsByUser(ctx, rule).values()) {
    if (pairs.length < 2) continue;
    pairs.sort((a, b) => a.first - b.first);
    const userFirst = pairs[0]?.first ?? 0;
    for (const p of pairs) {
      if (p.first <= userFirst) continue;
      const baseline = pairs.filter((b) => b.first < p.first);
      const f = scorePair(ctx, rule, p, baseline);
      if (f) out.push(f);
    }
  }
  return out;
}

export const newOrigin: Detector = (ctx, rule) => findNewOrigins(ctx, rule);

// Standard identity detections: password spray (many users failing from few IPs) and rows from known offensive tooling.
import type { Candidate, Detector } from '../types';
import { ACTOR_SQL, actorQuery, and, entities, eq, fetchEvents, inList } from '../util';

interface IpFailures {
  ip: string;
  n: number;
  users: number;
}

/** The network an address belongs to for clustering spray sources: IPv4 /24, IPv6 /48. */
function networkOf(ip: string): string {
  if (ip.includes(':')) return ip.toLowerCase().split(':').slice(0, 3).join(':');
  return ip.split('.').slice(0, 3).join('.');
}

export const passwordSpray: Detector = (ctx, rule) => {
  if (rule.correlate?.kind !== 'password-spray') return [];
  const minUsers = rule.correlate.minUsers;
  const w = ctx.where(rule);
  const perIp = ctx.db
    .prepare(
      `SELECT e.ip AS ip, COUNT(*) AS n, COUNT(DISTINCT e.user) AS users FROM events e
        WHERE ${w.sql} AND e.ip IS NOT NULL AND e.ip != '' AND e.user IS NOT NULL AND e.user != ''
        GROUP BY e.ip HAVING COUNT(DISTINCT e.user) >= 2`,
    )
    .all(...w.params) as IpFailures[];
  const clusters = new Map<string, IpFailures[]>();
  for (const r of perIp) clusters.set(networkOf(r.ip), [...(clusters.get(networkOf(r.ip)) ?? []), r]);
  const out: Candidate[] = [];
  for (const ips of clusters.values()) {
    if (ips.reduce((s, r) => s + r.users, 0) < minUsers) continue;
    const query = and(inList('ip', ips.map((r) => r.ip)), rule.query);
    const cw = ctx.where({ ...rule, query });
    const rows = fetchEvents(ctx.db, cw.sql, cw.params);
    const users = [...new Set(rows.map((r) => r.user?.toLowerCase()).filter((u): u is string => Boolean(u)))];
    // A spray tries few passwords per account; many tries per account is brute force, not this rule.
    if (users.length < minUsers || rows.length > users.length * 3) continue;
    const ipList = ips.map((r) => r.ip);
    const successQuery = and(inList('ip', ipList), "@operation = 'Sign-in' and @result = 'Success'");
    const sw = ctx.where({ ...rule, query: successQuery });
    const successes = fetchEvents(ctx.db, sw.sql, sw.params);
    out.push({
      title: `Password spray: ${users.length} accounts failed from ${ipList.length} IP(s) ${ipList.join(', ')}`,
      score: 60 + (successes.length ? 25 : 0),
      entities: entities({
        ip: ipList, targeted_user: users, country: rows.map((r) => r.country), tool: rows.map((r) => r.tool),
        ...(successes.length ? { user: successes.map((r) => r.user) } : {}),
      }),
      eventIds: [...rows, ...successes].map((r) => r.id),
      query: successes.length ? `(${query}) or (${successQuery})` : query,
      detail: `${rows.length} failed sign-ins over ${users.length} accounts${successes.length ? `; ${successes.length} sign-in(s) from these IPs then SUCCEEDED` : '; none succeeded from these IPs'}.`,
    });
  }
  return out;
};

/** A rule whose query alone is the detection: one finding per identity and IP. */
export const groupByActor: Detector = (ctx, rule) => {
  const w = ctx.where(rule);
  const groups = ctx.db
    .prepare(`SELECT ${ACTOR_SQL} AS actor, e.ip AS ip FROM events e WHERE ${w.sql} GROUP BY 1, 2 LIMIT 200`)
    .all(...w.params) as { actor: string | null; ip: string | null }[];
  return groups.map((g): Candidate => {
    const query = and(g.actor ? actorQuery(g.actor) : null, g.ip ? eq('ip', g.ip) : null, rule.query);
    const cw = ctx.where({ ...rule, query });
    const rows = fetchEvents(ctx.db, cw.sql, cw.params);
    return {
      title: `${rule.title}: ${g.actor ?? 'unknown identity'}${g.ip ? ` from ${g.ip}` : ''}`,
      score: 80,
      entities: entities({ user: rows.map((r) => r.user), ip: rows.map((r) => r.ip), tool: rows.map((r) => r.tool), user_agent: rows.map((r) => r.user_agent) }),
      eventIds: rows.map((r) => r.id),
      query,
    };
  });
};

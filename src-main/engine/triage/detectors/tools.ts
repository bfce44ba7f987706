// Detectors over client tools: a programmatic client new to a portal user, and several tools from one identity and IP in a session.
import { ipIsNewForActor } from '../history';
import type { Candidate, Detector } from '../types';
import { ACTOR_SQL, actorQuery, and, entities, eq, fetchEvents, inList, timeBetween, US_PER_MINUTE, US_PER_DAY } from '../util';
import { linkedToSuspicious, windowHits } from './windows';

interface ToolUse {
  actor: string;
  tool: string;
  first: number;
  last: number;
  days: number;
}

export const novelProgrammaticClient: Detector = (ctx, rule) => {
  const w = ctx.where(rule);
  const uses = ctx.db
    .prepare(
      `SELECT e.user AS actor, e.tool AS tool, MIN(e.time) AS first, MAX(e.time) AS last, COUNT(DISTINCT e.time / ${US_PER_DAY}) AS days
         FROM events e WHERE ${w.sql} AND e.user IS NOT NULL AND e.user != '' AND e.time IS NOT NULL
        GROUP BY e.user, e.tool`,
    )
    .all(...w.params) as ToolUse[];
  const byActor = new Map<string, ToolUse[]>();
  for (const u of uses) byActor.set(u.actor.toLowerCase(), [...(byActor.get(u.actor.toLowerCase()) ?? []), u]);
  const out: Candidate[] = [];
  for (const list of byActor.values()) {
    const interactive = list.filter((u) => !ctx.isProgrammatic(u.tool));
    if (!interactive.length) continue;
    const actorFirst = Math.min(...list.map((u) => u.first));
    // Habitual: used on two or more days, or from the start of the user's activity in the case.
    const novel = list.filter((u) => ctx.isProgrammatic(u.tool) && u.days < 2 && u.first > actorFirst + US_PER_DAY
      && interactive.some((i) => i.first < u.first));
    if (!novel.length) continue;
    const actor = novel[0]?.actor ?? '';
    const from = Math.min(...novel.map((u) => u.first));
    const to = Math.max(...novel.map((u) => u.last));
    const tools = novel.map((u) => u.tool);
    const query = and(eq('user', actor), inList('tool', tools), timeBetween(from, to));
    const rows = fetchEvents(ctx.db, ctx.where({ ...rule, query }).sql, ctx.where({ ...rule, query }).params);
    const ips = [...new Set(rows.map((r) => r.ip).filter((i): i is string => Boolean(i)))];
    let score = 45;
    const why = [`${actor} normally uses ${[...new Set(interactive.map((i) => i.tool))].join(', ')}; ${tools.join(', ')} appear(s) only on one day`];
    if (ips.some((ip) => ipIsNewForActor(ctx.db, actor, ip, from))) {
      score += 20;
      why.push('from an IP not seen for this user before');
    }
    if (linkedToSuspicious(ctx, actor, ips)) {
      score += 25;
      why.push('tied to a suspicious sign-in');
    }
    out.push({
      title: `Programmatic client new for ${actor}: ${tools.join(', ')}`,
      score,
      entities: entities({
        user: [actor], user_id: rows.map((r) => r.user_id), ip: ips, tool: tools, app: rows.map((r) => r.app), user_agent: rows.map((r) => r.user_agent),
      }),
      eventIds: rows.map((r) => r.id),
      query,
      detail: why.join('; ') + '.',
    });
  }
  return out;
};

export const multiToolSession: Detector = (ctx, rule) => {
  if (rule.correlate?.kind !== 'multi-tool-session') return [];
  const { windowMinutes, minTools } = rule.correlate;
  const programmatic = ctx
    .db.prepare("SELECT DISTINCT e.tool AS tool FROM events e WHERE e.tool IS NOT NULL AND e.tool != ''")
    .all()
    .map((r) => (r as { tool: string }).tool)
    .filter((t) => ctx.isProgrammatic(t));
  if (programmatic.length < minTools) return [];
  const w = ctx.where(rule);
  const hits = windowHits(ctx, {
    keys: [ACTOR_SQL, 'e.ip'],
    where: `${w.sql} AND e.tool IN (${programmatic.map(() => '?').join(', ')})`,
    params: [...w.params, ...programmatic],
    windowUs: windowMinutes * US_PER_MINUTE,
    having: `COUNT(DISTINCT e.tool) >= ${Math.max(2, Math.floor(minTools))}`,
  });
  return hits.map((hit): Candidate => {
    const [actor = '', ip = ''] = hit.key;
    const query = and(actorQuery(actor), eq('ip', ip), inList('tool', programmatic), timeBetween(hit.from, hit.to));
    const cw = ctx.where({ ...rule, query });
    const rows = fetchEvents(ctx.db, cw.sql, cw.params);
    const tools = [...new Set(rows.map((r) => r.tool).filter((t): t is string => Boolean(t)))];
    let score = 45;
    const why = [`${tools.length} programmatic tools (${tools.join(', ')}) from ${ip}`];
    if (ipIsNewForActor(ctx.db, actor, ip, hit.from)) {
      score += 15;
      why.push('IP not seen for this identity before');
    }
    if (linkedToSuspicious(ctx, actor, [ip])) {
      score += 30;
      why.push('tied to a suspicious sign-in');
    }
    return {
      title: `Several tools used by ${actor} from ${ip}: ${tools.join(' + ')}`,
      score,
      entities: entities({
        user: rows.map((r) => r.user), user_id: rows.map((r) => r.user_id), ip: [ip], tool: tools, app: rows.map((r) => r.app),
        user_agent: rows.map((r) => r.user_agent),
      }),
      eventIds: rows.map((r) => r.id),
      query,
      detail: why.join('; ') + '.',
    };
  });
};

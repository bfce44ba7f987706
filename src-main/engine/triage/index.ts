// Built-in detections (triage): runs the rules in RULES over the case and returns scored findings with their rows.
import type { TriageFinding } from '../../contract/api';
import type { ReadableDB } from '../db/types';
import { toolFor } from '../enrich';
import { timelineResolver } from '../explore/resolver';
import { compileQueryText } from '../explore/where';
import { signinToResource } from './detectors/chain';
import { groupByActor, passwordSpray } from './detectors/identity';
import { findNewOrigins } from './detectors/newOrigin';
import { multiToolSession, novelProgrammaticClient } from './detectors/tools';
import { enumerateThenRetrieve, manyVaults } from './detectors/vaultPatterns';
import { RULES } from './rules';
import type { Candidate, Correlation, Detector, SuspiciousSignin, TriageContext, TriageRule } from './types';
import { atLeast, severityOf } from './util';

export { RULES } from './rules';
export type { TriageRule, Correlation } from './types';

const DETECTORS: Record<Correlation['kind'], Detector> = {
  'new-signin-origin': (ctx, rule) => findNewOrigins(ctx, rule),
  'signin-to-resource': signinToResource,
  'enumerate-then-retrieve': enumerateThenRetrieve,
  'many-vaults': manyVaults,
  'novel-programmatic-client': novelProgrammaticClient,
  'multi-tool-session': multiToolSession,
  'password-spray': passwordSpray,
  'group-by-actor': groupByActor,
};

// Fallback when a tool name has no user agent to classify: names the enrichment layer gives programmatic clients.
const PROGRAMMATIC_NAME = /\b(CLI|PowerShell|SDK|python|curl|wget|Go-http-client|okhttp|Java|node-fetch|axios|Postman)\b/i;

function programmaticTools(db: ReadableDB): (tool: string) => boolean {
  let known: Map<string, boolean> | null = null;
  return (tool) => {
    if (!known) {
      known = new Map();
      // Distinct (tool, user agent, app) combinations are few even in large cases; grouping happens in SQL.
      const rows = db
        .prepare("SELECT e.tool AS tool, e.user_agent AS ua, e.app_id AS app FROM events e WHERE e.tool IS NOT NULL AND e.tool != '' GROUP BY e.tool, e.user_agent, e.app_id LIMIT 20000")
        .all() as { tool: string; ua: string | null; app: string | null }[];
      for (const r of rows) {
        const t = toolFor(r.ua, r.app);
        if (t && t.tool.toLowerCase() === r.tool.toLowerCase()) known.set(r.tool.toLowerCase(), t.programmatic || known.get(r.tool.toLowerCase()) === true);
      }
    }
    return known.get(tool.toLowerCase()) ?? PROGRAMMATIC_NAME.test(tool);
  };
}

function createContext(db: ReadableDB): TriageContext {
  const compiled = new Map<string, { sql: string; params: (string | number)[] }>();
  let suspicious: SuspiciousSignin[] | null = null;
  const ctx: TriageContext = {
    db,
    where(rule: TriageRule) {
      const hit = compiled.get(rule.query);
      if (hit) return hit;
      const c = compileQueryText(rule.query, timelineResolver());
      const out = { sql: c.sql, params: c.params };
      compiled.set(rule.query, out);
      return out;
    },
    suspiciousSignins() {
      if (!suspicious) {
        const rule = RULES.find((r) => r.correlate?.kind === 'new-signin-origin');
        suspicious = rule
          ? findNewOrigins(ctx, rule).filter((f) => atLeast(f.signin.severity, 'medium')).map((f) => f.signin)
          : [];
      }
      return suspicious;
    },
    isProgrammatic: programmaticTools(db),
  };
  return ctx;
}

function toFinding(db: ReadableDB, rule: TriageRule, c: Candidate): TriageFinding {
  const ids = [...new Set(c.eventIds)];
  const rows: TriageFinding['rows'] = [];
  const stmt = db.prepare('SELECT e.source_id AS sourceId, s.name AS source, e.row AS row FROM events e JOIN sources s ON s.id = e.source_id WHERE e.id = ?');
  for (const id of ids) {
    const r = stmt.get(id) as TriageFinding['rows'][number] | undefined;
    if (r) rows.push(r);
  }
  const score = Math.max(0, Math.min(100, c.score));
  return {
    rule: rule.id,
    title: c.title,
    severity: severityOf(score),
    description: c.detail ? `${rule.description} ${c.detail}` : rule.description,
    techniques: [...new Set([...rule.techniques, ...(c.techniques ?? [])])].sort(),
    entities: c.entities,
    rows,
    query: c.query,
    score,
  };
}

/** Runs every built-in rule; findings below 'low' are dropped, the rest sorted by score (highest first). */
export function runTriage(db: ReadableDB): TriageFinding[] {
  const ctx = createContext(db);
  const out: TriageFinding[] = [];
  for (const rule of RULES) {
    const detector: Detector = DETECTORS[rule.correlate?.kind ?? 'group-by-actor'];
    for (const c of detector(ctx, rule)) {
      if (!c.eventIds.length) continue;
      const f = toFinding(db, rule, c);
      if (atLeast(f.severity, 'low')) out.push(f);
    }
  }
  return out.sort((a, b) => b.score - a.score || a.rule.localeCompare(b.rule) || a.title.localeCompare(b.title));
}

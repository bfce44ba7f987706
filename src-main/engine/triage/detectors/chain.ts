// Detector: resource access that follows a suspicious sign-in (same user object id, UPN or IP within a window) — the attack chain.
import { parseKeyVaultUri } from '../../enrich';
import { REQUEST_URI_NAMES, readCells } from '../sourceCells';
import type { Detector, EventRow } from '../types';
import { and, entities, eq, fetchEvents, timeBetween, US_PER_MINUTE, vaultsOf } from '../util';

const RETRIEVAL = /^(secret|key|certificate)(get|backup|export)$/i;
const OK = /^(ok|success|succeeded|200)$/i;

/** Key / secret / certificate names touched by the rows, from each row's request URI. */
export function vaultObjects(db: Parameters<typeof readCells>[0], rows: EventRow[]): Record<'key' | 'secret' | 'certificate', string[]> {
  const uris = readCells(db, rows, REQUEST_URI_NAMES);
  const out = { key: [] as string[], secret: [] as string[], certificate: [] as string[] };
  for (const r of rows) {
    const u = parseKeyVaultUri(uris.get(`${r.source_id}:${r.row}`));
    if (u?.objectType && u.objectName && !out[u.objectType].includes(u.objectName)) out[u.objectType].push(u.objectName);
  }
  return out;
}

export const signinToResource: Detector = (ctx, rule) => {
  if (rule.correlate?.kind !== 'signin-to-resource') return [];
  const windowUs = rule.correlate.windowMinutes * US_PER_MINUTE;
  return ctx.suspiciousSignins().flatMap((s) => {
    const from = s.first - 10 * US_PER_MINUTE;
    const to = s.last + windowUs;
    const who = [eq('user', s.user), s.userId ? eq('user_id', s.userId) : null, eq('ip', s.ip)].filter((x): x is string => x !== null);
    const query = and(`(${who.join(' or ')})`, timeBetween(from, to), rule.query);
    const w = ctx.where({ ...rule, query });
    const rows = fetchEvents(ctx.db, w.sql, w.params);
    if (!rows.length) return [];
    const objects = vaultObjects(ctx.db, rows);
    const retrieved = rows.some((r) => RETRIEVAL.test(r.operation ?? '') && OK.test(r.result ?? ''));
    const vaults = vaultsOf(rows.map((r) => r.resource));
    const score = 80 + (retrieved ? 15 : 0) + (s.stolenToken ? 5 : 0);
    return [{
      title: `Resource access after suspicious sign-in: ${s.user} from ${s.ip}${vaults.length ? ` → ${vaults.join(', ')}` : ''}`,
      score,
      entities: entities({
        user: [s.user, ...rows.map((r) => r.user)], user_id: [s.userId, ...rows.map((r) => r.user_id)], ip: [s.ip, ...rows.map((r) => r.ip)],
        vault: vaults, key: objects.key, secret: objects.secret, certificate: objects.certificate,
        operation: rows.map((r) => r.operation), tool: rows.map((r) => r.tool), app: rows.map((r) => r.app), user_agent: rows.map((r) => r.user_agent),
      }),
      eventIds: rows.map((r) => r.id),
      query,
      detail: `${rows.length} resource operation(s) within ${rule.correlate?.kind === 'signin-to-resource' ? rule.correlate.windowMinutes : 0} minutes of the sign-in${retrieved ? ', including successful retrieval of key/secret material' : ''}.`,
      techniques: s.stolenToken ? ['T1528'] : [],
    }];
  });
};

// Time-window grouping in SQL: groups rows by a key and fixed windows at two offsets, then merges overlapping hits per key.
import type { TriageContext } from '../types';

export interface WindowHit {
  key: string[];
  from: number;
  to: number;
}

/**
 * Runs `SELECT <keys>, MIN(time), MAX(time) ... GROUP BY <keys>, bucket HAVING <having>` with buckets of `windowUs`
 * at offset 0 and windowUs/2 (so a burst across a bucket edge is still caught), and merges overlapping hits per key.
 */
export function windowHits(
  ctx: TriageContext,
  opts: { keys: string[]; where: string; params: (string | number)[]; windowUs: number; having: string },
): WindowHit[] {
  const keyCols = opts.keys.map((k, i) => `${k} AS k${i}`).join(', ');
  const keyRefs = opts.keys.map((_, i) => `k${i}`).join(', ');
  // Integers inlined (computed here, never user text): bound JS numbers would make the division real, not integer.
  const windowUs = Math.max(1, Math.floor(opts.windowUs));
  const raw: WindowHit[] = [];
  for (const offset of [0, Math.floor(windowUs / 2)]) {
    const rows = ctx.db
      .prepare(
        `SELECT ${keyCols}, MIN(e.time) AS t0, MAX(e.time) AS t1 FROM events e
          WHERE ${opts.where} AND e.time IS NOT NULL
          GROUP BY ${keyRefs}, (e.time + ${offset}) / ${windowUs} HAVING ${opts.having}`,
      )
      .all(...opts.params) as Record<string, string | number | null>[];
    for (const r of rows) {
      const key = opts.keys.map((_, i) => String(r[`k${i}`] ?? ''));
      if (key.some((k) => k === '')) continue;
      raw.push({ key, from: Number(r['t0']), to: Number(r['t1']) });
    }
  }
  raw.sort((a, b) => a.key.join('\u0000').localeCompare(b.key.join('\u0000')) || a.from - b.from);
  const merged: WindowHit[] = [];
  for (const h of raw) {
    const last = merged[merged.length - 1];
    if (last && last.key.join('\u0000') === h.key.join('\u0000') && h.from <= last.to) last.to = Math.max(last.to, h.to);
    else merged.push({ ...h });
  }
  return merged;
}

/** Whether an identity or one of its IPs is tied to a suspicious sign-in. */
export function linkedToSuspicious(ctx: TriageContext, actor: string, ips: readonly string[]): boolean {
  const a = actor.toLowerCase();
  const ipSet = new Set(ips.map((i) => i.toLowerCase()));
  return ctx.suspiciousSignins().some((s) => s.user.toLowerCase() === a || s.userId?.toLowerCase() === a || ipSet.has(s.ip.toLowerCase()));
}

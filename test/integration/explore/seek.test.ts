// Scrollbar jumps: the page at any position equals the rows a keyset walk reaches there, with checkpoints, filters, sorts and after the case changes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cursor, GridRow, Page } from '../../../src-main/contract/model';
import { sourcePage, timelinePage, type PageRequest } from '../../../src-main/engine/explore/page';
import { SeekCache } from '../../../src-main/engine/explore/seek';
import { captureQueries, explain } from './planCapture';
import { openSeedCase, seedExpected, type SeedCase } from './seedCase';

const x = seedExpected();
let seed: SeedCase;
beforeAll(async () => {
  seed = await openSeedCase();
});
afterAll(() => seed?.dispose());

type Fetch = (req: PageRequest, cache?: SeekCache) => Page;
const timeline: Fetch = (req, cache) => timelinePage(seed.engine.db, req, cache);
const source = (id: () => number): Fetch => (req, cache) => sourcePage(seed.engine.db, { ...req, source: id() }, cache);
const ident = (r: GridRow) => `${r.sourceId}:${r.row}`;

/** Every row of the query in order, by walking keyset pages of 7. */
function walkAll(fetch: Fetch, base: Omit<PageRequest, 'limit'>): string[] {
  const out: string[] = [];
  let after: Cursor | undefined;
  for (;;) {
    const p = fetch({ ...base, limit: 7, after });
    out.push(...p.rows.map(ident));
    if (!p.next) return out;
    after = p.next;
  }
}

const views: [string, Fetch, Omit<PageRequest, 'limit'>][] = [];
beforeAll(() => {
  const kv = () => seed.keyvault;
  const si = () => seed.signins;
  views.push(
    ['timeline, whole case', timeline, { source: null, where: '' }],
    ['timeline, newest first', timeline, { source: null, where: '', sort: { column: '@time', desc: true } }],
    ['timeline, @ip filter', timeline, { source: null, where: `@ip = '${x.alert_ip}'` }],
    ['timeline, sorted by @operation', timeline, { source: null, where: '', sort: { column: '@operation', desc: false } }],
    ['Key Vault source, file order', source(kv), { source: 0, where: '' }],
    ['Key Vault source, sorted by a column (NULLs, duplicates)', source(kv), { source: 0, where: '', sort: { column: 'OperationName', desc: true } }],
    ['Key Vault source, column filter', source(kv), { source: 0, where: `CallerIPAddress = '${x.alert_ip}'` }],
    ['sign-ins, full-text word', source(si), { source: 0, where: 'Success' }],
  );
});

describe('position seeks', () => {
  it('the page at every position is the slice a keyset walk gives, with and without checkpoints', () => {
    for (const [label, fetch, base] of views) {
      const all = walkAll(fetch, base);
      expect(all.length, label).toBeGreaterThan(3);
      const cache = new SeekCache(5); // checkpoints every 5 rows, so the checkpoint path is exercised on small data
      const positions = [0, 1, 4, 5, 6, 11, Math.floor(all.length / 2), all.length - 2, all.length - 1, 3, 2];
      for (const p of positions) {
        for (const c of [undefined, cache]) {
          const page = fetch({ ...base, limit: 4, offset: p }, c);
          expect(page.rows.map(ident), `${label} @${p}`).toEqual(all.slice(p, p + 4));
          expect(page.next !== null, `${label} @${p} has more`).toBe(p + 4 < all.length);
        }
      }
      expect(fetch({ ...base, limit: 4, offset: all.length }, cache).rows, label).toEqual([]);
      expect(fetch({ ...base, limit: 4, offset: all.length + 1000 }, cache).rows, label).toEqual([]);
    }
  });

  it('checkpoints are dropped when the case changes under the connection', () => {
    const cache = new SeekCache(3);
    const base = { source: null, where: '' };
    const before = timeline({ ...base, limit: 2, offset: 20 }, cache).rows.map(ident);
    const bm = seed.engine.db.prepare("INSERT INTO bookmarks (source_id, row, note, tags_json, techniques_json, severity, created_at, updated_at) VALUES (?, ?, '', '[]', '[]', 'medium', '2026-01-01', '2026-01-01')");
    const { lastInsertRowid } = bm.run(seed.signins, 2);
    try {
      const points = cache.checkpoints(seed.engine.db, 'probe');
      expect(points.size).toBe(0);
      expect(timeline({ ...base, limit: 2, offset: 20 }, cache).rows.map(ident)).toEqual(before);
    } finally {
      seed.engine.db.prepare('DELETE FROM bookmarks WHERE id = ?').run(lastInsertRowid);
    }
  });

  it('a jump in file order reads keys from events_source_row only, never the wide source table', () => {
    const { queries } = captureQueries(seed.engine.db, () => sourcePage(seed.engine.db, { source: seed.keyvault, where: '', limit: 10, offset: 30 }));
    const seek = queries.filter((q) => /OFFSET/.test(q.sql));
    expect(seek).toHaveLength(1);
    const plan = explain(seed.engine.db, seek[0]!).join('\n');
    expect(plan).toMatch(/COVERING INDEX events_source_row/);
    expect(plan).not.toMatch(/src_/);
    expect(plan).not.toMatch(/TEMP B-TREE/);
  });

  it('a jump in the timeline walks the covering events_time index without a sort', () => {
    const { queries } = captureQueries(seed.engine.db, () => timelinePage(seed.engine.db, { source: null, where: '', limit: 10, offset: 30 }));
    const plan = explain(seed.engine.db, queries.find((q) => /OFFSET/.test(q.sql))!).join('\n');
    expect(plan).toMatch(/COVERING INDEX events_time/);
    expect(plan).not.toMatch(/TEMP B-TREE/);
  });
});

// Scrollbar jumps: the page at any position equals the rows a keyset walk reaches there, with checkpoints, filters, sorts and after the case changes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cursor, GridRow, Page } from '../../../src-main/contract/model';
import { sourcePage, timelinePage, type PageRequest } from '../../../src-main/engine/explore/page';
import { SeekCache } from '../../../src-main/engine/explore/seek';
import { listColumns } from '../../../src-main/engine/case/catalog';
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
  // a column with NULLs and duplicates: seeks cross from the NULLs into the values (ascending) and back (descending)
  const nully = listColumns(seed.engine.db, seed.keyvault).find((c) => {
    const r = seed.engine.db.prepare(`SELECT count(*) - count(${c.col}) AS nulls, count(${c.col}) - count(DISTINCT ${c.col}) AS dups FROM src_${seed.keyvault}`).get() as { nulls: number; dups: number };
    return c.field !== 'time' && r.nulls > 10 && r.dups > 0;
  });
  if (!nully) throw new Error('the seed has no column with NULLs and duplicates');
  views.push(
    [`Key Vault source by ${nully.name} (NULLs first)`, source(kv), { source: 0, where: '', sort: { column: nully.name, desc: false } }],
    [`Key Vault source by ${nully.name} desc (NULLs last)`, source(kv), { source: 0, where: '', sort: { column: nully.name, desc: true } }],
  );
});

describe('position seeks', () => {
  it('the page at every position is the slice a keyset walk gives, counted from the start or hopping from the last jump', () => {
    for (const [label, fetch, base] of views) {
      const all = walkAll(fetch, base);
      expect(all.length, label).toBeGreaterThan(3);
      const cache = new SeekCache(5); // hops of up to 5 rows after a remembered position, so that path runs on small data
      // every third position forwards (hops from the last jump, across the NULLs where there are some), then some back
      const positions = [...Array.from({ length: Math.ceil(all.length / 3) }, (_, i) => i * 3), all.length - 1, Math.floor(all.length / 2), 2, 1];
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
      const points = cache.points(seed.engine.db, 'probe');
      expect(points.size).toBe(0);
      expect(timeline({ ...base, limit: 2, offset: 20 }, cache).rows.map(ident)).toEqual(before);
    } finally {
      seed.engine.db.prepare('DELETE FROM bookmarks WHERE id = ?').run(lastInsertRowid);
    }
  });

  it('a jump in file order goes straight to the row by event id: no counting, no source table', () => {
    const { queries } = captureQueries(seed.engine.db, () => sourcePage(seed.engine.db, { source: seed.keyvault, where: '', limit: 10, offset: 30 }));
    expect(queries.filter((q) => /OFFSET/.test(q.sql))).toEqual([]);
    const lookup = queries.find((q) => /WHERE id = \?/.test(q.sql))!;
    expect(explain(seed.engine.db, lookup).join('\n')).toMatch(/USING INTEGER PRIMARY KEY/);
  });

  it('when the event ids do not match the source\'s row count, a file-order jump counts on events_source_row instead, and still lands right', () => {
    const db = seed.engine.db;
    const kv = seed.keyvault;
    const all = walkAll(source(() => kv), { source: kv, where: '' });
    // events rows are immutable; the register's count is what the shortcut checks the id range against
    db.prepare('UPDATE sources SET rows_imported = rows_imported + 1 WHERE id = ?').run(kv);
    try {
      const { result, queries } = captureQueries(db, () => sourcePage(db, { source: kv, where: '', limit: 4, offset: 30 }));
      expect(result.rows.map(ident)).toEqual(all.slice(30, 34));
      const seek = queries.filter((q) => /OFFSET/.test(q.sql));
      expect(seek).toHaveLength(1);
      const plan = explain(db, seek[0]!).join('\n');
      expect(plan).toMatch(/COVERING INDEX events_source_row/);
      expect(plan).not.toMatch(/src_|TEMP B-TREE/);
      expect(sourcePage(db, { source: kv, where: '', limit: 4, offset: all.length - 1 }).rows.map(ident)).toEqual(all.slice(-1));
    } finally {
      db.prepare('UPDATE sources SET rows_imported = rows_imported - 1 WHERE id = ?').run(kv);
    }
  });

  it('a jump in a source sorted by an indexed column counts on that column\'s index alone (no join, no sort)', () => {
    const { queries } = captureQueries(seed.engine.db, () =>
      sourcePage(seed.engine.db, { source: seed.keyvault, where: '', limit: 10, offset: 30, sort: { column: 'CallerIPAddress', desc: true } }),
    );
    const plan = explain(seed.engine.db, queries.find((q) => /OFFSET/.test(q.sql))!).join('\n');
    expect(plan).toMatch(/SCAN s USING COVERING INDEX src_\d+_c\d+/);
    expect(plan).not.toMatch(/events|TEMP B-TREE/);
  });

  it('a deep keyset page seeks the index range instead of walking it from the start: the rest of the cursor\'s time, then later times', () => {
    const after = { value: 1_700_000_000_000_000, key: 10 };
    for (const [desc, op] of [[false, '>'], [true, '<']] as const) {
      const { queries } = captureQueries(seed.engine.db, () => timelinePage(seed.engine.db, { source: null, where: '', limit: 10, after, sort: { column: '@time', desc } }));
      const plans = queries.filter((q) => /AS __eid/.test(q.sql)).map((q) => explain(seed.engine.db, q).join('\n'));
      expect(plans[0], `desc=${desc}`).toMatch(/SEARCH e USING INDEX events_time \(time=\? AND id[<>]\?\)/);
      expect(plans[1], `desc=${desc}`).toMatch(new RegExp(`SEARCH e USING INDEX events_time \\(time${op}\\?\\)`));
      for (const plan of plans) expect(plan).not.toMatch(/TEMP B-TREE/);
    }
  });

  it('a jump past the middle of an unfiltered query counts back from the end; a filtered one (size unknown) counts from the start', () => {
    const db = seed.engine.db;
    const offsetQueries = (fn: () => unknown) => captureQueries(db, fn).queries.filter((q) => /OFFSET/.test(q.sql));
    const n = walkAll(timeline, { source: null, where: '' }).length;
    const [back] = offsetQueries(() => timeline({ source: null, where: '', limit: 2, offset: n - 3 }));
    expect(back!.sql).toMatch(/ORDER BY e\.time DESC, e\.id DESC LIMIT 1 OFFSET \?$/);
    expect(back!.params.at(-1)).toBe(3); // the row before position n-3 is the 4th from the end
    const [early] = offsetQueries(() => timeline({ source: null, where: '', limit: 2, offset: 3 }));
    expect(early!.sql).toMatch(/ORDER BY e\.time ASC, e\.id ASC LIMIT 1 OFFSET \?$/);
    const sorted = { source: seed.keyvault, where: '', sort: { column: 'OperationName', desc: true } };
    const kvRows = walkAll(source(() => seed.keyvault), sorted).length;
    const [sortedBack] = offsetQueries(() => sourcePage(db, { ...sorted, limit: 2, offset: kvRows - 2 }));
    expect(sortedBack!.sql).toMatch(/ ASC, s\._row ASC LIMIT 1 OFFSET \?$/);
    expect(sortedBack!.params.at(-1)).toBe(2);
    const filtered = `@ip = '${x.alert_ip}'`;
    const m = walkAll(timeline, { source: null, where: filtered }).length;
    const [forward] = offsetQueries(() => timeline({ source: null, where: filtered, limit: 2, offset: m - 1 }));
    expect(forward!.sql).toMatch(/ASC LIMIT 1 OFFSET \?$/);
    expect(forward!.params.at(-1)).toBe(m - 2);
  });

  it('a jump in the timeline walks the covering events_time index without a sort', () => {
    const { queries } = captureQueries(seed.engine.db, () => timelinePage(seed.engine.db, { source: null, where: '', limit: 10, offset: 30 }));
    const plan = explain(seed.engine.db, queries.find((q) => /OFFSET/.test(q.sql))!).join('\n');
    expect(plan).toMatch(/COVERING INDEX events_time/);
    expect(plan).not.toMatch(/TEMP B-TREE/);
  });
});

describe('sorted source pages', () => {
  it('a page sorted by an indexed column walks that index in order (no sort of the whole source), first page and deep', () => {
    const db = seed.engine.db;
    for (const desc of [false, true]) {
      const sort = { column: 'CallerIPAddress', desc };
      const first = captureQueries(db, () => sourcePage(db, { source: seed.keyvault, where: '', limit: 10, sort }));
      const plan = explain(db, first.queries.find((q) => /AS __eid/.test(q.sql))!).join('\n');
      expect(plan, `first page desc=${desc}`).toMatch(/USING INDEX src_\d+_c\d+/);
      expect(plan, `first page desc=${desc}`).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
      const next = first.result.next!;
      const deep = captureQueries(db, () => sourcePage(db, { source: seed.keyvault, where: '', limit: 10, sort, after: next }));
      // the rest of the cursor's value group by row key, then the values beyond it: each an index range
      const deepPlans = deep.queries.filter((q) => /AS __eid/.test(q.sql)).map((q) => explain(db, q).join('\n'));
      expect(deepPlans[0], `keyset page desc=${desc}`).toMatch(/SEARCH s USING INDEX src_\d+_c\d+ \(c\d+=\? AND rowid[<>]\?\)/);
      if (deepPlans[1] !== undefined) expect(deepPlans[1], `keyset page desc=${desc}`).toMatch(/SEARCH s USING INDEX src_\d+_c\d+ \(c\d+[<>]\?\)/);
      for (const p of deepPlans) expect(p).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
    }
  });
});

// EXPLAIN QUERY PLAN of the hot queries, as the explore layer actually runs them: they must use the intended indexes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stackColumn } from '../../../src-main/engine/explore/aggregate';
import { sourcePage, timelinePage } from '../../../src-main/engine/explore/page';
import { pivot } from '../../../src-main/engine/explore/pivot';
import { captureQueries, explain, type RanQuery } from './planCapture';
import { openSeedCase, seedExpected, type SeedCase } from './seedCase';

const x = seedExpected();
let seed: SeedCase;
beforeAll(async () => {
  seed = await openSeedCase();
});
afterAll(() => seed?.dispose());

/** The plan of the one statement whose SQL matches `pick` (there must be exactly one). */
function planOf(fn: () => unknown, pick: RegExp): string[] {
  const { queries } = captureQueries(seed.engine.db, fn);
  const hits = queries.filter((q) => pick.test(q.sql));
  expect(hits, `statements matching ${pick}: ${queries.map((q) => q.sql).join('\n')}`).toHaveLength(1);
  return explain(seed.engine.db, hits[0] as RanQuery);
}

const GRID = /AS __eid/;
const noScanOf = (plan: string[], table: string) => expect(plan.filter((l) => new RegExp(`^\\s*SCAN ${table}\\b(?! USING)`).test(l))).toEqual([]);
const noSort = (plan: string[]) => expect(plan.filter((l) => /TEMP B-TREE FOR ORDER BY/.test(l))).toEqual([]);

describe('query plans of the hot queries', () => {
  it('timeline first page filtered by @ip: events_ip, in time order without a sort', () => {
    const plan = planOf(() => timelinePage(seed.engine.db, { source: null, where: `@ip = '${x.alert_ip}'`, limit: 100 }), GRID);
    expect(plan[0]).toMatch(/SEARCH e USING INDEX events_ip \(ip=\?\)/);
    noSort(plan);
    noScanOf(plan, 'e');
  });

  it('timeline keyset page by @time walks events_time without a sort, segment by segment', () => {
    const { queries } = captureQueries(seed.engine.db, () =>
      timelinePage(seed.engine.db, { source: null, where: '', limit: 100, after: { value: 1_700_000_000_000_000, key: 10 } }),
    );
    const plans = queries.filter((q) => GRID.test(q.sql)).map((q) => explain(seed.engine.db, q));
    expect(plans.length).toBeGreaterThan(0);
    for (const plan of plans) {
      expect(plan[0]).toMatch(/SEARCH e USING INDEX events_time/);
      noSort(plan);
    }
  });

  it('timeline first page by @user uses events_user', () => {
    const plan = planOf(() => timelinePage(seed.engine.db, { source: null, where: `@user = '${x.upn}'`, limit: 100 }), GRID);
    expect(plan[0]).toMatch(/SEARCH e USING INDEX events_user \(user=\?\)/);
    noSort(plan);
  });

  it('source page filtered on an entity column uses its src_N_cK index', () => {
    const plan = planOf(
      () => sourcePage(seed.engine.db, { source: seed.keyvault, where: `CallerIPAddress = '${x.alert_ip}'`, limit: 100 }),
      GRID,
    );
    expect(plan[0]).toMatch(new RegExp(`SEARCH s USING INDEX src_${seed.keyvault}_c\\d+ \\(c\\d+=\\?\\)`));
    noSort(plan);
  });

  it('source page filtered by an @ field uses the events index', () => {
    const plan = planOf(() => sourcePage(seed.engine.db, { source: seed.keyvault, where: `@ip = '${x.alert_ip}'`, limit: 100 }), GRID);
    expect(plan[0]).toMatch(/SEARCH e USING INDEX events_ip \(ip=\?\)/);
    expect(plan.join('\n')).toMatch(/SEARCH s USING INTEGER PRIMARY KEY/);
  });

  it('source page in row order with a keyset cursor needs no temp b-tree', () => {
    const plan = planOf(
      () => sourcePage(seed.engine.db, { source: seed.keyvault, where: '', limit: 100, after: { value: null, key: 50 } }),
      GRID,
    );
    expect(plan[0]).toMatch(/SEARCH e USING INDEX events_source_row \(source_id=\? AND row>\?\)/);
    expect(plan.join('\n')).toMatch(/SEARCH s USING INTEGER PRIMARY KEY/);
    noSort(plan);
  });

  it('stack of a source column with no filter reads only the source table', () => {
    const plan = planOf(() => stackColumn(seed.engine.db, seed.keyvault, '', 'OperationName', 'most', 10), /GROUP BY/);
    expect(plan.join('\n')).not.toMatch(/events/);
  });

  it('full-text first page: the FTS index, each event fetched by id', () => {
    const plan = planOf(() => timelinePage(seed.engine.db, { source: null, where: 'payroll', limit: 100 }), GRID);
    const text = plan.join('\n');
    expect(text).toMatch(/SCAN fts VIRTUAL TABLE INDEX \d+:M/);
    expect(plan[0]).toMatch(/SEARCH e USING INTEGER PRIMARY KEY \(rowid=\?\)/);
  });

  it('pivot: one index lookup per entity field plus the FTS, never a scan of events', () => {
    const plan = planOf(() => pivot(seed.engine.db, x.alert_ip, 100), GRID);
    const text = plan.join('\n');
    for (const idx of ['events_user', 'events_user_id', 'events_ip', 'events_app_id', 'events_correlation', 'events_resource']) {
      expect(text).toContain(`SEARCH events USING COVERING INDEX ${idx} (`);
    }
    expect(text).toMatch(/SCAN fts VIRTUAL TABLE INDEX \d+:M/);
    noScanOf(plan, 'events');
    noScanOf(plan, 'e');
  });

  it('stack under a selective filter reads only the filtered rows through the index; users of an IP and IPs of a user read no rows', () => {
    const plan = planOf(() => stackColumn(seed.engine.db, null, `@ip = '${x.alert_ip}'`, '@user', 'most', 10), /GROUP BY/);
    expect(plan.join('\n')).toMatch(/SEARCH e USING COVERING INDEX events_ip_user \(ip=\?\)/);
    noScanOf(plan, 'e');
    const ipsOfUser = planOf(() => stackColumn(seed.engine.db, null, `@user = '${x.upn}'`, '@ip', 'most', 10), /GROUP BY/);
    expect(ipsOfUser.join('\n')).toMatch(/SEARCH e USING COVERING INDEX events_user_ip \(user=\?\)/);
    const onSource = planOf(
      () => stackColumn(seed.engine.db, seed.keyvault, `@ip = '${x.alert_ip}'`, 'OperationName', 'most', 10),
      /GROUP BY/,
    );
    expect(onSource.join('\n')).toMatch(/SEARCH e USING INDEX events_ip \(ip=\?\)/);
    noScanOf(onSource, 's');
  });

  it('stack of an @ field over the whole case reads its covering index once', () => {
    const { queries } = captureQueries(seed.engine.db, () => stackColumn(seed.engine.db, null, '', '@ip', 'most', 10));
    const grouped = queries.filter((q) => /GROUP BY/.test(q.sql));
    expect(grouped).toHaveLength(1);
    expect(explain(seed.engine.db, grouped[0]!).join('\n')).toMatch(/SCAN e USING COVERING INDEX events_ip/);
    expect(queries.filter((q) => /count\(DISTINCT/.test(q.sql))).toEqual([]);
  });
});

// A common full-text word: the first page streams the time index and probes FTS per row, with the same answer as the set form.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../src-main/engine/engine';
import { COMMON_TERM_MATCHES } from '../../../src-main/engine/explore/resolver';
import { captureQueries, explain } from './planCapture';

const dir = mkdtempSync(join(tmpdir(), 'loupe-fts-common-'));
let e: Engine;
const ROWS = COMMON_TERM_MATCHES + 5000;

beforeAll(async () => {
  const lines = ['TimeGenerated,OperationName,CallerIPAddress,Note'];
  for (let i = 0; i < ROWS; i++) {
    const t = new Date(Date.UTC(2023, 9, 1) + i * 1000).toISOString();
    // every row says KeyGet; one in 1000 also says a rare word
    lines.push(`${t},KeyGet,10.0.${(i >> 8) & 255}.${i & 255},${i % 1000 === 0 ? 'needle' : 'hay'}`);
  }
  writeFileSync(join(dir, 'ops.csv'), lines.join('\n'));
  e = new Engine(join(dir, 'fts.loupe'), { create: true });
  const [s] = await e.importFiles([join(dir, 'ops.csv')]);
  expect(s!.ok, s!.error).toBe(true);
}, 120_000);
afterAll(() => {
  e.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('full-text first page', () => {
  it('a common word walks the time index (no sort of every match) and pages correctly', () => {
    const { result, queries } = captureQueries(e.db, () => e.page({ source: null, where: 'KeyGet', limit: 100 }));
    expect(result.rows).toHaveLength(100);
    const pageQuery = queries.find((q) => /FROM events e/.test(q.sql) && /LIMIT \?/.test(q.sql))!;
    const plan = explain(e.db, pageQuery).join('\n');
    expect(plan).toMatch(/events_time/);
    expect(plan).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
    // the same rows, in the same order, as the timeline without the word (every row matches)
    const all = e.page({ source: null, where: '', limit: 100 });
    expect(result.rows.map((r) => r.row)).toEqual(all.rows.map((r) => r.row));
    // keyset paging continues
    const next = e.page({ source: null, where: 'KeyGet', limit: 100, after: result.next! });
    expect(next.rows[0]!.row).toBe(all.rows[99]!.row + 1);
  });

  it('a rare word still uses the match set, and finds exactly its rows', () => {
    const r = e.page({ source: null, where: 'needle', limit: 1000 });
    expect(r.rows).toHaveLength(Math.ceil(ROWS / 1000));
    const { queries } = captureQueries(e.db, () => e.page({ source: null, where: 'needle', limit: 10 }));
    const pageQuery = queries.find((q) => /FROM events e/.test(q.sql) && /LIMIT \?/.test(q.sql))!;
    expect(pageQuery.sql).toMatch(/e\.id IN \(SELECT rowid FROM fts/);
  });
});

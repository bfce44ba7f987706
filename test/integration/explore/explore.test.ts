// Explore layer over the imported seed case: keyset paging, counts, stacks, pivot and row detail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cursor, Page } from '../../../src-main/contract/model';
import { listColumns } from '../../../src-main/engine/case/catalog';
import { countRows, stackColumn } from '../../../src-main/engine/explore/aggregate';
import { sourcePage, timelinePage, type PageRequest } from '../../../src-main/engine/explore/page';
import { pivot } from '../../../src-main/engine/explore/pivot';
import { getRow } from '../../../src-main/engine/explore/rowDetail';
import { openSeedCase, seedExpected, type SeedCase } from './seedCase';

const expected = seedExpected();
let seed: SeedCase;
beforeAll(async () => {
  seed = await openSeedCase();
});
afterAll(() => seed?.dispose());

const db = () => seed.engine.db;

/** Follows `next` cursors to the end; returns every page. */
function walk(fetch: (after: Cursor | undefined) => Page): Page[] {
  const pages: Page[] = [];
  let after: Cursor | undefined;
  for (let guard = 0; guard < 10_000; guard++) {
    const p = fetch(after);
    pages.push(p);
    if (!p.next) return pages;
    after = p.next;
  }
  throw new Error('paging did not terminate');
}

/** A column of the source whose values include NULLs and duplicates (the hard case for keyset paging). */
function nullyDuplicatedColumn(source: number): { name: string; col: string } {
  for (const c of listColumns(db(), source)) {
    if (c.field === 'time') continue;
    const r = db()
      .prepare(`SELECT count(*) - count(${c.col}) AS nulls, count(${c.col}) - count(DISTINCT ${c.col}) AS dups FROM src_${source}`)
      .get() as { nulls: number; dups: number };
    if (r.nulls > 0 && r.dups > 0) return { name: c.name, col: c.col };
  }
  throw new Error('the seed source has no column with both NULLs and duplicates');
}

describe('keyset paging', () => {
  for (const desc of [false, true]) {
    it(`walks every source row exactly once, sorted by a text column with NULLs and duplicates (${desc ? 'desc' : 'asc'})`, () => {
      const src = seed.signins;
      const column = nullyDuplicatedColumn(src);
      const pages = walk((after) =>
        sourcePage(db(), { source: src, where: '', sort: { column: column.name, desc }, limit: 37, after }),
      );
      const rows = pages.flatMap((p) => p.rows.map((r) => r.row));
      expect(rows.length).toBe(expected.rows['Sign_In_Logs.xlsx']);
      expect(new Set(rows).size).toBe(rows.length);
      const dir = desc ? 'DESC' : 'ASC';
      const reference = (
        db().prepare(`SELECT _row FROM src_${src} ORDER BY ${column.col} ${dir}, _row ${dir}`).all() as { _row: number }[]
      ).map((r) => r._row);
      expect(rows).toEqual(reference);
      expect(pages.every((p, i) => i === pages.length - 1 || p.rows.length === 37)).toBe(true);
    });

    it(`walks the timeline by @time and by @user exactly once (${desc ? 'desc' : 'asc'})`, () => {
      for (const column of ['@time', '@user']) {
        const pages = walk((after) => timelinePage(db(), { source: null, where: '', sort: { column, desc }, limit: 50, after }));
        const keys = pages.flatMap((p) => p.rows.map((r) => `${r.sourceId}:${r.row}`));
        const total = expected.rows['Sign_In_Logs.xlsx']! + expected.rows['Azure_KV_Logs.xlsx']!;
        expect(keys.length).toBe(total);
        expect(new Set(keys).size).toBe(total);
        const field = column.slice(1);
        const values = pages.flatMap((p) => p.rows.map((r) => r.normalized[field] ?? null));
        const dir = desc ? 'DESC' : 'ASC';
        const ref = db().prepare(`SELECT source_id, row FROM events ORDER BY ${field === 'time' ? 'time' : '"user"'} ${dir}, id ${dir}`).all() as {
          source_id: number;
          row: number;
        }[];
        expect(keys).toEqual(ref.map((r) => `${r.source_id}:${r.row}`));
        expect(values.length).toBe(total);
      }
    });
  }

  it('walks a filtered source page by _row in both directions', () => {
    const where = `@ip = '${expected.alert_ip}'`;
    const req = (sort: PageRequest['sort']) => (after: Cursor | undefined): Page =>
      sourcePage(db(), { source: seed.keyvault, where, sort, limit: 4, after });
    const byRow = walk(req(undefined)).flatMap((p) => p.rows.map((r) => r.row));
    expect(byRow.length).toBe(countRows(db(), seed.keyvault, where).count);
    expect(byRow.length).toBeGreaterThan(4);
    expect([...byRow].sort((a, b) => a - b)).toEqual(byRow);
    expect(new Set(byRow).size).toBe(byRow.length);
    const byTimeDesc = walk(req({ column: '@time', desc: true })).flatMap((p) => p.rows.map((r) => r.row));
    expect([...byTimeDesc].sort((a, b) => a - b)).toEqual(byRow);
  });
});

describe('seed facts', () => {
  it('the alert IP finds Miriam Graham', () => {
    const page = timelinePage(db(), { source: null, where: `@ip = '${expected.alert_ip}'`, limit: 500 });
    expect(page.rows.length).toBeGreaterThan(0);
    const users = new Set(page.rows.map((r) => r.normalized['user']?.toLowerCase()).filter(Boolean));
    expect([...users]).toEqual([expected.upn.toLowerCase()]);
    const signin = sourcePage(db(), { source: seed.signins, where: `[IP address] = '${expected.alert_ip}'`, limit: 100 });
    const userCol = signin.columns.findIndex((c) => c.name === 'User');
    expect(userCol).toBeGreaterThanOrEqual(0);
    expect(signin.rows.length).toBeGreaterThan(0);
    for (const r of signin.rows) expect(r.cells[userCol]).toBe(expected.account);
    expect(countRows(db(), null, `@ip = '${expected.alert_ip}'`).count).toBe(page.rows.length);
  });

  it('the CLI app id from the alert IP is exactly the 14 Key Vault operations', () => {
    const where = `@app_id = '${expected.cli_app_id}' and @ip = '${expected.alert_ip}'`;
    expect(countRows(db(), seed.keyvault, where).count).toBe(expected.cli_operations);
    expect(countRows(db(), null, where).count).toBeGreaterThanOrEqual(expected.cli_operations);
    const page = sourcePage(db(), { source: seed.keyvault, where: `identity_claim_appid_g = '${expected.cli_app_id}' and CallerIPAddress = '${expected.alert_ip}'`, limit: 100 });
    expect(page.rows.length).toBe(expected.cli_operations);
  });

  it('the PowerShell correlation id is one row, case-insensitively', () => {
    expect(countRows(db(), seed.keyvault, `CorrelationId = '${expected.ps_correlation_id.toUpperCase()}'`).count).toBe(1);
    const page = timelinePage(db(), { source: null, where: `@correlation_id = '${expected.ps_correlation_id}'`, limit: 10 });
    expect(page.rows.filter((r) => r.sourceId === seed.keyvault)).toHaveLength(1);
  });

  it('counts with no filter equal the rows imported, and a bad source is NOT_FOUND', () => {
    expect(countRows(db(), seed.signins, '').count).toBe(expected.rows['Sign_In_Logs.xlsx']);
    expect(countRows(db(), null, ' ').count).toBe(expected.rows['Sign_In_Logs.xlsx']! + expected.rows['Azure_KV_Logs.xlsx']!);
    expect(() => countRows(db(), 999, '')).toThrow(/no source/);
  });
});

describe('pivot', () => {
  for (const key of ['alert_ip', 'ps_correlation_id', 'upn'] as const) {
    it(`finds ${key} in both sources`, () => {
      const value = expected[key];
      const r = pivot(db(), value, 1000);
      const ids = r.groups.map((g) => g.source.id).sort();
      if (key === 'ps_correlation_id') {
        // Correlation ids are shared between a sign-in and the Key Vault calls it authorised only when both logged it.
        expect(ids).toContain(seed.keyvault);
      } else {
        expect(ids).toEqual([seed.signins, seed.keyvault].sort());
      }
      for (const g of r.groups) {
        expect(g.matchedIn.length).toBeGreaterThan(0);
        for (const row of g.rows) {
          const hay = [...row.cells, ...Object.values(row.normalized)].map((v) => (v ?? '').toLowerCase());
          expect(hay.some((v) => v.includes(value.toLowerCase()))).toBe(true);
        }
      }
    });
  }

  it('treats FTS syntax in the value as text', () => {
    expect(() => pivot(db(), 'NEAR("a" OR b*) "', 10)).not.toThrow();
    expect(pivot(db(), 'no-such-value-anywhere-4711', 10).groups).toEqual([]);
  });
});

describe('stack', () => {
  it('most and least are the two ends of the same counts', () => {
    const most = stackColumn(db(), seed.keyvault, '', 'CallerIPAddress', 'most', 10_000);
    const least = stackColumn(db(), seed.keyvault, '', 'CallerIPAddress', 'least', 10_000);
    expect(most.truncated).toBe(false);
    expect(most.total).toBe(expected.rows['Azure_KV_Logs.xlsx']);
    expect(most.values.reduce((n, v) => n + v.count, 0)).toBe(most.total);
    expect(most.values.length).toBe(most.distinct);
    const counts = most.values.map((v) => v.count);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(least.values.map((v) => v.count)).toEqual([...counts].sort((a, b) => a - b));
    const ref = db().prepare(`SELECT count(*) AS n FROM src_${seed.keyvault} WHERE c15 = ?`).get(most.values[0]!.value) as { n: number };
    expect(most.values[0]!.count).toBe(ref.n);
  });

  it('truncates at the limit and stacks @ fields on the timeline under a filter', () => {
    const top = stackColumn(db(), null, '', '@ip', 'most', 3);
    expect(top.values).toHaveLength(3);
    expect(top.truncated).toBe(true);
    const under = stackColumn(db(), null, `@ip = '${expected.alert_ip}'`, '@user', 'most', 10);
    expect(under.values.filter((v) => v.value !== null).map((v) => v.value!.toLowerCase())).toEqual([expected.upn.toLowerCase()]);
  });
});

describe('row detail', () => {
  it('returns every original column and the @ fields of a row', () => {
    const page = sourcePage(db(), { source: seed.keyvault, where: `CorrelationId = '${expected.ps_correlation_id}'`, limit: 5 });
    const row = page.rows[0]!;
    const detail = getRow(db(), seed.keyvault, row.row);
    expect(detail.fields.map((f) => f.value)).toEqual(row.cells);
    expect(detail.normalized['correlation_id']?.toLowerCase()).toBe(expected.ps_correlation_id.toLowerCase());
    expect(detail.sourceName).toContain('Azure_KV_Logs.xlsx');
    expect(() => getRow(db(), seed.keyvault, 10_000_000)).toThrow(/no row/);
  });
});

// @vitest-environment jsdom
// The query store pages with keyset cursors against the fake engine, jumps by position, drops far pages and re-fetches them by cursor.
import { describe, expect, it } from 'vitest';
import { createPinia } from 'pinia';
import { MAX_PAGES_KEPT, PAGE_SIZE, useQueryStore } from '../../src-renderer/src/stores/query';
import { defaultSources } from '../support/fakeApi';
import { setup } from './helpers';
import type { QuerySpec } from '../../src-main/contract/model';

const KV = 2;
const pageCalls = (calls: { name: string; req: unknown }[]): QuerySpec[] => calls.filter((c) => c.name === 'query/page').map((c) => c.req as QuerySpec);

describe('query store paging', () => {
  it('scrolling down fetches page after page with the previous page’s cursor, never an offset', async () => {
    const { fake } = setup(defaultSources(1000)); // KV source: 1014 rows
    const q = useQueryStore();
    await q.setSource(KV);
    expect(q.count?.count).toBe(1014);
    await q.ensureRange(0, 1013);
    const specs = pageCalls(fake.calls);
    expect(specs).toHaveLength(Math.ceil(1014 / PAGE_SIZE));
    expect(specs[0]?.after).toBeUndefined();
    for (const s of specs) expect(Object.keys(s).sort()).toEqual(['limit', 'source', 'where', ...(s.after ? ['after'] : [])].sort());
    // each cursor is the last row of the page before it
    for (let k = 1; k < specs.length; k++) {
      const prev = q.rowAt(k * PAGE_SIZE - 1);
      expect(specs[k]?.after?.key).toBe(prev ? prev.sourceId * 1_000_000 + prev.row : 'evicted');
    }
    expect(q.endAt).toBe(1014);
    expect(q.totalRows).toBe(1014);
    // rows are contiguous and in order across page boundaries
    const rows = Array.from({ length: 1014 }, (_, i) => q.rowAt(i)?.row);
    expect(rows).toEqual(Array.from({ length: 1014 }, (_, i) => i + 2));
  });

  it('keeps only a window of pages and re-fetches an evicted page from its saved cursor', async () => {
    const n = PAGE_SIZE * (MAX_PAGES_KEPT + 3);
    const { fake } = setup(defaultSources(n));
    const q = useQueryStore();
    await q.setSource(KV);
    for (let k = 0; k <= n / PAGE_SIZE; k++) await q.ensureRange(k * PAGE_SIZE, k * PAGE_SIZE + 13);
    expect(q.pages.size).toBeLessThanOrEqual(MAX_PAGES_KEPT);
    expect(q.rowAt(0)).toBeUndefined();
    const walk = pageCalls(fake.calls);
    const before = walk.length;
    await q.ensureRange(0, 10);
    const after = pageCalls(fake.calls).slice(before);
    expect(after).toHaveLength(1); // page 0 again, directly, not a walk
    expect(after[0]?.after).toBeUndefined();
    expect(q.rowAt(0)?.row).toBe(2);
    // an evicted middle page comes back with exactly the cursor first used for it
    expect(q.rowAt(3 * PAGE_SIZE)).toBeUndefined();
    await q.ensureRange(3 * PAGE_SIZE, 3 * PAGE_SIZE + 5);
    const again = pageCalls(fake.calls).slice(before + 1);
    expect(again).toHaveLength(1);
    expect(walk[3]?.after).toBeDefined();
    expect(again[0]?.after).toEqual(walk[3]?.after);
  });

  it('a jump far down asks for that position once, then pages on by keyset from there', async () => {
    const n = PAGE_SIZE * 50;
    const { fake } = setup(defaultSources(n));
    const q = useQueryStore();
    await q.setSource(KV);
    const before = pageCalls(fake.calls).length;
    await q.ensureRange(37 * PAGE_SIZE + 5, 37 * PAGE_SIZE + 40);
    const jump = pageCalls(fake.calls).slice(before);
    expect(jump).toHaveLength(1);
    expect(jump[0]?.offset).toBe(37 * PAGE_SIZE);
    expect(jump[0]?.after).toBeUndefined();
    // the same rows a walk from the top reaches
    const walked = useQueryStore(createPinia());
    await walked.setSource(KV);
    for (let k = 0; k <= 38; k++) await walked.ensureRange(k * PAGE_SIZE, k * PAGE_SIZE + 1);
    const calls = fake.calls.length;
    expect(q.rowAt(37 * PAGE_SIZE + 5)).toEqual(walked.rowAt(37 * PAGE_SIZE + 5));
    fake.calls.splice(calls);
    await q.ensureRange(38 * PAGE_SIZE, 38 * PAGE_SIZE + 3);
    const next = pageCalls(fake.calls.slice(calls));
    expect(next).toHaveLength(1);
    expect(next[0]?.offset).toBeUndefined();
    const last = q.rowAt(38 * PAGE_SIZE - 1)!;
    expect(next[0]?.after?.key).toBe(last.sourceId * 1_000_000 + last.row);
    expect(q.rowAt(38 * PAGE_SIZE)).toEqual(walked.rowAt(38 * PAGE_SIZE));
  });

  it('sorts and filters through the spec, and ignores answers to superseded queries', async () => {
    const { fake } = setup();
    const q = useQueryStore();
    await q.setSource(KV);
    await q.toggleSort('OperationName');
    expect(pageCalls(fake.calls).at(-1)?.sort).toEqual({ column: 'OperationName', desc: false });
    await q.toggleSort('OperationName');
    expect(pageCalls(fake.calls).at(-1)?.sort).toEqual({ column: 'OperationName', desc: true });
    const slow = q.filterTo('OperationName', 'KeyGet');
    const fast = q.filterTo('OperationName', 'SecretGet');
    await Promise.all([slow, fast]);
    expect(q.terms).toEqual(["[OperationName] = 'SecretGet'"]);
    expect(q.rowAt(0)?.cells[1]).toBe('SecretGet');
  });

  it('shows a parse error with its position and empties the grid', async () => {
    setup();
    const q = useQueryStore();
    await q.setSource(KV);
    await q.submit('KeyGet )');
    expect(q.error?.code).toBe('BAD_INPUT');
    expect(q.error?.position).toBe(7);
    expect(q.totalRows).toBe(0);
    expect(q.rowAt(0)).toBeUndefined();
  });
});

describe('query store and the analyst typing', () => {
  it('a query finishing while the analyst types does not overwrite what they typed', async () => {
    setup(defaultSources(10));
    const q = useQueryStore();
    const loading = q.setSource(KV); // the source's first page is on its way
    q.draft = "[IP address] = '203.0.113.3'"; // the analyst types before it arrives
    await loading;
    expect(q.draft).toBe("[IP address] = '203.0.113.3'");
    // with nothing typed in between, the bar shows the query that ran
    await q.submit("  @ip = '1.2.3.4'  ");
    expect(q.draft).toBe("@ip = '1.2.3.4'");
  });
});

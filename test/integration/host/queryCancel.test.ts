// Queries run on a killable read-only worker: a newer query cancels a runaway one while writes and the event loop carry on.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../src-main/engine/engine';
import { createEngineHost } from '../../../src-main/host';
import { supersedeTag } from '../../../src-main/host/reader';
import { ROOT } from '../../support/cli';

const ROWS = 300_000;
// Catastrophic backtracking: (a+)+$ against a run of a's that ends in '!' takes seconds per row.
const EVIL = `${'a'.repeat(25)}!`;
const PATHOLOGICAL = "[User agent] matches '(a+)+$'";

let dir: string;
let host: ReturnType<typeof createEngineHost>;

beforeAll(async () => {
  const { buildEngine } = (await import(resolve(ROOT, 'scripts/build-engine.mjs'))) as { buildEngine: (o: { quiet: boolean }) => Promise<void> };
  await buildEngine({ quiet: true });
  dir = mkdtempSync(join(tmpdir(), 'loupe-cancel-'));
  const csv = join(dir, 'big.csv');
  const lines = ['TimeGenerated [UTC],OperationName,IP address,User agent'];
  for (let i = 0; i < ROWS; i++) {
    lines.push(`2023-10-26T${String(i % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00Z,Op${i % 13},10.1.${i % 250}.${i % 200},${i % 1000 === 0 ? EVIL : `agent-${i % 77}`}`);
  }
  writeFileSync(csv, lines.join('\n') + '\n');
  const casePath = join(dir, 'big.loupe');
  const engine = new Engine(casePath, { create: true });
  const [summary] = await engine.importFiles([csv]);
  engine.close();
  expect(summary?.ok).toBe(true);
  host = createEngineHost(casePath, { workerPath: join(ROOT, 'out/cli/engine-worker.cjs') });
  await host.ready;
}, 180_000);

afterAll(async () => {
  await host?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Resolves with how late a 0 ms timer fired: the host's event loop must stay free while SQLite works. */
function loopLag(): Promise<number> {
  const t = performance.now();
  return new Promise((res) => setTimeout(() => res(performance.now() - t), 0));
}

describe('cancellable queries (SECURITY P-4)', () => {
  it('answers reads from the reader while the case is large', async () => {
    const count = await host.call('query/count', { source: 1, where: '' });
    expect(count.ok && count.value.count).toBe(ROWS);
  });

  it('a newer query cancels a runaway one within 500 ms; a bookmark written meanwhile commits', async () => {
    let settled = false;
    const runaway = host.call('query/count', { source: 1, where: PATHOLOGICAL }).then((r) => {
      settled = true;
      return r;
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(settled).toBe(false);
    expect(await loopLag()).toBeLessThan(100);

    // The writer is another worker: a bookmark commits while the runaway query still holds the reader.
    const bm = await host.call('bookmarks/add', { sourceId: 1, row: 2, note: 'during runaway', tags: [] });
    if (!bm.ok) throw new Error(JSON.stringify(bm.error));
    expect(settled).toBe(false);

    const t0 = performance.now();
    const next = host.call('query/count', { source: 1, where: "[User agent] = 'agent-5'" });
    const old = await runaway;
    expect(performance.now() - t0).toBeLessThan(500);
    expect(old).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    const fresh = await next;
    expect(fresh.ok && fresh.value.count).toBe(Array.from({ length: ROWS }, (_, i) => i).filter((i) => i % 1000 !== 0 && i % 77 === 5).length);

    const list = await host.call('bookmarks/list', {});
    expect(list.ok && list.value.some((b) => b.note === 'during runaway')).toBe(true);
  }, 30_000);

  it('a superseded page is cancelled too, and the reader keeps answering afterwards', async () => {
    const runaway = host.call('query/page', { source: 1, where: PATHOLOGICAL, limit: 100 });
    await new Promise((r) => setTimeout(r, 50));
    const t0 = performance.now();
    const next = host.call('query/page', { source: 1, where: "[OperationName] = 'Op3'", limit: 100 });
    expect(await runaway).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(performance.now() - t0).toBeLessThan(500);
    const page = await next;
    expect(page.ok && page.value.rows.length).toBe(100);
    const row = await host.call('row/get', { sourceId: 1, row: 2 });
    expect(row.ok).toBe(true);
  }, 30_000);

  it('the same query asked again, a scroll continuation or a row lookup does not cancel the one running', async () => {
    const spec = { source: 1, where: "[OperationName] = 'Op4'", limit: 100 };
    const [a, b, c] = await Promise.all([host.call('query/page', spec), host.call('query/count', spec), host.call('query/page', spec)]);
    expect([a.ok, b.ok, c.ok]).toEqual([true, true, true]);
    const next = a.ok ? a.value.next : null;
    expect(next).not.toBeNull();
    const [d, e] = await Promise.all([host.call('query/count', spec), host.call('query/page', { ...spec, after: next })]);
    expect([d.ok, e.ok]).toEqual([true, true]);
  }, 30_000);

  it('closing the host mid-runaway is prompt and answers the query as data', async () => {
    const other = createEngineHost(join(dir, 'big.loupe'), { workerPath: join(ROOT, 'out/cli/engine-worker.cjs'), lock: false });
    await other.ready;
    const runaway = other.call('query/count', { source: 1, where: PATHOLOGICAL });
    await new Promise((r) => setTimeout(r, 300));
    const t0 = performance.now();
    await other.close();
    expect(performance.now() - t0).toBeLessThan(3000);
    expect(await runaway).toMatchObject({ ok: false });
  }, 30_000);

  it('supersede tags: same family and a different filter only', () => {
    const page = supersedeTag('query/page', { source: 1, where: 'x' });
    expect(page).toEqual(supersedeTag('query/count', { source: 1, where: 'x', limit: 5 }));
    expect(supersedeTag('query/stack', { spec: { source: 1, where: 'x' }, column: 'c' })?.key).toBe(page?.key);
    expect(supersedeTag('query/page', { source: 1, where: 'x', after: { ts: 1 } })?.fresh).toBe(false);
    expect(supersedeTag('query/pivot', { value: 'x' })?.family).toBe('pivot');
    expect(supersedeTag('row/get', { sourceId: 1, row: 1 })).toBeNull();
    expect(supersedeTag('bookmarks/add', { sourceId: 1, row: 1 })).toBeNull();
  });
});

// The engine host: contract validation at the boundary, calls in the worker, staged imports with progress events.
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { API_NAMES, type EventName } from '../../../src-main/contract/api';
import { createEngineHost } from '../../../src-main/host';
import { ROOT, SEED_DIR } from '../../support/cli';

let dir: string;
let host: ReturnType<typeof createEngineHost>;
const events: { event: EventName; payload: unknown }[] = [];

beforeAll(async () => {
  const { buildEngine } = (await import(resolve(ROOT, 'scripts/build-engine.mjs'))) as { buildEngine: (o: { quiet: boolean }) => Promise<void> };
  await buildEngine({ quiet: true });
  dir = mkdtempSync(join(tmpdir(), 'loupe-host-'));
  host = createEngineHost(join(dir, 'host.loupe'), { workerPath: join(ROOT, 'out/cli/engine-worker.cjs') });
  host.on((event, payload) => events.push({ event, payload }));
  await host.ready;
});
afterAll(async () => {
  await host.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('engine host', () => {
  it('answers calls from the worker', async () => {
    const r = await host.call('case/info', {});
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value.sources).toEqual([]);
  });

  it('rejects payloads that do not fit the contract, as data', async () => {
    const r = await host.call('query/page', { source: 'x', limit: 10 ** 9 });
    expect(r).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    const unknown = await host.call('nope/never' as 'case/info', {});
    expect(unknown).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('never throws on arbitrary payloads (fuzzed)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...API_NAMES.filter((n) => n !== 'import/start' && n !== 'import/pick')), fc.anything(), async (name, payload) => {
        const r = await host.call(name, payload);
        expect(typeof r.ok).toBe('boolean');
      }),
      { seed: 42, numRuns: 150 },
    );
  });

  it('imports a staged upload with progress and a summary', async () => {
    const id = await host.stageStream('Azure_KV_Logs.xlsx', createReadStream(join(SEED_DIR, 'Azure_KV_Logs.xlsx')));
    const start = await host.call('import/start', { ids: [id] });
    expect(start.ok).toBe(true);
    const jobId = start.ok ? start.value.jobId : '';
    await expect.poll(() => events.some((e) => e.event === 'import/done'), { timeout: 30_000 }).toBe(true);
    const done = events.find((e) => e.event === 'import/done')!.payload as { jobId: string; summaries: { ok: boolean; file: string; sources: { rows: number }[] }[] };
    expect(done.jobId).toBe(jobId);
    expect(done.summaries[0]).toMatchObject({ ok: true, file: 'Azure_KV_Logs.xlsx' });
    expect(done.summaries[0]!.sources[0]!.rows).toBe(402);
    expect(events.some((e) => e.event === 'import/progress')).toBe(true);
    const page = await host.call('query/page', { source: 1, where: "[CallerIPAddress] = '201.231.8.199'", limit: 50 });
    expect(page.ok && page.value.rows.length).toBe(15);
  });

  it('builds the full-text index in the background after an import, with progress', async () => {
    await expect
      .poll(() => events.some((e) => e.event === 'fulltext/progress' && (e.payload as { done: number; total: number }).done === (e.payload as { total: number }).total), { timeout: 30_000 })
      .toBe(true);
    const fts = await host.call('query/page', { source: 1, where: '"azsdk-python-keyvault-secrets"', limit: 500 });
    const like = await host.call('query/page', { source: 1, where: "clientInfo_s contains 'azsdk-python-keyvault-secrets'", limit: 500 });
    expect(fts.ok && like.ok).toBe(true);
    if (fts.ok && like.ok) {
      expect(fts.value.rows.length).toBeGreaterThanOrEqual(14);
      expect(fts.value.rows.map((r) => r.row)).toEqual(like.value.rows.map((r) => r.row));
    }
  });

  it('reports a query parse error with its position', async () => {
    const r = await host.call('query/page', { source: 1, where: "[CallerIPAddress] = ", limit: 5 });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('BAD_INPUT');
      expect(typeof r.error.position).toBe('number');
    }
  });
});

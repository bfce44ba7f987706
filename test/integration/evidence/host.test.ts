// The desktop/browser import path: `import/start` keeps a copy by default (the UI checkbox), and not when the analyst opts out.
import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventName } from '../../../src-main/contract/api';
import { createEngineHost } from '../../../src-main/host';
import { ROOT, SEED_DIR } from '../../support/cli';

let dir: string;
let casePath: string;
let host: ReturnType<typeof createEngineHost>;
const events: { event: EventName; payload: unknown }[] = [];

beforeAll(async () => {
  const { buildEngine } = (await import(resolve(ROOT, 'scripts/build-engine.mjs'))) as { buildEngine: (o: { quiet: boolean }) => Promise<void> };
  await buildEngine({ quiet: true });
  dir = mkdtempSync(join(tmpdir(), 'loupe-evhost-'));
  casePath = join(dir, 'host.loupe');
  host = createEngineHost(casePath, { workerPath: join(ROOT, 'out/cli/engine-worker.cjs') });
  host.on((event, payload) => events.push({ event, payload }));
  await host.ready;
});
afterAll(async () => {
  await host.close();
  rmSync(dir, { recursive: true, force: true });
});

async function importStaged(name: string, path: string, copyEvidence?: boolean): Promise<void> {
  const id = await host.stageStream(name, createReadStream(path));
  const start = await host.call('import/start', copyEvidence === undefined ? { ids: [id] } : { ids: [id], copyEvidence });
  if (!start.ok) throw new Error(start.error.message);
  const jobId = start.value.jobId;
  await expect.poll(() => events.some((e) => e.event === 'import/done' && (e.payload as { jobId: string }).jobId === jobId), { timeout: 30_000 }).toBe(true);
}

describe('import/start copyEvidence', () => {
  it('keeps a read-only copy by default and verifies it; an opt-out import adds none', async () => {
    const xlsx = join(SEED_DIR, 'Azure_KV_Logs.xlsx');
    await importStaged('Azure_KV_Logs.xlsx', xlsx);
    const sha = execFileSync('sha256sum', [xlsx], { encoding: 'utf8' }).split(' ')[0]!;
    expect(readdirSync(`${casePath}.evidence`)).toEqual([sha]);

    const csv = join(dir, 'small.csv');
    writeFileSync(csv, 'TimeGenerated,UserId,ClientIP\n2024-01-01T00:00:00Z,a@x.test,10.0.0.1\n');
    await importStaged('small.csv', csv, false);
    expect(readdirSync(`${casePath}.evidence`)).toEqual([sha]);

    const verified = await host.call('sources/verify', {});
    expect(verified.ok).toBe(true);
    if (verified.ok) expect(verified.value.map((r) => r.copy)).toEqual(['ok', undefined]);
    expect(existsSync(join(dir, 'small.csv.evidence'))).toBe(false);
  });

  it('rejects a copyEvidence that is not a boolean, as data', async () => {
    const r = await host.call('import/start', { ids: ['a'.repeat(32)], copyEvidence: 'yes' });
    expect(r).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });
});

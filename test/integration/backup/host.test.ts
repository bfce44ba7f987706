// The writer worker: checkpoints after an import (D-5) and backs up on its schedule after writes (D-8).
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventName } from '../../../src-main/contract/api';
import { walSize } from '../../../src-main/engine/db/walCheck';
import { createEngineHost } from '../../../src-main/host';
import { ROOT } from '../../support/cli';
import { writeCsv } from './support';

let dir: string;
let casePath: string;
let host: ReturnType<typeof createEngineHost>;
const events: { event: EventName; payload: unknown }[] = [];
const MB = 1024 * 1024;

beforeAll(async () => {
  const { buildEngine } = (await import(resolve(ROOT, 'scripts/build-engine.mjs'))) as { buildEngine: (o: { quiet: boolean }) => Promise<void> };
  await buildEngine({ quiet: true });
  dir = mkdtempSync(join(tmpdir(), 'loupe-bkhost-'));
  casePath = join(dir, 'host.loupe');
  // The worker reads LOUPE_BACKUP_MINUTES when it starts: every 0.6 s here.
  process.env['LOUPE_BACKUP_MINUTES'] = '0.01';
  host = createEngineHost(casePath, { workerPath: join(ROOT, 'out/cli/engine-worker.cjs') });
  delete process.env['LOUPE_BACKUP_MINUTES'];
  host.on((event, payload) => events.push({ event, payload }));
  await host.ready;
}, 120_000);
afterAll(async () => {
  await host?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('writer worker', () => {
  it('an import of 50k rows leaves a small WAL (checkpointed after the commit) and no WAL warning', async () => {
    const id = host.stagePath(writeCsv(dir, 50_000));
    const start = await host.call('import/start', { ids: [id] });
    expect(start.ok).toBe(true);
    await expect.poll(() => events.some((e) => e.event === 'import/done'), { timeout: 60_000 }).toBe(true);
    const done = events.find((e) => e.event === 'import/done')!.payload as { summaries: { ok: boolean; error?: string }[] };
    expect(done.summaries).toMatchObject([{ ok: true }]);
    // Unchecked, this import leaves a WAL of tens of MB (the importer defers its checkpoint); the full-text build that
    // starts right after may write a few MB of its own, far less.
    expect(walSize(casePath)).toBeLessThan(8 * MB);
    const info = await host.call('case/info', {});
    expect(info.ok && info.value.sources[0]?.rows).toBe(50_000);
    expect(info.ok && info.value.walWarning).toBeUndefined();
    expect(info.ok && info.value.storage).toBeUndefined();
  }, 90_000);

  it('backs up on its schedule once there were writes, audit-logged, into <case>.backups', async () => {
    const bdir = join(dir, 'host.backups');
    await expect.poll(() => existsSync(bdir) && readdirSync(bdir).some((n) => /^host-\d{8}T\d{6}Z(-\d+)?\.loupe$/.test(n)), { timeout: 30_000 }).toBe(true);
    const audit = await host.call('audit/list', {});
    expect(audit.ok && audit.value.entries.some((e) => e.action === 'case.backup')).toBe(true);
    expect(audit.ok && audit.value.valid).toBe(true);
    expect(readdirSync(bdir).filter((n) => n.endsWith('.loupe')).length).toBeLessThanOrEqual(3);
  }, 60_000);
});

// An import tunes its connection (page cache, sorter, auto-checkpoint) and leaves it exactly as it found it, on success and on failure.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../src-main/engine/engine';
import { SEED_DIR } from '../../support/cli';

const dir = mkdtempSync(join(tmpdir(), 'loupe-pragmas-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const settings = (e: Engine) => ({
  cache: e.db.pragma('cache_size', { simple: true }),
  autoCheckpoint: e.db.pragma('wal_autocheckpoint', { simple: true }),
  tempStore: e.db.pragma('temp_store', { simple: true }),
  threads: e.db.pragma('threads', { simple: true }),
});

describe('import connection settings', () => {
  it('are restored after a good import and after a failed one', async () => {
    const engine = new Engine(join(dir, 'p.loupe'), { create: true });
    const before = settings(engine);
    expect(before.tempStore).toBe(2); // MEMORY for queries
    let sawSorter = false;
    const ok = await engine.importFiles([join(SEED_DIR, 'Azure_KV_Logs.xlsx')], {
      deferFullText: true,
      onProgress: (p) => {
        if (p.phase === 'parsing') {
          const during = settings(engine);
          expect(during.autoCheckpoint).toBe(0);
          expect(during.tempStore).toBe(1); // FILE: the index sorter spills runs instead of one in-memory list
          sawSorter = true;
        }
      },
    });
    expect(ok[0]?.ok).toBe(true);
    expect(sawSorter).toBe(true);
    expect(settings(engine)).toEqual(before);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '[{"a": 1}, {"a": ');
    const failed = await engine.importFiles([bad], { deferFullText: true });
    expect(failed[0]?.ok).toBe(false);
    expect(settings(engine)).toEqual(before);
    engine.close();
  });
});

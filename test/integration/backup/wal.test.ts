// WAL hygiene (SECURITY.md D-5): a checkpoint after an import empties the WAL; a reader starving it raises a warning.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { caseInfo } from '../../../src-main/engine/case/caseFile';
import { checkpointWal, WAL_WARN_BYTES, walSize } from '../../../src-main/engine/db/walCheck';
import { Engine } from '../../../src-main/engine/engine';
import { captureCli, writeCsv } from './support';

const MB = 1024 * 1024;
let dir: string;
let engine: Engine | null = null;
const readers: Database.Database[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'loupe-wal-'));
});
afterEach(() => {
  for (const r of readers.splice(0)) r.close();
  engine?.close();
  engine = null;
  rmSync(dir, { recursive: true, force: true });
});

/** A second connection inside an open read transaction: its snapshot pins the WAL (checkpoint starvation). */
function starvingReader(path: string): Database.Database {
  const r = new Database(path, { readonly: true });
  r.exec('BEGIN');
  r.prepare('SELECT count(*) FROM meta').get();
  readers.push(r);
  return r;
}

describe('checkpoint after an import', () => {
  it('the threshold is 64 MB by default', () => {
    expect(WAL_WARN_BYTES).toBe(64 * MB);
  });

  it('after importing 50k generated rows the -wal is under 1 MB and there is no warning', async () => {
    engine = new Engine(join(dir, 'case.loupe'), { create: true });
    const [s] = await engine.importFiles([writeCsv(dir, 50_000)], { deferFullText: true });
    expect(s?.ok).toBe(true);
    expect(walSize(engine.case.path)).toBeGreaterThan(16 * MB); // the importer defers its checkpoint
    const r = checkpointWal(engine.db, engine.case.path);
    expect(r).toEqual({ walBytes: expect.any(Number), busy: false });
    expect(r.walBytes).toBeLessThan(1 * MB);
    expect((engine.db.prepare('SELECT count(*) AS n FROM src_1').get() as { n: number }).n).toBe(50_000);
  });

  it('a reader holding a read transaction during the import starves the checkpoint: the warning names the size', async () => {
    engine = new Engine(join(dir, 'case.loupe'), { create: true });
    const reader = starvingReader(engine.case.path);
    const [s] = await engine.importFiles([writeCsv(dir, 50_000)], { deferFullText: true });
    expect(s?.ok).toBe(true);
    const started = Date.now();
    const r = checkpointWal(engine.db, engine.case.path, { thresholdBytes: 1 * MB, waitMs: 200 });
    expect(Date.now() - started).toBeLessThan(3000); // waits briefly, not the connection's 5 s busy timeout
    expect(r.busy).toBe(true);
    expect(r.walBytes).toBeGreaterThan(1 * MB);
    expect(r.warning).toContain(`${(r.walBytes / MB).toFixed(1)} MB`);
    expect(r.warning).toMatch(/another reader/);
    expect(engine.db.pragma('busy_timeout', { simple: true })).toBe(5000); // restored
    // Once the reader lets go, the next check empties the WAL and clears the warning.
    reader.exec('COMMIT');
    const after = checkpointWal(engine.db, engine.case.path, { thresholdBytes: 1 * MB });
    expect(after.warning).toBeUndefined();
    expect(after.walBytes).toBe(0);
  });
});

describe('surfacing the warning', () => {

  it('`loupe info` reports a starved WAL over 64 MB in its output and case info, and nothing once it clears', async () => {
    const casePath = join(dir, 'case.loupe');
    new Engine(casePath, { create: true }).close();
    const reader = starvingReader(casePath);
    // 70 MB of writes while the reader pins its snapshot (a raw connection: the case schema is not the point here).
    const w = new Database(casePath);
    w.exec('CREATE TABLE pad (b BLOB)');
    const ins = w.prepare('INSERT INTO pad VALUES (randomblob(1048576))');
    for (let i = 0; i < 70; i++) ins.run();
    w.close();
    const starved = await captureCli(['info', casePath, '--json']);
    expect(starved.code).toBe(0);
    const info = JSON.parse(starved.out) as { walWarning?: string; wal: { bytes: number; busy: boolean } };
    expect(info.wal.busy).toBe(true);
    expect(info.wal.bytes).toBeGreaterThan(WAL_WARN_BYTES);
    expect(info.walWarning).toMatch(/write-ahead log is \d+\.\d MB after a checkpoint \(limit 64\.0 MB\)/);
    expect(starved.err).toContain(info.walWarning);
    const human = await captureCli(['info', casePath]);
    expect(human.out).toMatch(/^wal\t\d+ bytes WARNING: /m);
    reader.exec('COMMIT');
    const clear = await captureCli(['info', casePath, '--json']);
    const ok = JSON.parse(clear.out) as { walWarning?: string; wal: { bytes: number } };
    expect(ok.walWarning).toBeUndefined();
    expect(ok.wal.bytes).toBe(0);
    expect(clear.err).toBe('');
  }, 120_000);

  it('the warning set on the open case appears in case info (what the worker records after an import)', () => {
    engine = new Engine(join(dir, 'case.loupe'), { create: true });
    expect(caseInfo(engine.case).walWarning).toBeUndefined();
    engine.case.walWarning = 'the write-ahead log is 80.0 MB';
    expect(caseInfo(engine.case).walWarning).toBe('the write-ahead log is 80.0 MB');
  });
});

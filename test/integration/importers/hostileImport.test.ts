// Hostile files through the whole import (readers → profiles → case): a clear error naming the file, and the case untouched.
import Database from 'better-sqlite3';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../src-main/engine/engine';
import { loupe, ROOT, SEED_DIR } from '../../support/cli';

interface Entry {
  data: Buffer;
  expect: { rows?: number; error?: string };
  opts?: Record<string, unknown>;
}

let dir: string;
let base: string;
let corpus: Record<string, Entry>;

function snapshot(path: string): { sources: number; events: number; audit: number; check: string } {
  const db = new Database(path, { readonly: true });
  try {
    const n = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    return {
      sources: n('SELECT count(*) AS n FROM sources'),
      events: n('SELECT count(*) AS n FROM events'),
      audit: n('SELECT count(*) AS n FROM audit_log'),
      check: db.pragma('integrity_check', { simple: true }) as string,
    };
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'loupe-hostile-'));
  const mod = (await import(resolve(ROOT, 'scripts/gen-hostile.mjs'))) as { buildCorpus: () => Record<string, Entry> };
  corpus = mod.buildCorpus();
  for (const [name, e] of Object.entries(corpus)) writeFileSync(join(dir, name), e.data);
  base = join(dir, 'base.loupe');
  const e = new Engine(base, { create: true });
  await e.importFiles([join(SEED_DIR, 'Azure_KV_Logs.xlsx')]);
  e.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('hostile files through the engine', () => {
  it('each bad file fails alone with its name and reason, and leaves the case exactly as it was', async () => {
    const casePath = join(dir, 'engine.loupe');
    copyFileSync(base, casePath);
    const bad = Object.entries(corpus).filter(([, e]) => e.expect.error && !e.opts);
    expect(bad.length).toBeGreaterThan(10);
    for (const [name, entry] of bad) {
      const before = snapshot(casePath);
      const e = new Engine(casePath);
      const [s] = await e.importFiles([join(dir, name)]);
      e.close();
      expect(s!.ok, name).toBe(false);
      expect(s!.error, name).toContain(name);
      expect(s!.error!.toLowerCase(), name).toContain(entry.expect.error!.toLowerCase().slice(0, 20));
      expect(snapshot(casePath), name).toEqual(before);
    }
  });

  it('good-but-odd files import with their expected row counts', async () => {
    const casePath = join(dir, 'good.loupe');
    copyFileSync(base, casePath);
    const good = Object.entries(corpus).filter(([, e]) => e.expect.rows !== undefined && !e.opts);
    for (const [name, entry] of good) {
      const e = new Engine(casePath);
      const res = await e.importFiles([join(dir, name)], { allowDuplicate: true });
      e.close();
      for (const s of res) expect(s.ok, `${name}: ${s.error}`).toBe(true);
      // a container imports each entry as its own source
      expect(res.flatMap((s) => s.sources).reduce((n, x) => n + x.rows, 0), name).toBe(entry.expect.rows);
    }
    expect(snapshot(casePath).check).toBe('ok');
  });

  it('the CLI exits 2 with one line naming the file', () => {
    const casePath = join(dir, 'cli.loupe');
    copyFileSync(base, casePath);
    const r = loupe('import', casePath, join(dir, 'truncated.xlsx'));
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('truncated.xlsx');
  });
});

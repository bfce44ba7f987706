// The check on open: a small case is quick_checked whole; a large one has every table but the bulk evidence tables checked, so it opens in moments.
import Database from 'better-sqlite3';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openCaseDb } from '../../../src-main/engine/db/connection';
import { Engine } from '../../../src-main/engine/engine';
import { SEED_DIR } from '../../support/cli';

const dir = mkdtempSync(join(tmpdir(), 'loupe-opencheck-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function caseWithData(name: string): Promise<string> {
  const path = join(dir, name);
  const e = new Engine(path, { create: true });
  await e.importFiles([join(SEED_DIR, 'Azure_KV_Logs.xlsx')]);
  e.db.prepare("INSERT INTO bookmarks (source_id, row, note, created_at, updated_at) VALUES (1, 2, 'n', 'x', 'x')").run();
  e.close();
  return path;
}

/** Overwrites the b-tree page type byte of one page of `table` (0x0D leaf → 0xFF): quick_check reports it. */
function corruptPageOf(path: string, table: string): void {
  const db = new Database(path, { readonly: true });
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const page = (db.prepare("SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno LIMIT 1").get(table) as { pageno: number }).pageno;
  db.close();
  const fd = openSync(path, 'r+');
  writeSync(fd, Buffer.from([0xff]), 0, 1, (page - 1) * pageSize + (page === 1 ? 100 : 0));
  closeSync(fd);
}

describe('consistency check on open', () => {
  it('a large case (threshold lowered) refuses a damaged analyst table, naming it', async () => {
    const path = await caseWithData('bm.loupe');
    corruptPageOf(path, 'bookmarks');
    expect(() => openCaseDb(path, { fullCheckMaxBytes: 0 })).toThrow(/corrupt \(quick_check: bookmarks: /);
    expect(() => openCaseDb(path)).toThrow(/corrupt \(quick_check: /);
  });

  it('a large case opens without reading its evidence tables; the report-time integrity_check still finds damage there', async () => {
    const path = await caseWithData('src.loupe');
    corruptPageOf(path, 'src_1');
    const db = openCaseDb(path, { fullCheckMaxBytes: 0 });
    expect(db.pragma('integrity_check', { simple: true })).not.toBe('ok');
    db.close();
    // a small case is checked whole on open, so the same damage is refused at once
    expect(() => openCaseDb(path)).toThrow(/corrupt \(quick_check: /);
  });
});

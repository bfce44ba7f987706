// CLI and case-info wiring: `loupe backup`, and the storage warning for a case that is not on local disk (D-3, D-8).
import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { caseInfo } from '../../../src-main/engine/case/caseFile';
import { Engine } from '../../../src-main/engine/engine';
import { warnStorage } from '../../../src-main/cli/commands/maintenance';
import { CaseInfo } from '../../../src-main/contract/model';
import { captureCli, writeCsv } from './support';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'loupe-bkcli-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});


describe('loupe backup', () => {
  it('runs one backup now: prints path, size and integrity; --to picks the folder; audit-logged', async () => {
    const casePath = join(dir, 'incident 42.loupe');
    expect((await captureCli(['import', casePath, writeCsv(dir, 200)])).code).toBe(0);
    const human = await captureCli(['backup', casePath]);
    expect(human.code).toBe(0);
    expect(human.err).toBe(''); // /tmp is local: no storage warning
    const m = /^(.+\.loupe)\t(\d+) bytes\tintegrity ok\n$/.exec(human.out);
    expect(m).not.toBeNull();
    expect(m![1]!).toMatch(new RegExp(`^${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/incident 42\\.backups/incident 42-\\d{8}T\\d{6}Z\\.loupe$`));
    expect(existsSync(m![1]!)).toBe(true);
    const json = await captureCli(['backup', casePath, '--to', join(dir, 'elsewhere'), '--json']);
    const r = JSON.parse(json.out) as { path: string; bytes: number; integrity: string };
    expect(r.path.startsWith(join(dir, 'elsewhere') + '/')).toBe(true);
    expect(r.integrity).toBe('ok');
    const copy = new Database(r.path, { readonly: true });
    expect((copy.prepare('SELECT count(*) AS n FROM src_1').get() as { n: number }).n).toBe(200);
    copy.close();
    const audit = JSON.parse((await captureCli(['audit', casePath, '--json'])).out) as { entries: { action: string }[] };
    expect(audit.entries.filter((e) => e.action === 'case.backup')).toHaveLength(2);
  });

  it('is in the usage text', async () => {
    const r = await captureCli(['--help']);
    expect(r.out).toMatch(/^ {2}backup CASE \[--to DIR\]/m);
    expect(r.out).toMatch(/^ {2}info CASE/m);
  });
});

describe('storage classification on open', () => {
  it('a local case has no storage field and no warning', () => {
    const e = new Engine(join(dir, 'a.loupe'), { create: true });
    try {
      expect(e.case.storage.kind).toBe('local');
      expect(caseInfo(e.case).storage).toBeUndefined();
    } finally {
      e.close();
    }
  });

  it('a case opened by a share-style path carries storage in its info and warns with one stderr line', () => {
    // `//tmp/...` is the same folder to Linux, but has the `//server/share` form the classifier must flag.
    const sharePath = `/${dir}/b.loupe`;
    const e = new Engine(sharePath, { create: true });
    let err = '';
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((c: string | Uint8Array) => ((err += String(c)), true));
    try {
      const info = caseInfo(e.case);
      expect(info.storage).toEqual({ kind: 'network', reason: expect.stringContaining('UNC path') });
      expect(CaseInfo.parse(info)).toEqual(info); // the contract accepts it as sent to the renderer
      warnStorage(e);
    } finally {
      spy.mockRestore();
      e.close();
    }
    expect(err.split('\n')).toHaveLength(2);
    expect(err).toMatch(/^loupe: warning: case on a network share \(network share \\\\tmp\\.*\): .*b\.loupe: SQLite WAL needs local disk/);
  });
});

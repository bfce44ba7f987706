// Online backups (SECURITY.md D-8): consistent under concurrent writes, checked, pruned to N, failures keep older copies.
import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupCase, backupStamp, defaultBackupDir, listBackups } from '../../../src-main/engine/case/backup';
import { verifyAuditChain } from '../../../src-main/engine/case/audit';
import { integrityOf } from '../../../src-main/engine/case/saveAs';
import type { Engine } from '../../../src-main/engine/engine';
import type { ReadableDB } from '../../../src-main/engine/db/types';
import { backupMinutesFromEnv, DEFAULT_BACKUP_MINUTES, scheduleBackups } from '../../../src-main/host/backupSchedule';
import { caseWithRows } from './support';

let dir: string;
let engine: Engine | null = null;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'loupe-backup-'));
});
afterEach(() => {
  engine?.close();
  engine = null;
  rmSync(dir, { recursive: true, force: true });
});

const INSERT = "INSERT INTO bookmarks (source_id, row, note, created_at, updated_at) VALUES (1, ?, ?, '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z')";

/** The backup's bookmarks must be ids 1..k in order, each with the note written for it: a prefix of the writes. */
function expectConsistentPrefix(path: string, written: number): number {
  const copy = new Database(path, { readonly: true });
  try {
    const rows = copy.prepare('SELECT id, row, note FROM bookmarks ORDER BY id').all() as { id: number; row: number; note: string }[];
    rows.forEach((r, i) => expect(r).toEqual({ id: i + 1, row: i + 1, note: `note ${i + 1}` }));
    expect(rows.length).toBeLessThanOrEqual(written);
    return rows.length;
  } finally {
    copy.close();
  }
}

const tick = () => new Promise<void>((r) => setImmediate(r));

describe('backupCase during concurrent writes', () => {
  it('a second connection inserting bookmarks meanwhile: the backup passes integrity_check and holds a prefix of them', async () => {
    engine = await caseWithRows(dir, 20_000);
    const other = new Database(engine.case.path);
    other.pragma('busy_timeout = 5000');
    const insert = other.prepare(INSERT);
    let written = 0;
    let stop = false;
    const writer = (async () => {
      // Finite, so SQLite's restart-on-foreign-write lets the backup finish once the writer pauses.
      while (!stop && written < 400) {
        written++;
        insert.run(written, `note ${written}`);
        await tick();
      }
    })();
    const atStart = written;
    const r = await backupCase(engine.db, join(dir, 'bk'), { pagesPerStep: 16 });
    const duringBackup = written - atStart;
    stop = true;
    await writer;
    other.close();
    expect(written).toBeGreaterThan(0);
    expect(r.integrity).toBe('ok');
    expect(integrityOf(r.path)).toBe('ok');
    const k = expectConsistentPrefix(r.path, written);
    expect(duringBackup).toBeGreaterThan(10); // the writes really overlapped the backup
    expect(k).toBeGreaterThanOrEqual(atStart);
    const copy = new Database(r.path, { readonly: true });
    expect((copy.prepare('SELECT count(*) AS n FROM src_1').get() as { n: number }).n).toBe(20_000);
    copy.close();
  });

  it('the writer connection itself writing between backup steps: those writes land in the copy, in order', async () => {
    engine = await caseWithRows(dir, 20_000);
    const insert = engine.db.prepare(INSERT);
    let written = 0;
    let done = false;
    const writer = (async () => {
      while (!done) {
        written++;
        insert.run(written, `note ${written}`);
        await tick();
      }
    })();
    const r = await backupCase(engine.db, join(dir, 'bk'), { pagesPerStep: 4 });
    const atEnd = written;
    done = true;
    await writer;
    expect(r.integrity).toBe('ok');
    const k = expectConsistentPrefix(r.path, written);
    expect(k).toBe(atEnd); // every write made before the last step is in the copy
    expect(k).toBeGreaterThan(1); // the copy took many steps and carried writes made during it
    const copy = new Database(r.path, { readonly: true }) as ReadableDB;
    expect(verifyAuditChain(copy).valid).toBe(true);
    copy.close();
  });

  it('refuses to run inside an open transaction (an import)', async () => {
    engine = await caseWithRows(dir, 10);
    engine.db.exec('BEGIN IMMEDIATE');
    await expect(backupCase(engine.db, join(dir, 'bk'))).rejects.toThrow(/transaction/);
    engine.db.exec('ROLLBACK');
  });
});

describe('naming, pruning and failures', () => {
  const clock = (start: number) => {
    let t = start;
    return () => new Date((t += 60_000));
  };

  it('names backups <case base>-<UTC stamp>.loupe in <case base>.backups and keeps the newest 3', async () => {
    engine = await caseWithRows(dir, 50);
    const bdir = defaultBackupDir(engine.case.path);
    expect(bdir).toBe(join(dir, 'case.backups'));
    const now = clock(Date.UTC(2024, 0, 2, 3, 4, 5));
    const made: string[] = [];
    for (let i = 0; i < 5; i++) made.push((await backupCase(engine.db, bdir, { now })).path);
    expect(basename(made[0]!)).toBe('case-20240102T030505Z.loupe');
    expect(listBackups(bdir, 'case')).toEqual(made.slice(2).reverse());
    expect(readdirSync(bdir).sort()).toEqual(made.slice(2).map((p) => basename(p)).sort());
    const audit = engine.db.prepare("SELECT params_json FROM audit_log WHERE action = 'case.backup' ORDER BY seq").all() as { params_json: string }[];
    expect(audit).toHaveLength(5);
    expect(JSON.parse(audit[4]!.params_json)).toMatchObject({ file: basename(made[4]!), integrity: 'ok', pruned: [basename(made[1]!)] });
    expect(verifyAuditChain(engine.db).valid).toBe(true);
  });

  it('two backups in the same second get distinct names and still sort newest first', async () => {
    engine = await caseWithRows(dir, 5);
    const now = () => new Date(Date.UTC(2024, 5, 1, 0, 0, 0));
    const a = await backupCase(engine.db, join(dir, 'bk'), { now, keep: 5 });
    const b = await backupCase(engine.db, join(dir, 'bk'), { now, keep: 5 });
    expect(basename(b.path)).toBe('case-20240601T000000Z-2.loupe');
    expect(listBackups(join(dir, 'bk'), 'case')).toEqual([b.path, a.path]);
  });

  it('a copy that fails its integrity check prunes nothing and is kept aside as <base>-failed.loupe', async () => {
    engine = await caseWithRows(dir, 50);
    const bdir = join(dir, 'bk');
    const now = clock(Date.UTC(2024, 0, 1));
    for (let i = 0; i < 3; i++) await backupCase(engine.db, bdir, { now });
    const before = listBackups(bdir, 'case');
    const r = await backupCase(engine.db, bdir, { now, check: () => 'row 7 missing from index sqlite_autoindex_x' });
    expect(r.integrity).toMatch(/missing from index/);
    expect(r.pruned).toEqual([]);
    expect(basename(r.path)).toBe('case-failed.loupe');
    expect(listBackups(bdir, 'case')).toEqual(before);
    for (const p of before) expect(existsSync(p)).toBe(true);
    const last = engine.db.prepare("SELECT params_json FROM audit_log WHERE action = 'case.backup' ORDER BY seq DESC LIMIT 1").get() as { params_json: string };
    expect(JSON.parse(last.params_json).integrity).toMatch(/missing from index/);
    // The next good one prunes back to 3 and leaves no partial files behind.
    await backupCase(engine.db, bdir, { now });
    expect(listBackups(bdir, 'case')).toHaveLength(3);
    expect(readdirSync(bdir).filter((n) => n.includes('.partial'))).toEqual([]);
  });

  it('stamps are UTC yyyymmddThhmmssZ', () => {
    expect(backupStamp(new Date(Date.UTC(2031, 11, 31, 23, 59, 58, 999)))).toBe('20311231T235958Z');
  });
});

describe('the host scheduler', () => {
  it('backs up only after writes, not for its own audit entry, and never while busy', async () => {
    engine = await caseWithRows(dir, 20);
    let busy = false;
    const bdir = join(dir, 'sched');
    const s = scheduleBackups({ db: engine.db, casePath: engine.case.path, intervalMs: 0, busy: () => busy, destDir: bdir });
    expect(await s.tick()).toBeNull(); // nothing written since the scheduler started
    engine.db.prepare(INSERT).run(1, 'note 1');
    busy = true;
    expect(await s.tick()).toBeNull();
    busy = false;
    const first = await s.tick();
    expect(first?.integrity).toBe('ok');
    expect(await s.tick()).toBeNull(); // the backup's audit entry is not a new write
    engine.db.prepare(INSERT).run(2, 'note 2');
    const running = s.tick();
    expect(s.tick()).toBe(running); // one at a time
    await s.settled();
    expect((await running)?.integrity).toBe('ok');
    expect(expectConsistentPrefix((await running)!.path, 2)).toBe(2);
    s.stop();
  });

  it('runs on its interval', async () => {
    engine = await caseWithRows(dir, 20);
    const done: string[] = [];
    const s = scheduleBackups({ db: engine.db, casePath: engine.case.path, intervalMs: 30, busy: () => false, destDir: join(dir, 'iv'), onBackup: (r) => done.push(r.path) });
    engine.db.prepare(INSERT).run(1, 'note 1');
    for (let i = 0; i < 100 && done.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    s.stop();
    await s.settled();
    expect(done).toHaveLength(1);
  });

  it('LOUPE_BACKUP_MINUTES: default 15, 0 disables, junk means default', () => {
    expect(backupMinutesFromEnv({})).toBe(DEFAULT_BACKUP_MINUTES);
    expect(backupMinutesFromEnv({ LOUPE_BACKUP_MINUTES: '0' })).toBe(0);
    expect(backupMinutesFromEnv({ LOUPE_BACKUP_MINUTES: '2.5' })).toBe(2.5);
    expect(backupMinutesFromEnv({ LOUPE_BACKUP_MINUTES: '-3' })).toBe(DEFAULT_BACKUP_MINUTES);
    expect(backupMinutesFromEnv({ LOUPE_BACKUP_MINUTES: '1e9; rm -rf' })).toBe(DEFAULT_BACKUP_MINUTES);
  });
});

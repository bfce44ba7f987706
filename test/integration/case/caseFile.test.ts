// The case file: identity checks, migrations, defensive pragmas, immutable evidence, hash-chained audit log.
import Database from 'better-sqlite3';
import { copyFileSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPLICATION_ID, openCaseDb } from '../../../src-main/engine/db/connection';
import { LATEST_VERSION } from '../../../src-main/engine/db/migrations';
import { verifyAuditChain } from '../../../src-main/engine/case/audit';
import { Engine } from '../../../src-main/engine/engine';
import { renderReport } from '../../../src-main/engine/reporting';
import { SEED_DIR } from '../../support/cli';

let dir: string;
let casePath: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'loupe-case-'));
  casePath = join(dir, 'seed.loupe');
  const e = new Engine(casePath, { create: true });
  const res = await e.importFiles([join(SEED_DIR, 'Azure_KV_Logs.xlsx')]);
  expect(res[0]!.ok).toBe(true);
  e.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('opening case files', () => {
  it('sets application_id, user_version and the defensive pragmas', () => {
    const db = openCaseDb(casePath);
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('trusted_schema', { simple: true })).toBe(0);
    db.close();
  });

  it('refuses a file that is not SQLite', () => {
    const p = join(dir, 'random.loupe');
    writeFileSync(p, Buffer.from('this is not a database at all, just text'.repeat(10)));
    expect(() => openCaseDb(p)).toThrow(/not a Loupe case \(not an SQLite database\)/);
  });

  it('refuses an SQLite database that is not a Loupe case', () => {
    const p = join(dir, 'other.sqlite');
    const db = new Database(p);
    db.exec('CREATE TABLE t (x)');
    db.close();
    expect(() => openCaseDb(p)).toThrow(/not a Loupe case \(application_id 0\)/);
  });

  it('refuses a case written by a newer Loupe, without touching it', () => {
    const p = join(dir, 'future.loupe');
    copyFileSync(casePath, p);
    const db = new Database(p);
    db.pragma(`user_version = ${LATEST_VERSION + 10}`);
    db.close();
    const before = readFileSync(p);
    expect(() => openCaseDb(p)).toThrow(/newer Loupe/);
    expect(readFileSync(p).equals(before)).toBe(true);
  });

  it('refuses a corrupt case with a clear message', () => {
    const p = join(dir, 'corrupt.loupe');
    copyFileSync(casePath, p);
    const fd = openSync(p, 'r+');
    const junk = Buffer.alloc(4096, 0xa5);
    writeSync(fd, junk, 0, junk.length, 4096 * 3); // an interior page
    closeSync(fd);
    expect(() => openCaseDb(p)).toThrow(/corrupt|malformed|not a database/i);
  });
});

describe('evidence is immutable', () => {
  it('rejects UPDATE and DELETE on evidence rows and events', () => {
    const db = openCaseDb(casePath);
    expect(() => db.prepare('UPDATE src_1 SET c1 = ? WHERE _row = 2').run('x')).toThrow(/immutable/);
    expect(() => db.prepare('DELETE FROM src_1 WHERE _row = 2').run()).toThrow(/whole source/);
    expect(() => db.prepare('UPDATE events SET ip = ? WHERE id = 1').run('1.2.3.4')).toThrow(/immutable/);
    expect(() => db.prepare('DELETE FROM events WHERE id = 1').run()).toThrow(/whole source/);
    db.close();
  });
});

describe('the audit log', () => {
  it('is append-only and hash-chained; a raw edit is detected at its entry', async () => {
    const p = join(dir, 'audit.loupe');
    copyFileSync(casePath, p);
    const e = new Engine(p);
    e.handlers['bookmarks/add']({ sourceId: 1, row: 2, note: 'first', tags: [], techniques: ['T1530'], severity: 'high' });
    e.handlers['filters/save']({ name: 'cli', description: '', query: "@app_id = '04b07795-8ddb-461a-bbee-02f9e1bf7b46'", sourceName: null });
    const ok = verifyAuditChain(e.db);
    expect(ok.valid).toBe(true);
    expect(ok.entries).toBeGreaterThanOrEqual(4);
    expect(() => e.db.prepare("UPDATE audit_log SET target = 'x' WHERE seq = 2").run()).toThrow(/append-only/);
    expect(() => e.db.prepare('DELETE FROM audit_log WHERE seq = 2').run()).toThrow(/append-only/);
    e.close();
    // Tamper the way an attacker with a raw SQLite tool would: drop the trigger, edit a row.
    const raw = new Database(p);
    raw.exec('DROP TRIGGER audit_no_update');
    raw.prepare("UPDATE audit_log SET params_json = '{}' WHERE seq = 2").run();
    raw.close();
    const again = new Engine(p);
    const broken = verifyAuditChain(again.db);
    expect(broken.valid).toBe(false);
    expect(broken.brokenAt).toBe(2);
    again.close();
  });
});

describe('report export', () => {
  it('checks the case first and records the check in its audit entry', async () => {
    const p = join(dir, 'report.loupe');
    copyFileSync(casePath, p);
    const e = new Engine(p);
    const buf = await renderReport(e.db, e.case, 'md', { defang: true, draft: false });
    expect(buf.toString('utf8')).toMatch(/Azure\\?_KV\\?_Logs\.xlsx/);
    const last = e.db.prepare('SELECT action, params_json FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { action: string; params_json: string };
    expect(last.action).toBe('report.export');
    expect(JSON.parse(last.params_json)).toMatchObject({ integrity: 'ok' });
    e.close();
  });
});

describe('imports', () => {
  it('does not import the same file twice', async () => {
    const e = new Engine(casePath);
    const [s] = await e.importFiles([join(SEED_DIR, 'Azure_KV_Logs.xlsx')]);
    expect(s!.duplicateOf).toBe(1);
    expect(s!.sources).toHaveLength(0);
    e.close();
  });

  it('fails cleanly when the disk is full, keeping what was there', async () => {
    const p = join(dir, 'full.loupe');
    copyFileSync(casePath, p);
    const e = new Engine(p);
    const pages = e.db.pragma('page_count', { simple: true }) as number;
    e.db.pragma(`max_page_count = ${pages + 5}`);
    const [s] = await e.importFiles([join(SEED_DIR, 'Sign_In_Logs.xlsx')]);
    expect(s!.ok).toBe(false);
    expect(s!.error).toMatch(/full/);
    expect(e.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect((e.db.prepare('SELECT count(*) AS n FROM sources').get() as { n: number }).n).toBe(1);
    expect((e.db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n).toBe(402);
    e.close();
  });
});

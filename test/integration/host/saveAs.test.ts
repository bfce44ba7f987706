// "Save as": an online backup taken while the case is being written is consistent and equals the source.
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../src-main/engine/engine';
import { integrityOf, saveCaseCopy } from '../../../src-main/engine/case/saveAs';
import { createEngineHost } from '../../../src-main/host';
import { createCaseSession } from '../../../src-main/host/cases';
import { lockPathFor } from '../../../src-main/host/lock';
import { ROOT } from '../../support/cli';

const WORKER = join(ROOT, 'out/cli/engine-worker.cjs');
let dir: string;

beforeAll(async () => {
  const { buildEngine } = (await import(resolve(ROOT, 'scripts/build-engine.mjs'))) as { buildEngine: (o: { quiet: boolean }) => Promise<void> };
  await buildEngine({ quiet: true });
  dir = mkdtempSync(join(tmpdir(), 'loupe-saveas-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function dump(path: string, table: string): unknown[] {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare(`SELECT * FROM ${table} ORDER BY 1`).all();
  } finally {
    db.close();
  }
}

describe('saveCaseCopy (engine)', () => {
  it('a backup taken during concurrent writes passes integrity_check and equals the source', async () => {
    const src = join(dir, 'busy.loupe');
    const engine = new Engine(src, { create: true });
    const put = engine.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
    engine.db.transaction(() => {
      for (let i = 0; i < 3000; i++) put.run(`fill.${i}`, 'x'.repeat(900) + i);
    })();
    let writes = 0;
    let stop = false;
    const writer = (): void => {
      if (stop) return;
      put.run(`live.${writes}`, `w${writes}`);
      put.run(`fill.${(writes * 37) % 3000}`, `rewritten by write ${writes}`);
      writes++;
      setImmediate(writer);
    };
    setImmediate(writer);
    const dest = join(dir, 'busy-copy.loupe');
    const result = await saveCaseCopy(engine.db, src, dest, { pagesPerStep: 8 });
    stop = true;
    expect(writes).toBeGreaterThan(20); // the writer really ran while pages were being copied
    expect(result).toMatchObject({ fileName: 'busy-copy.loupe', integrity: 'ok' });
    expect(integrityOf(dest)).toBe('ok');
    // Everything written before the copy finished is in it: the tables are identical (the audit log differs
    // by exactly the save-as entry, which is appended to the source afterwards).
    expect(dump(dest, 'meta')).toEqual(dump(src, 'meta'));
    const srcAudit = dump(src, 'audit_log') as { action: string }[];
    expect(srcAudit.at(-1)?.action).toBe('case.saveAs');
    expect(dump(dest, 'audit_log')).toEqual(srcAudit.slice(0, -1));
    expect(readdirSync(dir).filter((f) => f.includes('.partial'))).toEqual([]);
    engine.close();
  });

  it('refuses to copy a case onto itself', async () => {
    const src = join(dir, 'self.loupe');
    const engine = new Engine(src, { create: true });
    await expect(saveCaseCopy(engine.db, src, src)).rejects.toThrow(/different file/);
    engine.close();
  });
});

describe('save as and locks through the engine host', () => {
  it('browser mode writes <name>-copy-<timestamp>.loupe next to the case and audit-logs it', async () => {
    const casePath = join(dir, 'hosted.loupe');
    const host = createEngineHost(casePath, { workerPath: WORKER });
    await host.ready;
    expect(host.lockedBy).toBeNull();
    expect(existsSync(lockPathFor(casePath))).toBe(true);
    const r = await host.call('case/saveAs', {});
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.saved).toBe(true);
    expect(r.value.fileName).toMatch(/^hosted-copy-\d{8}T\d{6}Z\.loupe$/);
    expect(integrityOf(r.value.path!)).toBe('ok');
    const audit = await host.call('audit/list', {});
    expect(audit.ok && audit.value.entries.some((e) => e.action === 'case.saveAs' && e.target === `file:${r.value.fileName}`)).toBe(true);
    await host.close();
    expect(existsSync(lockPathFor(casePath))).toBe(false);
  });

  it('a case locked by another live process opens read-only: reads work, writes are refused clearly', async () => {
    const casePath = join(dir, 'locked.loupe');
    new Engine(casePath, { create: true }).close();
    const script = `require('fs').writeFileSync(${JSON.stringify(lockPathFor(casePath))}, JSON.stringify({ pid: process.pid, hostname: require('os').hostname(), startedAt: '2024-05-06T07:08:09.000Z' })); console.log('held'); setInterval(() => {}, 1000);`;
    const child: ChildProcess = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      await new Promise<void>((res) => child.stdout!.once('data', () => res()));
      const host = createEngineHost(casePath, { workerPath: WORKER });
      await host.ready;
      expect(host.lockedBy).toBe(`locked by pid ${child.pid} on ${hostname()} since 2024-05-06T07:08:09.000Z`);
      const info = await host.call('case/info', {});
      expect(info.ok && info.value.readOnly).toBe(true);
      const write = await host.call('case/update', { name: 'changed' });
      expect(write).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(!write.ok && write.error.message).toMatch(new RegExp(`^case is open read-only \\(locked by pid ${child.pid} on `));
      // Save as still works from a read-only case; the copy records where it came from.
      const copy = await host.call('case/saveAs', {});
      expect(copy.ok).toBe(true);
      if (copy.ok) expect((dump(copy.value.path!, 'audit_log') as { action: string }[]).at(-1)?.action).toBe('case.copiedFrom');
      await host.close();
      // The other process's lock is left alone.
      expect(existsSync(lockPathFor(casePath))).toBe(true);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('the browser-mode case session creates, lists, switches and closes cases by opaque id', async () => {
    const home = join(dir, 'home');
    const first = join(dir, 'first.loupe');
    new Engine(first, { create: true }).close();
    const session = createCaseSession({ workerPath: WORKER, home, ensureSample: () => Promise.resolve(first) });
    const changes: string[] = [];
    session.on((event, payload) => {
      if (event === 'case/changed') changes.push((payload as { reason: string }).reason);
    });
    expect(await session.openPath(first)).toEqual({ ok: true, readOnly: false, lockedBy: null });
    const created = await session.call('cases/create', { name: 'Second case' });
    expect(created).toEqual({ ok: true, value: { ok: true, readOnly: false, lockedBy: null } });
    const info = await session.call('case/info', {});
    expect(info.ok && info.value.name).toBe('Second case');
    expect(existsSync(lockPathFor(first))).toBe(false); // the previous case was closed and unlocked
    const recent = await session.call('cases/recent', {});
    if (!recent.ok) throw new Error(recent.error.message);
    expect(recent.value.cases.map((c) => c.name)).toEqual(['Second case', 'first']);
    expect(recent.value.cases[0]?.path.startsWith(join(home, 'cases'))).toBe(true);
    expect(recent.value.current).toEqual({ name: 'Second case', readOnly: false, lockedBy: null });
    const back = await session.call('cases/open', { id: recent.value.cases[1]!.id });
    expect(back.ok).toBe(true);
    expect((await session.call('case/info', {})).ok && session.current?.casePath).toBe(first);
    expect(await session.call('cases/open', { id: 'f'.repeat(32) })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await session.call('cases/open', { id: '../etc/passwd' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await session.call('cases/close', {})).toEqual({ ok: true, value: { closed: true } });
    expect(await session.call('case/info', {})).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect((await session.call('cases/recent', {})).ok).toBe(true);
    expect(changes).toEqual(['case opened', 'case opened', 'case opened', 'case closed']);
    await session.close();
  });
});

// Case locks: a live holder (another process) forces read-only, a dead one on this host is taken over.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { acquireLock, describeHolder, isStale, lockPathFor, parseLock, processAlive, readOnlyMessage, WRITE_CALLS } from '../../../src-main/host/lock';
import { API_NAMES } from '../../../src-main/contract/api';

let dir: string;
let casePath: string;
const children: ChildProcess[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'loupe-lock-'));
  casePath = join(dir, 'case.loupe');
});
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

/** A separate Node process that writes the lock record for itself and then stays alive. */
async function childHoldingLock(path: string): Promise<ChildProcess> {
  const script = `require('fs').writeFileSync(${JSON.stringify(path)}, JSON.stringify({ pid: process.pid, hostname: require('os').hostname(), startedAt: new Date().toISOString() })); console.log('held'); setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  await new Promise<void>((res, rej) => {
    child.stdout!.once('data', () => res());
    child.once('exit', (code) => rej(new Error(`child exited ${code}`)));
  });
  return child;
}

async function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((res) => child.once('exit', () => res()));
}

describe('case lock', () => {
  it('takes a free lock, records this process and removes the file on release', () => {
    const r = acquireLock(casePath);
    expect(r.acquired).toBe(true);
    if (!r.acquired) return;
    const onDisk = parseLock(readFileSync(lockPathFor(casePath), 'utf8'));
    expect(onDisk).toEqual({ pid: process.pid, hostname: hostname(), startedAt: r.lock.info.startedAt });
    r.lock.release();
    expect(existsSync(lockPathFor(casePath))).toBe(false);
    r.lock.release(); // idempotent
  });

  it('a second open in the same process does not get the lock while the first holds it', () => {
    const first = acquireLock(casePath);
    const second = acquireLock(casePath);
    expect(first.acquired).toBe(true);
    expect(second).toMatchObject({ acquired: false, holder: { pid: process.pid } });
    if (first.acquired) first.lock.release();
    expect(acquireLock(casePath).acquired).toBe(true);
  });

  it('a lock held by a live child process means read-only, with who and since when', async () => {
    const child = await childHoldingLock(lockPathFor(casePath));
    const r = acquireLock(casePath);
    expect(r.acquired).toBe(false);
    if (r.acquired) return;
    expect(r.holder.pid).toBe(child.pid);
    expect(r.holder.hostname).toBe(hostname());
    expect(readOnlyMessage(describeHolder(r.holder))).toMatch(new RegExp(`^case is open read-only \\(locked by pid ${child.pid} on .+ since \\d{4}-`));
    // The live holder's file is untouched.
    expect(parseLock(readFileSync(lockPathFor(casePath), 'utf8'))?.pid).toBe(child.pid);
  });

  it('takes over a stale lock once its process has died', async () => {
    const child = await childHoldingLock(lockPathFor(casePath));
    child.kill('SIGKILL');
    await exited(child);
    expect(processAlive(child.pid!)).toBe(false);
    const r = acquireLock(casePath);
    expect(r.acquired).toBe(true);
    expect(parseLock(readFileSync(lockPathFor(casePath), 'utf8'))?.pid).toBe(process.pid);
    if (r.acquired) r.lock.release();
  });

  it('a lock from another machine is never judged stale (its pid cannot be checked here)', () => {
    writeFileSync(lockPathFor(casePath), JSON.stringify({ pid: 999_999_999, hostname: `not-${hostname()}`, startedAt: '2024-01-01T00:00:00Z' }));
    expect(acquireLock(casePath)).toMatchObject({ acquired: false, holder: { hostname: `not-${hostname()}` } });
  });

  it('a damaged lock file is taken over', () => {
    writeFileSync(lockPathFor(casePath), '{"pid": "1; rm -rf /"');
    const r = acquireLock(casePath);
    expect(r.acquired).toBe(true);
    if (r.acquired) r.lock.release();
  });

  it('release leaves a lock that someone else took over in place', () => {
    const r = acquireLock(casePath);
    if (!r.acquired) throw new Error('expected the lock');
    const theirs = JSON.stringify({ pid: 12345, hostname: 'other', startedAt: 'x' });
    writeFileSync(lockPathFor(casePath), theirs);
    r.lock.release();
    expect(readFileSync(lockPathFor(casePath), 'utf8')).toBe(theirs);
  });

  it('parseLock never throws and only accepts a whole record (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), fc.record({ pid: fc.anything(), hostname: fc.anything(), startedAt: fc.anything() }).map((o) => JSON.stringify(o) ?? '')), (text) => {
        const r = parseLock(text);
        if (r !== null) {
          expect(Number.isInteger(r.pid) && r.pid > 0).toBe(true);
          expect(typeof r.hostname).toBe('string');
        }
        // With every process alive, only an unreadable record is stale; with none alive, a record from this host is too.
        expect(isStale(r, () => true)).toBe(r === null);
        expect(isStale(r, () => false)).toBe(r === null || r.hostname === hostname());
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('every write-call name is a real contract call', () => {
    for (const n of WRITE_CALLS) expect(API_NAMES).toContain(n);
  });
});

// Case locks: `<case>.loupe.lock` names the process that has the case open read-write; others open it read-only.
import { linkSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';

export interface LockInfo {
  pid: number;
  hostname: string;
  startedAt: string;
}

export type LockResult = { acquired: true; lock: CaseLock } | { acquired: false; holder: LockInfo };

export interface CaseLock {
  readonly path: string;
  readonly info: LockInfo;
  /** Removes the lock file if it is still ours (a taker-over's lock is left alone). Idempotent. */
  release(): void;
}

export function lockPathFor(casePath: string): string {
  return `${casePath}.lock`;
}

/** Parses a lock file's text; anything that is not exactly a lock record is null (treated as stale). */
export function parseLock(text: string): LockInfo | null {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof v !== 'object' || v === null) return null;
  const o = v as Record<string, unknown>;
  if (typeof o['pid'] !== 'number' || !Number.isInteger(o['pid']) || o['pid'] <= 0) return null;
  if (typeof o['hostname'] !== 'string' || typeof o['startedAt'] !== 'string') return null;
  return { pid: o['pid'], hostname: o['hostname'].slice(0, 255), startedAt: o['startedAt'].slice(0, 64) };
}

/** True when the process exists (EPERM: it exists but belongs to someone else). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A lock is stale when it is unreadable, or names a dead process on this machine. Other hosts cannot be checked. */
export function isStale(holder: LockInfo | null, isAlive: (pid: number) => boolean = processAlive): boolean {
  if (holder === null) return true;
  if (holder.hostname !== hostname()) return false;
  return !isAlive(holder.pid);
}

/** One line for the read-only banner and for refused writes. */
export function describeHolder(h: LockInfo): string {
  return `locked by pid ${h.pid} on ${h.hostname} since ${h.startedAt}`;
}

const held = new Set<CaseLock>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const l of [...held]) l.release();
  });
}

function readText(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/**
 * Takes the case's lock, or reports who holds it. The record is written to a temp file first and then
 * hard-linked into place, so the lock appears atomically and complete (link fails if it already exists).
 */
export function acquireLock(casePath: string, isAlive: (pid: number) => boolean = processAlive): LockResult {
  const path = lockPathFor(casePath);
  const info: LockInfo = { pid: process.pid, hostname: hostname(), startedAt: new Date().toISOString() };
  const text = JSON.stringify(info);
  const tmp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(tmp, text, { mode: 0o644 });
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        linkSync(tmp, path);
        return { acquired: true, lock: track(path, info, text) };
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      const existing = readText(path);
      if (existing === null) continue; // released meanwhile: try again
      const holder = parseLock(existing);
      if (!isStale(holder, isAlive)) return { acquired: false, holder: holder! };
      // Stale: replace it only if it is still the same stale record we judged (narrows the race with another taker).
      if (readText(path) !== existing) continue;
      writeFileSync(tmp, text);
      renameSync(tmp, path);
      return { acquired: true, lock: track(path, info, text) };
    }
    const last = parseLock(readText(path) ?? '');
    if (last) return { acquired: false, holder: last };
    throw new Error(`cannot take the lock ${path}`);
  } finally {
    try {
      unlinkSync(tmp);
    } catch {
      /* renamed into place */
    }
  }
}

function track(path: string, info: LockInfo, text: string): CaseLock {
  installExitHook();
  const lock: CaseLock = {
    path,
    info,
    release() {
      if (!held.delete(lock)) return;
      try {
        if (readFileSync(path, 'utf8') === text) unlinkSync(path);
      } catch {
        /* already gone */
      }
    },
  };
  held.add(lock);
  return lock;
}

/** Calls that write to the case (directly or through the audit log): refused while the case is open read-only. */
export const WRITE_CALLS: ReadonlySet<string> = new Set([
  'import/pick',
  'import/start',
  'bookmarks/add',
  'bookmarks/update',
  'bookmarks/remove',
  'bookmarks/bulk',
  'filters/save',
  'filters/remove',
  'filters/importLibrary',
  'findings/save',
  'findings/remove',
  'case/update',
  'layout/save',
  'sources/verify',
  'sources/remap',
  'sources/remove',
  'export/rows',
  'report/export',
]);

export function readOnlyMessage(lockedBy: string): string {
  return `case is open read-only (${lockedBy}); use "Save as" to work on a copy`;
}

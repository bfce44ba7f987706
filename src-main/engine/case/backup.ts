// Online backups of an open case (SECURITY.md D-8): SQLite backup API, integrity_check of the copy, keep the newest N.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { LoupeError } from '../../contract/errors';
import type { WritableDB } from '../db/types';
import { appendAudit } from './audit';
import { integrityOf } from './saveAs';

export const DEFAULT_BACKUP_KEEP = 3;

export interface BackupOptions {
  /** How many checked backups to keep in destDir (default 3); older ones go only after the new one checked ok. */
  keep?: number;
  /** Pages copied per backup step; between steps the event loop runs and the connection stays usable. Default 256. */
  pagesPerStep?: number;
  /** The clock for the file name (tests). */
  now?: () => Date;
  /** integrity_check of the finished copy; replaceable in tests to simulate a damaged copy. */
  check?: (path: string) => string;
  /** Append a `case.backup` audit entry to the case (default true). */
  audit?: boolean;
}

export interface BackupResult {
  path: string;
  bytes: number;
  integrity: 'ok' | string;
  /** Older backups removed after this one checked ok. */
  pruned: string[];
}

/** `<folder>/<case base>.backups` next to the case file. */
export function defaultBackupDir(casePath: string): string {
  const abs = resolve(casePath);
  return join(dirname(abs), `${caseBase(abs)}.backups`);
}

function caseBase(casePath: string): string {
  return basename(casePath).replace(/\.loupe$/i, '');
}

/** UTC `yyyymmddThhmmssZ`. */
export function backupStamp(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Backups of this case in dir, newest first (the stamp sorts as text; a `-N` suffix breaks same-second ties). */
export function listBackups(dir: string, base: string): string[] {
  if (!existsSync(dir)) return [];
  const pattern = new RegExp(`^${escapeRegExp(base)}-(\\d{8}T\\d{6}Z)(?:-(\\d+))?\\.loupe$`);
  const found: { name: string; stamp: string; n: number }[] = [];
  for (const name of readdirSync(dir)) {
    const m = pattern.exec(name);
    if (m) found.push({ name, stamp: m[1]!, n: Number(m[2] ?? 1) });
  }
  found.sort((a, b) => (a.stamp === b.stamp ? b.n - a.n : a.stamp < b.stamp ? 1 : -1));
  return found.map((f) => join(dir, f.name));
}

function removeWithSides(path: string): void {
  for (const p of [path, `${path}-wal`, `${path}-shm`, `${path}-journal`]) rmSync(p, { force: true });
}

function freeName(dir: string, base: string, stamp: string): string {
  let name = `${base}-${stamp}.loupe`;
  for (let n = 2; existsSync(join(dir, name)); n++) name = `${base}-${stamp}-${n}.loupe`;
  return join(dir, name);
}

/**
 * Copies the open case into destDir with db.backup() (incremental steps, never a file copy of a live database),
 * checks the copy on a fresh read-only connection, then prunes older backups. A copy that fails its check is
 * kept as `<case base>-failed.loupe` (one at most) for inspection, and no older backup is touched.
 */
export async function backupCase(db: WritableDB, destDir: string, opts: BackupOptions = {}): Promise<BackupResult> {
  // A write transaction spanning awaits (an import) would let the backup read its uncommitted pages.
  if (db.inTransaction) throw new LoupeError('CONFLICT', 'a backup cannot run while a transaction (an import) is open');
  const base = caseBase(db.name);
  const dir = resolve(destDir);
  mkdirSync(dir, { recursive: true });
  const target = freeName(dir, base, backupStamp((opts.now ?? (() => new Date()))()));
  const tmp = join(dir, `.${basename(target)}.partial`);
  const step = Math.max(1, opts.pagesPerStep ?? 256);
  const keep = Math.max(1, opts.keep ?? DEFAULT_BACKUP_KEEP);
  let integrity: string;
  try {
    await db.backup(tmp, { progress: () => step });
    integrity = (opts.check ?? integrityOf)(tmp);
  } catch (err) {
    removeWithSides(tmp);
    throw new LoupeError('INTERNAL', `backup failed: ${(err as Error).message}`);
  }
  for (const side of [`${tmp}-wal`, `${tmp}-shm`]) rmSync(side, { force: true });
  let path = target;
  const pruned: string[] = [];
  if (integrity === 'ok') {
    renameSync(tmp, target);
    for (const old of listBackups(dir, base).slice(keep)) {
      removeWithSides(old);
      pruned.push(old);
    }
  } else {
    path = join(dir, `${base}-failed.loupe`);
    removeWithSides(path);
    renameSync(tmp, path);
  }
  const bytes = statSync(path).size;
  if (opts.audit !== false) {
    appendAudit(db, 'case.backup', `file:${basename(path)}`, {
      file: basename(path),
      bytes,
      integrity: integrity.slice(0, 500),
      pruned: pruned.map((p) => basename(p)),
    });
  }
  return { path, bytes, integrity, pruned };
}

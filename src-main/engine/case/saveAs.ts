// "Save as": a consistent online copy of the open case through SQLite's backup API, checked, then audit-logged.
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { LoupeError } from '../../contract/errors';
import type { WritableDB } from '../db/types';
import { appendAudit } from './audit';

export interface SaveAsResult {
  fileName: string;
  path: string;
  bytes: number;
  integrity: 'ok';
}

export interface SaveAsOptions {
  /** Pages copied per backup step (the connection stays usable between steps); default 256. */
  pagesPerStep?: number;
  /** The source was opened read-only: the audit entry goes into the copy instead. */
  readOnly?: boolean;
}

function removeQuietly(path: string): void {
  for (const p of [path, `${path}-wal`, `${path}-shm`, `${path}-journal`]) rmSync(p, { force: true });
}

/** integrity_check on a fresh connection to the copy; anything but 'ok' is a failed save. */
export function integrityOf(path: string): string {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    return rows.map((r) => r.integrity_check).join('; ');
  } finally {
    db.close();
  }
}

/**
 * Copies the case to `dest` with db.backup() (never a file copy of a live database): pages are copied
 * in steps, and writes made meanwhile on this connection are carried into the copy by SQLite.
 * The copy is built under a temporary name and renamed into place only after integrity_check passes.
 */
export async function saveCaseCopy(db: WritableDB, casePath: string, dest: string, opts: SaveAsOptions = {}): Promise<SaveAsResult> {
  const target = resolve(dest);
  if (target === resolve(casePath)) throw new LoupeError('BAD_REQUEST', 'Save as needs a different file than the open case');
  const tmp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.partial`);
  const step = Math.max(1, opts.pagesPerStep ?? 256);
  try {
    await db.backup(tmp, { progress: () => step });
    // Everything from here is synchronous, so no write can land between the last step and the check.
    const integrity = integrityOf(tmp);
    if (integrity !== 'ok') throw new LoupeError('INTERNAL', `the copy failed integrity_check: ${integrity.slice(0, 500)}`);
    if (opts.readOnly) recordInCopy(tmp, casePath);
    renameSync(tmp, target);
    for (const side of [`${tmp}-wal`, `${tmp}-shm`]) rmSync(side, { force: true });
  } catch (err) {
    removeQuietly(tmp);
    if (err instanceof LoupeError) throw err;
    throw new LoupeError('INTERNAL', `save as failed: ${(err as Error).message}`);
  }
  const bytes = statSync(target).size;
  if (!opts.readOnly) appendAudit(db, 'case.saveAs', `file:${basename(target)}`, { file: basename(target), bytes });
  return { fileName: basename(target), path: target, bytes, integrity: 'ok' };
}

function recordInCopy(copyPath: string, sourcePath: string): void {
  const copy = new Database(copyPath);
  try {
    appendAudit(copy as WritableDB, 'case.copiedFrom', `file:${basename(sourcePath)}`, { file: basename(sourcePath), readOnlySource: true });
    copy.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    copy.close();
  }
}

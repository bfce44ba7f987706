// Opening a case file: identity checks (application_id, user_version), defensive pragmas, migrations.
import Database from 'better-sqlite3';
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { LoupeError } from '../../contract/errors';
import { LATEST_VERSION, runMigrations } from './migrations';
import { sqliteRegexp } from '../query/regex';
import type { ReadableDB, WritableDB } from './types';

/** 'LOUP' as a big-endian 32-bit integer: identifies a Loupe case (sqlite.org/appfileformat.html). */
export const APPLICATION_ID = 0x4c4f5550;
const SQLITE_MAGIC = 'SQLite format 3\0';

export interface OpenOptions {
  create?: boolean;
  readonly?: boolean;
  /** Cases up to this size get a full quick_check on open (default FULL_CHECK_MAX_BYTES); larger ones see openCheck(). */
  fullCheckMaxBytes?: number;
}

/** quick_check reads every page: ~1 s per few hundred MB here, ~2 minutes for a 25 GB case. */
export const FULL_CHECK_MAX_BYTES = 512 * 1024 * 1024;
/** Evidence-sized tables: checked in full before every report (reporting.ts) and on demand, not at every open. */
const BULK_TABLE = /^(src_\d+|events|fts(_\w+)?)$/;

/**
 * The consistency check run on open. A small case is checked whole. In a large one every table except the bulk
 * evidence tables (source rows, events, full-text) is checked — the register, catalogue, bookmarks, findings and
 * audit log — so opening a 10M-row case takes a moment, not minutes.
 */
function openCheck(db: Database.Database, path: string, fullCheckMaxBytes: number): string {
  const size = existsSync(path) ? statSync(path).size : 0;
  if (size <= fullCheckMaxBytes) return String(db.pragma('quick_check', { simple: true }));
  const tables = (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[])
    .map((t) => t.name)
    .filter((n) => !BULK_TABLE.test(n));
  for (const t of tables) {
    const r = String((db.prepare(`PRAGMA quick_check("${t.replace(/"/g, '""')}")`).get() as { quick_check: string }).quick_check);
    if (r !== 'ok') return `${t}: ${r}`;
  }
  return 'ok';
}

function readHeader(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(100);
    const n = readSync(fd, buf, 0, 100, 0);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/** Refuses anything that is not a Loupe case from this or an older version, before SQLite touches it. */
function checkExistingFile(path: string): void {
  const size = statSync(path).size;
  if (size === 0) return; // an empty file is treated as a new case
  const header = readHeader(path);
  if (header.length < 100 || header.subarray(0, 16).toString('latin1') !== SQLITE_MAGIC) {
    throw new LoupeError('CASE_INVALID', `${path} is not a Loupe case (not an SQLite database)`);
  }
  const appId = header.readUInt32BE(68);
  const userVersion = header.readUInt32BE(60);
  if (appId !== APPLICATION_ID) {
    throw new LoupeError('CASE_INVALID', `${path} is an SQLite database but not a Loupe case (application_id ${appId})`);
  }
  if (userVersion > LATEST_VERSION) {
    throw new LoupeError(
      'CASE_INVALID',
      `${path} was written by a newer Loupe (case schema ${userVersion}, this build reads up to ${LATEST_VERSION}); upgrade Loupe to open it`,
    );
  }
}

function applyPragmas(db: Database.Database, readonly: boolean): void {
  if (!readonly) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
  }
  db.pragma('foreign_keys = ON');
  db.pragma('trusted_schema = OFF');
  db.pragma('cell_size_check = ON');
  db.pragma('cache_size = -65536');
  db.pragma('temp_store = MEMORY');
}

/** REGEXP for the query language's `matches`: the same case-insensitive JS regex the compiler validated. */
function registerFunctions(db: Database.Database): void {
  db.function('regexp', { deterministic: true }, sqliteRegexp);
}

export function openCaseDb(path: string, opts: { create: true; readonly?: false }): WritableDB;
export function openCaseDb(path: string, opts?: OpenOptions): WritableDB | ReadableDB;
export function openCaseDb(path: string, opts: OpenOptions = {}): WritableDB | ReadableDB {
  const exists = existsSync(path);
  if (!exists && !opts.create) throw new LoupeError('NOT_FOUND', `case file ${path} does not exist`);
  if (exists) checkExistingFile(path);
  let db: Database.Database;
  try {
    db = new Database(path, { readonly: Boolean(opts.readonly), fileMustExist: !opts.create, timeout: 5000 });
  } catch (err) {
    throw new LoupeError('CASE_INVALID', `cannot open ${path}: ${(err as Error).message}`);
  }
  try {
    applyPragmas(db, Boolean(opts.readonly));
    const check = openCheck(db, path, opts.fullCheckMaxBytes ?? FULL_CHECK_MAX_BYTES);
    if (check !== 'ok') throw new LoupeError('CASE_INVALID', `${path} is corrupt (quick_check: ${check})`);
    registerFunctions(db);
    if (!opts.readonly) {
      const appId = db.pragma('application_id', { simple: true }) as number;
      if (appId === 0) db.pragma(`application_id = ${APPLICATION_ID}`);
      runMigrations(db as WritableDB);
    }
    return db as WritableDB;
  } catch (err) {
    db.close();
    if (err instanceof LoupeError) throw err;
    throw new LoupeError('CASE_INVALID', `${path} is corrupt or unreadable: ${(err as Error).message}`);
  }
}

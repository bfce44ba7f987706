// Recent cases: a small JSON registry in loupeHome(); the renderer only ever sees its opaque ids, never paths.
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { APPLICATION_ID } from '../engine/db/connection';
import { loupeHome } from './sample';

export const RECENT_CAP = 20;

export interface RecentEntry {
  /** Random, stable for a path while it stays in the list. */
  id: string;
  path: string;
  name: string;
  /** ISO-8601 UTC. */
  lastOpened: string;
}

export interface RecentCase extends RecentEntry {
  sizeBytes: number | null;
  sources: number | null;
  missing: boolean;
}

export function recentFile(home: string = loupeHome()): string {
  return join(home, 'recent.json');
}

function isEntry(v: unknown): v is RecentEntry {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return typeof o['id'] === 'string' && /^[a-f0-9]{32}$/.test(o['id']) && typeof o['path'] === 'string' && o['path'] !== '' && typeof o['name'] === 'string' && typeof o['lastOpened'] === 'string';
}

/** The stored entries, newest first; a missing or damaged file is an empty list (it is only a convenience). */
export function readRecent(home: string = loupeHome()): RecentEntry[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(recentFile(home), 'utf8'));
  } catch {
    return [];
  }
  const list = typeof parsed === 'object' && parsed !== null ? (parsed as { cases?: unknown }).cases : undefined;
  if (!Array.isArray(list)) return [];
  const seen = new Set<string>();
  const out: RecentEntry[] = [];
  for (const e of list) {
    if (!isEntry(e) || seen.has(e.path) || seen.has(e.id)) continue;
    seen.add(e.path);
    seen.add(e.id);
    out.push({ id: e.id, path: e.path, name: e.name, lastOpened: e.lastOpened });
  }
  return out.slice(0, RECENT_CAP);
}

/** Temp file + rename: a crash mid-write leaves the old list, never half a file. */
function writeRecent(entries: RecentEntry[], home: string): void {
  mkdirSync(home, { recursive: true });
  const file = recentFile(home);
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(tmp, `${JSON.stringify({ version: 1, cases: entries }, null, 2)}\n`, { mode: 0o600 });
  renameSync(tmp, file);
}

/** Records that a case was opened (moves it to the top); returns its entry. */
export function touchRecent(casePath: string, opts: { name?: string; home?: string; now?: Date } = {}): RecentEntry {
  const home = opts.home ?? loupeHome();
  const path = resolve(casePath);
  const list = readRecent(home);
  const previous = list.find((e) => e.path === path);
  const entry: RecentEntry = {
    id: previous?.id ?? randomBytes(16).toString('hex'),
    path,
    name: opts.name ?? previous?.name ?? basename(path).replace(/\.loupe$/i, ''),
    lastOpened: (opts.now ?? new Date()).toISOString(),
  };
  writeRecent([entry, ...list.filter((e) => e.path !== path)].slice(0, RECENT_CAP), home);
  return entry;
}

export function findRecent(id: string, home: string = loupeHome()): RecentEntry | undefined {
  return readRecent(home).find((e) => e.id === id);
}

export function forgetRecent(id: string, home: string = loupeHome()): boolean {
  const list = readRecent(home);
  const next = list.filter((e) => e.id !== id);
  if (next.length === list.length) return false;
  writeRecent(next, home);
  return true;
}

/** Source count and case name from a read-only connection; null when the file is not a readable Loupe case. */
export function peekCase(path: string): { sources: number; name: string | null } | null {
  let db: Database.Database | null = null;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true, timeout: 500 });
    if (db.pragma('application_id', { simple: true }) !== APPLICATION_ID) return null;
    const sources = (db.prepare('SELECT count(*) AS n FROM sources').get() as { n: number }).n;
    const name = (db.prepare("SELECT value FROM meta WHERE key = 'name'").get() as { value: string } | undefined)?.value ?? null;
    return { sources, name };
  } catch {
    return null;
  } finally {
    db?.close();
  }
}

/** The registry with what the start screen shows: size, source count, and whether the file is gone. */
export function listRecent(home: string = loupeHome()): RecentCase[] {
  return readRecent(home).map((e) => {
    if (!existsSync(e.path)) return { ...e, sizeBytes: null, sources: null, missing: true };
    let size: number | null = null;
    try {
      size = statSync(e.path).size;
    } catch {
      size = null;
    }
    const peek = peekCase(e.path);
    return { ...e, name: peek?.name ?? e.name, sizeBytes: size, sources: peek?.sources ?? null, missing: false };
  });
}

/** Where browser mode creates and stages cases: loupeHome()/cases. */
export function casesDir(home: string = loupeHome()): string {
  const dir = join(home, 'cases');
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** A file name made from an analyst's case name: letters, digits, dash, underscore, space; never empty. */
export function caseFileName(name: string): string {
  const cleaned = name
    .replace(/[^\p{L}\p{N} _-]+/gu, '')
    .trim()
    .slice(0, 80);
  return `${cleaned || 'case'}.loupe`;
}

/** A path in `dir` for `fileName` that does not exist yet (`name-2.loupe`, …). */
export function freePath(dir: string, fileName: string): string {
  const stem = fileName.replace(/\.loupe$/i, '');
  let candidate = join(dir, `${stem}.loupe`);
  for (let i = 2; existsSync(candidate); i++) candidate = join(dir, `${stem}-${i}.loupe`);
  return candidate;
}

/** Browser-mode "save as" target: `<name>-copy-<UTC timestamp>.loupe` next to the case. */
export function copyPathFor(casePath: string, now: Date = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const dir = resolve(casePath, '..');
  return freePath(dir, `${basename(casePath).replace(/\.loupe$/i, '')}-copy-${stamp}.loupe`);
}

// Creating and opening a case: the SQLite file plus its identity facts (id, name, details).
import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import type { CaseInfo } from '../../contract/model';
import { openCaseDb } from '../db/connection';
import { classifyCasePath, type PathRisk } from '../db/pathRisk';
import { LATEST_VERSION } from '../db/migrations';
import type { ReadableDB, WritableDB } from '../db/types';
import { appendAudit } from './audit';
import { listSourceRecords, toSourceInfo } from './catalog';

export interface OpenedCase {
  db: WritableDB;
  path: string;
  readOnly: boolean;
  /** Where the file lives (SECURITY.md D-3): a case off local disk opens, with a warning. */
  storage: PathRisk;
  /** Set by the writer after an import when the WAL stays large after a checkpoint (D-5); cleared by a clean check. */
  walWarning?: string;
}

function getMeta(db: ReadableDB, key: string): string | null {
  const r = db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
  return r?.value ?? null;
}

/** Opens (creating when asked) a case; a new case gets an id, a name from its file name and a first audit entry. */
export function openCase(path: string, opts: { create?: boolean; readOnly?: boolean } = {}): OpenedCase {
  const storage = classifyCasePath(path);
  const db = openCaseDb(path, { create: Boolean(opts.create), readonly: Boolean(opts.readOnly) }) as WritableDB;
  if (!opts.readOnly && getMeta(db, 'id') === null) {
    db.transaction(() => {
      const set = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)');
      const id = randomUUID();
      set.run('id', id);
      set.run('name', basename(path).replace(/\.loupe$/i, ''));
      set.run('created_at', new Date().toISOString());
      appendAudit(db, 'case.create', `case:${id}`, { file: basename(path) });
    })();
  }
  return { db, path, readOnly: Boolean(opts.readOnly), storage };
}

export const DETAIL_KEYS = ['name', 'number', 'analyst', 'organisation', 'summary', 'recommendations'] as const;

export function caseDetails(db: ReadableDB): Record<string, string> {
  const out: Record<string, string> = {};
  for (const r of db.prepare("SELECT key, value FROM meta WHERE key LIKE 'detail.%' OR key = 'name'").all() as { key: string; value: string }[]) {
    out[r.key.replace(/^detail\./, '')] = r.value;
  }
  return out;
}

export function setCaseDetail(db: WritableDB, key: (typeof DETAIL_KEYS)[number], value: string): void {
  const k = key === 'name' ? 'name' : `detail.${key}`;
  db.transaction(() => {
    db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(k, value);
    appendAudit(db, 'case.detail', `case:${key}`, { value });
  })();
}

export function caseInfo(c: OpenedCase): CaseInfo {
  return {
    id: getMeta(c.db, 'id') ?? 'unknown',
    name: getMeta(c.db, 'name') ?? basename(c.path),
    fileName: basename(c.path),
    schemaVersion: LATEST_VERSION,
    readOnly: c.readOnly,
    sources: listSourceRecords(c.db).map(toSourceInfo),
    details: caseDetails(c.db),
    ...(c.storage.kind !== 'local' ? { storage: { kind: c.storage.kind, reason: c.storage.reason } } : {}),
    ...(c.walWarning ? { walWarning: c.walWarning } : {}),
  };
}

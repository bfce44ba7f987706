// "Verify sources": re-hash every original file and its stored evidence copy, compare with the register (audit-logged).
import { existsSync } from 'node:fs';
import type { WritableDB } from '../db/types';
import { digestFile } from '../import/hash';
import { appendAudit } from './audit';
import { listSourceRecords, type SourceRecord } from './catalog';
import { evidenceDirFor, isSha256, verifyEvidenceCopy, type CopyStatus } from './evidenceStore';

export interface VerifyResult {
  sourceId: number;
  name: string;
  /** The original file: 'mismatch' = it changed since import. */
  status: 'ok' | 'mismatch' | 'missing';
  /** The read-only copy in `<case>.evidence/`, when the import kept one: 'changed' / 'missing' are reported apart from the original. */
  copy?: CopyStatus;
  detail: string;
}

export async function verifySources(db: WritableDB, opts: { evidenceDir?: string } = {}): Promise<VerifyResult[]> {
  const out: VerifyResult[] = [];
  const cache = new Map<string, string>();
  const copies = new Map<string, { status: CopyStatus; actual?: string }>();
  const storeDir = opts.evidenceDir ?? (db.name && db.name !== ':memory:' ? evidenceDirFor(db.name) : null);
  for (const s of listSourceRecords(db)) {
    const expected = s.container_sha256 ?? s.sha256;
    let result: VerifyResult;
    if (!existsSync(s.path)) {
      result = { sourceId: s.id, name: s.name, status: 'missing', detail: `${s.path} is no longer there` };
    } else {
      let actual = cache.get(s.path);
      if (!actual) {
        actual = (await digestFile(s.path)).sha256;
        cache.set(s.path, actual);
      }
      result =
        actual === expected
          ? { sourceId: s.id, name: s.name, status: 'ok', detail: `sha256 ${actual}` }
          : { sourceId: s.id, name: s.name, status: 'mismatch', detail: `expected ${expected}, file now hashes to ${actual}` };
    }
    const copy = copyOf(s);
    if (copy !== null) {
      let checked = copies.get(copy);
      if (!checked) {
        // verifyEvidenceCopy reports a value that is not a SHA-256 (an edited register) as missing, never uses it as a path.
        checked = storeDir === null ? { status: 'missing' as const } : await verifyEvidenceCopy(storeDir, copy);
        copies.set(copy, checked);
      }
      result.copy = checked.status;
      result.detail += checked.status === 'ok'
        ? '; evidence copy ok'
        : checked.status === 'missing'
          ? `; evidence copy ${isSha256(copy) ? copy : '(invalid name in the register)'} is missing`
          : `; evidence copy ${copy} changed: now hashes to ${checked.actual ?? '?'}`;
    }
    out.push(result);
  }
  db.transaction(() =>
    appendAudit(db, 'sources.verify', 'case', { results: out.map((r) => (r.copy === undefined ? [r.sourceId, r.status] : [r.sourceId, r.status, r.copy])) }),
  )();
  return out;
}

/** The stored copy recorded in the source's import options (`{"copy":"<sha256>"}`), or null when none was kept. */
function copyOf(s: SourceRecord): string | null {
  let options: unknown;
  try {
    options = JSON.parse(s.options_json);
  } catch {
    return null;
  }
  if (typeof options !== 'object' || options === null || !('copy' in options)) return null;
  const copy = (options as { copy: unknown }).copy;
  return typeof copy === 'string' ? copy : String(copy);
}

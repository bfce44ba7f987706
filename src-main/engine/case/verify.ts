// "Verify sources": re-hash every original file and compare with the evidence register (audit-logged).
import { existsSync } from 'node:fs';
import type { WritableDB } from '../db/types';
import { digestFile } from '../import/hash';
import { appendAudit } from './audit';
import { listSourceRecords } from './catalog';

export interface VerifyResult {
  sourceId: number;
  name: string;
  status: 'ok' | 'mismatch' | 'missing';
  detail: string;
}

export async function verifySources(db: WritableDB): Promise<VerifyResult[]> {
  const out: VerifyResult[] = [];
  const cache = new Map<string, string>();
  for (const s of listSourceRecords(db)) {
    const expected = s.container_sha256 ?? s.sha256;
    if (!existsSync(s.path)) {
      out.push({ sourceId: s.id, name: s.name, status: 'missing', detail: `${s.path} is no longer there` });
      continue;
    }
    let actual = cache.get(s.path);
    if (!actual) {
      actual = (await digestFile(s.path)).sha256;
      cache.set(s.path, actual);
    }
    out.push(
      actual === expected
        ? { sourceId: s.id, name: s.name, status: 'ok', detail: `sha256 ${actual}` }
        : { sourceId: s.id, name: s.name, status: 'mismatch', detail: `expected ${expected}, file now hashes to ${actual}` },
    );
  }
  db.transaction(() => appendAudit(db, 'sources.verify', 'case', { results: out.map((r) => [r.sourceId, r.status]) }))();
  return out;
}

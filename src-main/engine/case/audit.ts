// The append-only, hash-chained audit log of analyst actions, and its verification.
import { createHash } from 'node:crypto';
import { userInfo } from 'node:os';
import type { ReadableDB, WritableDB } from '../db/types';

export const GENESIS_HASH = '0'.repeat(64);

interface AuditRow {
  seq: number;
  ts: string;
  analyst: string;
  action: string;
  target: string;
  params_json: string;
  prev_hash: string;
  hash: string;
}

function entryHash(r: Omit<AuditRow, 'hash'>): string {
  const canonical = JSON.stringify([r.seq, r.ts, r.analyst, r.action, r.target, r.params_json, r.prev_hash]);
  return createHash('sha256').update(canonical).digest('hex');
}

function currentAnalyst(): string {
  try {
    return process.env['LOUPE_ANALYST'] || userInfo().username;
  } catch {
    return 'unknown';
  }
}

/** Appends one entry; call inside the transaction that makes the change it records. */
export function appendAudit(db: WritableDB, action: string, target: string, params: unknown = {}): string {
  const last = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as
    | { seq: number; hash: string }
    | undefined;
  const row = {
    seq: (last?.seq ?? 0) + 1,
    ts: new Date().toISOString(),
    analyst: currentAnalyst(),
    action,
    target,
    params_json: JSON.stringify(params ?? {}),
    prev_hash: last?.hash ?? GENESIS_HASH,
  };
  const hash = entryHash(row);
  db.prepare(
    'INSERT INTO audit_log (seq, ts, analyst, action, target, params_json, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(row.seq, row.ts, row.analyst, row.action, row.target, row.params_json, row.prev_hash, hash);
  return hash;
}

export interface ChainCheck {
  valid: boolean;
  head: string;
  /** The first seq whose entry or link does not verify. */
  brokenAt: number | null;
  entries: number;
}

/** Recomputes every hash and link; an entry edited with a raw SQLite tool breaks the chain at its seq. */
export function verifyAuditChain(db: ReadableDB): ChainCheck {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let count = 0;
  for (const r of db.prepare('SELECT * FROM audit_log ORDER BY seq').iterate() as IterableIterator<AuditRow>) {
    count++;
    if (r.seq !== expectedSeq || r.prev_hash !== prev || entryHash(r) !== r.hash) {
      return { valid: false, head: r.hash, brokenAt: r.seq, entries: count };
    }
    prev = r.hash;
    expectedSeq++;
  }
  return { valid: true, head: prev, brokenAt: null, entries: count };
}

export function listAudit(db: ReadableDB, limit = 1000): AuditRow[] {
  return db.prepare('SELECT * FROM audit_log ORDER BY seq DESC LIMIT ?').all(limit) as AuditRow[];
}

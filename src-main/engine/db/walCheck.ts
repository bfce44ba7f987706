// WAL hygiene: checkpoint the write-ahead log back into the case file and warn when it stays large (checkpoint starvation).
import { statSync } from 'node:fs';
import type { WritableDB } from './types';

/** A `-wal` file larger than this after a checkpoint attempt means something keeps the checkpoint from finishing. */
export const WAL_WARN_BYTES = 64 * 1024 * 1024;

export interface WalCheck {
  /** Size of `<case>-wal` after the checkpoint attempt (0 when there is none). */
  walBytes: number;
  /** SQLite could not finish the checkpoint: another connection was reading an older snapshot. */
  busy: boolean;
  /** Set when walBytes exceeds the threshold; names the size. */
  warning?: string;
}

export interface WalCheckOptions {
  thresholdBytes?: number;
  /** How long the checkpoint waits for readers to move on (ms); the connection's own busy timeout comes back after. */
  waitMs?: number;
}

export function walSize(casePath: string): number {
  try {
    return statSync(`${casePath}-wal`).size;
  } catch {
    return 0;
  }
}

function mb(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/**
 * Runs `wal_checkpoint(TRUNCATE)` and measures the `-wal` file. Never throws: a failed checkpoint is reported, not fatal.
 * Must not run inside a transaction (SQLite refuses to checkpoint then).
 */
export function checkpointWal(db: WritableDB, casePath: string, opts: WalCheckOptions = {}): WalCheck {
  const threshold = opts.thresholdBytes ?? WAL_WARN_BYTES;
  let busy = false;
  const timeoutBefore = db.pragma('busy_timeout', { simple: true }) as number;
  try {
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(opts.waitMs ?? 2000))}`);
    const r = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number; checkpointed: number }[];
    busy = (r[0]?.busy ?? 0) !== 0;
  } catch {
    busy = true;
  } finally {
    db.pragma(`busy_timeout = ${timeoutBefore}`);
  }
  const walBytes = walSize(casePath);
  if (walBytes <= threshold) return { walBytes, busy };
  const warning =
    `the case's write-ahead log is ${mb(walBytes)} after a checkpoint (limit ${mb(threshold)})` +
    (busy ? ': another reader kept it from being copied back; close other programs reading this case' : '');
  return { walBytes, busy, warning };
}

// Periodic online backups of the writer's case (SECURITY.md D-8): only after writes, never during an import.
import { backupCase, defaultBackupDir, type BackupOptions, type BackupResult } from '../engine/case/backup';
import type { WritableDB } from '../engine/db/types';

export const DEFAULT_BACKUP_MINUTES = 15;

/** LOUPE_BACKUP_MINUTES: a whole or fractional number of minutes; 0 disables; anything unparsable means the default. */
export function backupMinutesFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env['LOUPE_BACKUP_MINUTES'];
  if (raw === undefined || !/^\s*\d+(\.\d+)?\s*$/.test(raw)) return DEFAULT_BACKUP_MINUTES;
  return Number(raw);
}

export interface BackupSchedulerOptions {
  db: WritableDB;
  casePath: string;
  /** Interval in ms; 0 or less schedules nothing (tick() still works). */
  intervalMs: number;
  /** True while an import runs: the tick is skipped (the next one tries again). */
  busy(): boolean;
  destDir?: string;
  backup?: BackupOptions;
  onBackup?(r: BackupResult): void;
  onError?(err: unknown): void;
}

export interface BackupScheduler {
  /** Runs one backup now if there were writes since the last one and nothing is busy; null when skipped. */
  tick(): Promise<BackupResult | null>;
  /** Resolves when no backup is running (an import awaits this before it opens its transaction). */
  settled(): Promise<void>;
  stop(): void;
}

/** Changes made through this connection since it opened (the writer is the only connection that writes). */
function changesSoFar(db: WritableDB): number {
  return (db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
}

export function scheduleBackups(o: BackupSchedulerOptions): BackupScheduler {
  let backedUpAt = changesSoFar(o.db);
  let current: Promise<BackupResult | null> | null = null;

  const run = async (): Promise<BackupResult | null> => {
    try {
      const r = await backupCase(o.db, o.destDir ?? defaultBackupDir(o.casePath), o.backup);
      // Counted after the backup's own audit entry, so that entry alone does not trigger the next backup.
      if (r.integrity === 'ok') backedUpAt = changesSoFar(o.db);
      o.onBackup?.(r);
      return r;
    } catch (err) {
      o.onError?.(err);
      return null;
    }
  };

  const tick = (): Promise<BackupResult | null> => {
    if (current) return current;
    if (o.busy() || o.db.inTransaction || !o.db.open || changesSoFar(o.db) === backedUpAt) return Promise.resolve(null);
    current = run().finally(() => {
      current = null;
    });
    return current;
  };

  const timer = o.intervalMs > 0 ? setInterval(() => void tick(), o.intervalMs) : null;
  timer?.unref();

  return {
    tick,
    settled: async () => {
      if (current) await current;
    },
    stop: () => {
      if (timer) clearInterval(timer);
    },
  };
}

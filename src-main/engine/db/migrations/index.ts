// The migration registry: forward-only steps applied in one transaction, recorded in user_version.
import type { WritableDB } from '../types';
import * as m0010 from './0010-initial';
import * as m0020 from './0020-fulltext-progress';
import * as m0030 from './0030-remap-sources';
import * as m0040 from './0040-pivot-covering-indexes';

export interface Migration {
  version: number;
  migrate(db: WritableDB): void;
}

export const MIGRATIONS: readonly Migration[] = [m0010, m0020, m0030, m0040];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

for (let i = 1; i < MIGRATIONS.length; i++) {
  if (MIGRATIONS[i]!.version <= MIGRATIONS[i - 1]!.version) throw new Error('migration versions must increase');
}

/** Applies every pending step; returns the number applied. */
export function runMigrations(db: WritableDB): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  const pending = MIGRATIONS.filter((m) => m.version > current);
  if (pending.length === 0) return 0;
  db.transaction(() => {
    for (const m of pending) {
      m.migrate(db);
      db.pragma(`user_version = ${m.version}`);
    }
  })();
  db.pragma('optimize');
  return pending.length;
}

// Schema step 20: the full-text index builds after the import commits, resumably; sources record how far it got.
import type { WritableDB } from '../types';

export const version = 20;

export function migrate(db: WritableDB): void {
  db.exec(`
    -- 1 while this source's rows are not all in fts yet; fts_last_row = the last _row indexed
    ALTER TABLE sources ADD COLUMN fts_pending INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE sources ADD COLUMN fts_last_row INTEGER NOT NULL DEFAULT 0;
  `);
}

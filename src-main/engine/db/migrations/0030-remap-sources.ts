// Schema step 30: a source's derived events may be rewritten while it is being remapped (evidence tables stay immutable).
import type { WritableDB } from '../types';

export const version = 30;

export function migrate(db: WritableDB): void {
  db.exec(`
    -- 1 only inside the transaction that recomputes this source's events under a new field mapping
    ALTER TABLE sources ADD COLUMN remapping INTEGER NOT NULL DEFAULT 0;

    DROP TRIGGER events_no_delete;
    CREATE TRIGGER events_no_delete BEFORE DELETE ON events
      WHEN (SELECT removing = 1 OR remapping = 1 FROM sources WHERE id = old.source_id) IS NOT 1
      BEGIN SELECT RAISE(ABORT, 'evidence rows are deleted only by removing their whole source'); END;
  `);
}

// Schema step 40: indexes pairing IP and user (pivot stacks read no event rows), and marks of the timeline's order (scrollbar jumps).
import type { WritableDB } from '../types';

export const version = 40;

/**
 * A stack of @user under `@ip = …` (or the reverse) otherwise looks up every matching event row: ~2 µs each from the
 * OS cache, 176 ms for 70k rows at 10M, against 34 ms covered (bench/queries.mjs). They are separate indexes rather
 * than a third column on events_ip/events_user: the wider index lost the planner's choice to events_source_row for
 * a source page filtered by an @ field.
 */
export function migrate(db: WritableDB): void {
  db.exec(`
    CREATE INDEX events_ip_user ON events(ip, user);
    CREATE INDEX events_user_ip ON events(user, ip);

    -- every MARK_STEP-th event of the unfiltered timeline by (time, id): pos = its 0-based position (explore/timelineMarks.ts)
    CREATE TABLE timeline_marks (pos INTEGER PRIMARY KEY, time INTEGER, id INTEGER NOT NULL);
    -- derived from events: any change to them drops the marks (an insert is caught by the stamp in meta, see timelineMarks.ts)
    CREATE TRIGGER events_marks_on_delete AFTER DELETE ON events WHEN EXISTS (SELECT 1 FROM timeline_marks)
      BEGIN DELETE FROM timeline_marks; END;
    CREATE TRIGGER events_marks_on_update AFTER UPDATE OF time, id ON events WHEN EXISTS (SELECT 1 FROM timeline_marks)
      BEGIN DELETE FROM timeline_marks; END;
  `);
}

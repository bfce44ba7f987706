// Schema step 10: case metadata, evidence register, events, full-text index, analyst tables, audit log.
import type { WritableDB } from '../types';

export const version = 10;

export function migrate(db: WritableDB): void {
  db.exec(`
    -- key/value facts about the case: id, name, created_at, details
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;

    -- the evidence register: one row per imported table (a file, a sheet, or a container entry)
    CREATE TABLE sources (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL,               -- file name (sheet appended as file.xlsx#Sheet)
      path TEXT NOT NULL,               -- original path as given at import
      size INTEGER NOT NULL,            -- bytes of the original file (or container entry)
      sha256 TEXT NOT NULL,             -- hashed before parsing
      container_name TEXT,
      container_sha256 TEXT,
      kind TEXT NOT NULL,               -- csv | xlsx | json
      importer_version TEXT NOT NULL,
      profile TEXT NOT NULL,
      profile_version INTEGER NOT NULL,
      mapping_json TEXT NOT NULL,       -- field mapping used for the @ fields
      options_json TEXT NOT NULL,       -- import options as given
      meta_json TEXT NOT NULL,          -- what the reader decided: encoding, delimiter, date system
      rows_read INTEGER NOT NULL,
      rows_imported INTEGER NOT NULL,
      rows_rejected INTEGER NOT NULL,
      warnings_json TEXT NOT NULL,
      imported_at TEXT NOT NULL,        -- ISO 8601 UTC
      removing INTEGER NOT NULL DEFAULT 0  -- set only while the whole source is being removed
    ) STRICT;
    CREATE INDEX sources_sha ON sources(sha256);

    -- the catalogue: every original column of every source, in file order
    CREATE TABLE source_columns (
      source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
      idx INTEGER NOT NULL,
      col TEXT NOT NULL,                -- SQL column in src_N (c1, c2, ...)
      header TEXT NOT NULL,             -- header text exactly as in the file
      name TEXT NOT NULL,               -- unique display name (duplicates suffixed)
      norm TEXT NOT NULL,               -- normalized for matching
      field TEXT,                       -- @ field this column feeds
      PRIMARY KEY (source_id, idx)
    ) STRICT;

    -- one row per evidence row: the unified timeline and the pivot index
    CREATE TABLE events (
      id INTEGER PRIMARY KEY,
      source_id INTEGER NOT NULL,
      row INTEGER NOT NULL,
      time INTEGER,                     -- UTC microseconds
      user TEXT COLLATE NOCASE,
      user_id TEXT COLLATE NOCASE,
      ip TEXT COLLATE NOCASE,
      app_id TEXT COLLATE NOCASE,
      app TEXT COLLATE NOCASE,
      operation TEXT COLLATE NOCASE,
      result TEXT COLLATE NOCASE,
      resource TEXT COLLATE NOCASE,
      correlation_id TEXT COLLATE NOCASE,
      user_agent TEXT COLLATE NOCASE,
      tool TEXT COLLATE NOCASE,
      country TEXT COLLATE NOCASE
    );
    CREATE UNIQUE INDEX events_source_row ON events(source_id, row);
    CREATE INDEX events_time ON events(time, id);
    CREATE INDEX events_user ON events(user, time);
    CREATE INDEX events_user_id ON events(user_id, time);
    CREATE INDEX events_ip ON events(ip, time);
    CREATE INDEX events_app_id ON events(app_id, time);
    CREATE INDEX events_app ON events(app, time);
    CREATE INDEX events_operation ON events(operation, time);
    CREATE INDEX events_result ON events(result, time);
    CREATE INDEX events_resource ON events(resource, time);
    CREATE INDEX events_correlation ON events(correlation_id, time);
    CREATE INDEX events_tool ON events(tool, time);
    CREATE INDEX events_country ON events(country, time);

    CREATE TRIGGER events_no_update BEFORE UPDATE ON events
      BEGIN SELECT RAISE(ABORT, 'evidence rows are immutable'); END;
    CREATE TRIGGER events_no_delete BEFORE DELETE ON events
      WHEN (SELECT removing FROM sources WHERE id = old.source_id) IS NOT 1
      BEGIN SELECT RAISE(ABORT, 'evidence rows are deleted only by removing their whole source'); END;

    -- full-text index over every cell of every row; rowid = events.id
    CREATE VIRTUAL TABLE fts USING fts5(text, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0');

    CREATE TABLE bookmarks (
      id INTEGER PRIMARY KEY,
      source_id INTEGER NOT NULL REFERENCES sources(id),
      row INTEGER NOT NULL,
      note TEXT NOT NULL DEFAULT '',
      tags_json TEXT NOT NULL DEFAULT '[]',
      techniques_json TEXT NOT NULL DEFAULT '[]',
      severity TEXT NOT NULL DEFAULT 'medium',
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      UNIQUE (source_id, row)
    ) STRICT;

    CREATE TABLE saved_filters (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL UNIQUE,
      description TEXT NOT NULL DEFAULT '',
      query TEXT NOT NULL,
      source_name TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE findings (
      id INTEGER PRIMARY KEY,
      title TEXT NOT NULL,
      phase TEXT NOT NULL DEFAULT '',
      narrative TEXT NOT NULL DEFAULT '',
      severity TEXT NOT NULL DEFAULT 'medium',
      techniques_json TEXT NOT NULL DEFAULT '[]',
      filter_names_json TEXT NOT NULL DEFAULT '[]',
      created_at TEXT NOT NULL
    ) STRICT;
    CREATE TABLE finding_bookmarks (
      finding_id INTEGER NOT NULL REFERENCES findings(id) ON DELETE CASCADE,
      bookmark_id INTEGER NOT NULL REFERENCES bookmarks(id) ON DELETE CASCADE,
      PRIMARY KEY (finding_id, bookmark_id)
    ) STRICT;

    -- append-only, hash-chained log of analyst actions
    CREATE TABLE audit_log (
      seq INTEGER PRIMARY KEY,
      ts TEXT NOT NULL,
      analyst TEXT NOT NULL,
      action TEXT NOT NULL,
      target TEXT NOT NULL,
      params_json TEXT NOT NULL,
      prev_hash TEXT NOT NULL,
      hash TEXT NOT NULL
    ) STRICT;
    CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
  `);
}

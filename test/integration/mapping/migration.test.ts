// Schema steps 30 and 40 on a case written before them (schema 20): data kept, remapping column added, triggers still guard events, pivot indexes added.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../src-main/engine/engine';
import { APPLICATION_ID } from '../../../src-main/engine/db/connection';
import * as m0010 from '../../../src-main/engine/db/migrations/0010-initial';
import * as m0020 from '../../../src-main/engine/db/migrations/0020-fulltext-progress';
import { LATEST_VERSION } from '../../../src-main/engine/db/migrations';
import type { WritableDB } from '../../../src-main/engine/db/types';
import { createSourceTable } from '../../../src-main/engine/import/sourceTable';
import { disambiguateHeaders } from '../../../src-main/engine/importers/headers';

const dir = mkdtempSync(join(tmpdir(), 'loupe-mig30-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A case as a build with only steps 10 and 20 wrote it: one CSV-like source of two rows with their events. */
function makeSchema20Case(path: string): void {
  const db = new Database(path) as unknown as WritableDB;
  db.pragma('journal_mode = WAL');
  db.pragma(`application_id = ${APPLICATION_ID}`);
  m0010.migrate(db);
  m0020.migrate(db);
  db.pragma('user_version = 20');
  db.prepare("INSERT INTO meta (key, value) VALUES ('id', 'old-case'), ('name', 'Old case'), ('created_at', '2024-01-01T00:00:00.000Z')").run();
  db.prepare(
    `INSERT INTO sources (id, name, path, size, sha256, kind, importer_version, profile, profile_version, mapping_json, options_json,
      meta_json, rows_read, rows_imported, rows_rejected, warnings_json, imported_at)
     VALUES (1, 'old.csv', '/x/old.csv', 10, ?, 'csv', '1.0.0', 'generic', 1, ?, '{}', '{}', 2, 2, 0, '[]', '2024-01-01T00:00:00.000Z')`,
  ).run('a'.repeat(64), JSON.stringify({ mapping: { user: [{ columns: ['account'] }] }, inferred: ['user'], score: 0 }));
  const columns = disambiguateHeaders(['Account', 'Backup account']);
  createSourceTable(db, 1, columns, new Map([[0, 'user']]));
  db.prepare('INSERT INTO src_1 (_row, c1, c2) VALUES (2, ?, ?), (3, ?, ?)').run('alice@x.test', 'root@x.test', 'bob@x.test', 'admin@x.test');
  db.prepare("INSERT INTO events (id, source_id, row, user) VALUES (7, 1, 2, 'alice@x.test'), (8, 1, 3, 'bob@x.test')").run();
  db.close();
}

describe('migration 0030', () => {
  it('upgrades a schema-20 case and keeps its rows', () => {
    const path = join(dir, 'old.loupe');
    makeSchema20Case(path);
    const engine = new Engine(path);
    try {
      const db = engine.db;
      expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
      expect(LATEST_VERSION).toBeGreaterThanOrEqual(30);
      expect(db.prepare('SELECT id, remapping, removing FROM sources').all()).toEqual([{ id: 1, remapping: 0, removing: 0 }]);
      expect(db.prepare('SELECT id, user FROM events ORDER BY id').all()).toEqual([{ id: 7, user: 'alice@x.test' }, { id: 8, user: 'bob@x.test' }]);
      expect(() => db.prepare('DELETE FROM events').run()).toThrow(/deleted only by removing/);
      // step 40: indexes pairing IP and user (covering the pivot stacks), built over the old rows
      const indexSql = (name: string) => (db.prepare('SELECT sql FROM sqlite_schema WHERE name = ?').get(name) as { sql: string }).sql;
      expect(indexSql('events_ip_user')).toMatch(/ON events\(ip, user\)/);
      expect(indexSql('events_user_ip')).toMatch(/ON events\(user, ip\)/);
      expect(db.prepare('SELECT id FROM events INDEXED BY events_user_ip WHERE user = ?').all('bob@x.test')).toEqual([{ id: 8 }]);

      const view = engine.handlers['sources/mapping']({ sourceId: 1 }) as { fields: { field: string; columns: string[]; inferred: boolean }[] };
      expect(view.fields.find((f) => f.field === 'user')).toMatchObject({ columns: ['Account'], inferred: true });
      engine.handlers['sources/remap']({ sourceId: 1, fields: [{ field: 'user', columns: ['Backup account'] }] });
      expect(db.prepare('SELECT id, user FROM events ORDER BY id').all()).toEqual([{ id: 7, user: 'root@x.test' }, { id: 8, user: 'admin@x.test' }]);
      expect(db.prepare('SELECT c1, c2 FROM src_1 ORDER BY _row').all()).toEqual([
        { c1: 'alice@x.test', c2: 'root@x.test' },
        { c1: 'bob@x.test', c2: 'admin@x.test' },
      ]);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      engine.close();
    }
  });
});

// The same exports imported under different process time zones and locales give identical case contents.
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, SHARED, SEED_DIR } from '../../support/cli';

const dir = mkdtempSync(join(tmpdir(), 'loupe-tz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Hash of every evidence table and the events table (not import timestamps, which are wall-clock by design). */
function contentHash(path: string): string {
  const db = new Database(path, { readonly: true });
  const h = createHash('sha256');
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'src_%' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
  for (const t of [...tables, 'events', 'source_columns']) {
    for (const r of db.prepare(`SELECT * FROM "${t}" ORDER BY 1, 2`).iterate()) h.update(JSON.stringify(r));
  }
  db.close();
  return h.digest('hex');
}

describe('time-zone and locale invariance', () => {
  it('imports identically under UTC, New York, Kolkata and Chatham', () => {
    const files = [
      join(SEED_DIR, 'Sign_In_Logs.xlsx'),
      join(SEED_DIR, 'Azure_KV_Logs.xlsx'),
      ...readdirSync(join(SHARED, 'fixtures/real')).filter((f) => /\.(csv|json)$/.test(f) && f !== 'expected_rows.json').map((f) => join(SHARED, 'fixtures/real', f)),
    ];
    const hashes = new Map<string, string>();
    for (const [tz, lang] of [['UTC', 'C'], ['America/New_York', 'en_US.UTF-8'], ['Asia/Kolkata', 'de_DE.UTF-8'], ['Pacific/Chatham', 'C']] as const) {
      const casePath = join(dir, `${tz.replace('/', '_')}.loupe`);
      const r = spawnSync('node', [resolve(ROOT, 'bin/loupe.mjs'), 'import', casePath, ...files], { encoding: 'utf8', env: { ...process.env, TZ: tz, LANG: lang, LC_ALL: lang } });
      expect(r.status, r.stderr).toBe(0);
      hashes.set(tz, contentHash(casePath));
    }
    expect(new Set(hashes.values()).size, JSON.stringify([...hashes])).toBe(1);
  });
});

// `loupe mapping` and `loupe remove-source` through the bundled CLI: output, effects and exit codes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loupe, loupeJson, SEED_DIR } from '../../support/cli';

interface View { sourceId: number; fields: { field: string; columns: string[]; edited: boolean }[]; availableColumns: string[]; bookmarks: number }

let dir: string;
let casePath: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'loupe-mapping-cli-'));
  casePath = join(dir, 'c.loupe');
  loupeJson('import', casePath, join(SEED_DIR, 'Sign_In_Logs.xlsx'), join(SEED_DIR, 'Azure_KV_Logs.xlsx'));
}, 180_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('loupe mapping', () => {
  it('shows the mapping as a table and as JSON', () => {
    const text = loupe('mapping', casePath, '--source', 'Sign_In_Logs');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/@ip\s+IP address/);
    const v = loupeJson<View>('mapping', casePath, '--source', 'Sign_In_Logs');
    expect(v.fields.find((f) => f.field === 'ip')?.columns).toEqual(['IP address']);
  });

  it('changes a field with --set (repeated for fallbacks) and unmaps with FIELD=', () => {
    const v = loupeJson<View>('mapping', casePath, '--source', 'Sign_In_Logs', '--set', '@user=User ID', '--set', 'user=Username', '--set', 'correlation_id=');
    expect(v.fields.find((f) => f.field === 'user')).toMatchObject({ columns: ['User ID', 'Username'], edited: true });
    expect(v.fields.find((f) => f.field === 'correlation_id')?.columns).toEqual([]);
    const rows = loupeJson<{ rows: Record<string, unknown>[] }>('query', casePath, '--limit', '5', '--normalized', '--where', "@source = 'Sign_In_Logs.xlsx'");
    expect(rows.rows.length).toBeGreaterThan(0);
    const audit = loupeJson<{ entries: { action: string }[] }>('audit', casePath);
    expect(JSON.stringify(audit)).toContain('source.remap');
  });

  it('exits 2 on bad usage: unknown field, unknown column, missing --source, malformed --set', () => {
    expect(loupe('mapping', casePath, '--source', 'Sign_In_Logs', '--set', 'source=User').code).toBe(2);
    expect(loupe('mapping', casePath, '--source', 'Sign_In_Logs', '--set', 'ip=No such column').code).toBe(2);
    expect(loupe('mapping', casePath, '--set', 'ip=User').code).toBe(2);
    expect(loupe('mapping', casePath, '--source', 'Sign_In_Logs', '--set', 'no-equals').code).toBe(2);
    expect(loupe('mapping', casePath, '--source', 'nope').code).toBe(2);
  });
});

describe('loupe remove-source', () => {
  it('refuses a bookmarked source without --force (exit 2), removes it with --force', () => {
    expect(loupe('bookmark', casePath, '--source', 'Azure_KV_Logs', '--row', '2', '--note', 'keep').code).toBe(0);
    const refused = loupe('remove-source', casePath, '--source', 'Azure_KV_Logs');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/1 bookmark/);
    expect(loupeJson<unknown[]>('sources', casePath)).toHaveLength(2);
    const done = loupeJson<{ removed: boolean; bookmarks: number; sha256: string }>('remove-source', casePath, '--source', 'Azure_KV_Logs', '--force');
    expect(done).toMatchObject({ removed: true, bookmarks: 1 });
    expect(done.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(loupeJson<{ name: string }[]>('sources', casePath).map((s) => s.name)).toEqual(['Sign_In_Logs.xlsx']);
    expect(loupe('remove-source', casePath, '--source', 'Azure_KV_Logs').code).toBe(2);
    expect(loupe('remove-source', casePath).code).toBe(2);
    const audit = loupe('audit', casePath);
    expect(audit.code).toBe(0);
    expect(audit.stdout).toContain('source.remove');
  });

  it('removes an unbookmarked source without --force', () => {
    expect(loupe('remove-source', casePath, '--source', 'Sign_In_Logs').code).toBe(0);
    expect(loupeJson<unknown[]>('sources', casePath)).toHaveLength(0);
    expect(loupe('verify', casePath).code).toBe(0);
  });
});

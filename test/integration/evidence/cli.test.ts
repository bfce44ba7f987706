// `loupe import --copy-evidence` and `loupe verify`: the copy is opt-in on the CLI and verified apart from the original.
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loupe, loupeJson, SEED_DIR } from '../../support/cli';

const dir = mkdtempSync(join(tmpdir(), 'loupe-evcli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const sha256sum = (path: string) => execFileSync('sha256sum', [path], { encoding: 'utf8' }).split(' ')[0]!;

interface Verified {
  sourceId: number;
  status: string;
  copy?: string;
}

describe('loupe import --copy-evidence', () => {
  it('keeps the copy only when asked, and verify exits 2 when the copy or the original changed', () => {
    const original = join(dir, 'Azure_KV_Logs.xlsx');
    copyFileSync(join(SEED_DIR, 'Azure_KV_Logs.xlsx'), original);
    chmodSync(original, 0o644); // the fixture is read-only; this test rewrites the original
    const plain = join(dir, 'plain.loupe');
    loupeJson('import', plain, original);
    expect(existsSync(`${plain}.evidence`)).toBe(false);
    expect(loupeJson<Verified[]>('verify', plain)).toEqual([expect.not.objectContaining({ copy: expect.anything() })]);

    const casePath = join(dir, 'kept.loupe');
    const imported = loupeJson<{ imported: { sha256: string }[] }>('import', casePath, original, '--copy-evidence');
    const sha = sha256sum(original);
    expect(imported.imported[0]!.sha256).toBe(sha);
    expect(readdirSync(`${casePath}.evidence`)).toEqual([sha]);
    expect(loupeJson<Verified[]>('verify', casePath)).toEqual([expect.objectContaining({ status: 'ok', copy: 'ok' })]);

    writeFileSync(original, 'changed after import');
    const r = loupe('verify', casePath, '--json');
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toEqual([expect.objectContaining({ status: 'mismatch', copy: 'ok' })]);

    rmSync(join(`${casePath}.evidence`, sha), { force: true });
    copyFileSync(join(SEED_DIR, 'Azure_KV_Logs.xlsx'), original);
    const table = loupe('verify', casePath);
    expect(table.code).toBe(2);
    expect(table.stdout).toMatch(/\bok\s+missing\b/);
  });
});

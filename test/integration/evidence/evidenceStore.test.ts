// The evidence store: read-only original access, sha256sum-equal hashes, 0444 copies, dedupe, no half copies under its name.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';

// Every open of a file goes through this wrapper, so the flags the store uses on the original are observable.
const opens: { path: string; flags: unknown }[] = [];
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  const open = (path: Parameters<typeof real.open>[0], flags?: Parameters<typeof real.open>[1], mode?: Parameters<typeof real.open>[2]) => {
    opens.push({ path: String(path), flags });
    return real.open(path, flags, mode);
  };
  return { ...real, open, default: { ...real, open } };
});

const { cleanStaleTemps, evidenceDirFor, storeEvidence, verifyEvidenceCopy } = await import('../../../src-main/engine/case/evidenceStore');

const FIXTURES = resolve(__dirname, '../../../../shared/fixtures');
const dir = mkdtempSync(join(tmpdir(), 'loupe-evstore-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeEach(() => {
  opens.length = 0;
});

const sha256sum = (path: string) => execFileSync('sha256sum', [path], { encoding: 'utf8' }).split(' ')[0]!;

describe('storeEvidence', () => {
  it.each(['seed-case/Azure_KV_Logs.xlsx', 'seed-case/Sign_In_Logs.xlsx', 'real/azure_activity.csv', 'real/AADAuditEvents.json'])(
    'hashes %s like sha256sum, opening the original once and read-only',
    async (fixture) => {
      const original = join(FIXTURES, fixture);
      const store = join(dir, `store-${fixture.replace(/\W/g, '_')}`);
      const stored = await storeEvidence(original, store);
      expect(stored.sha256).toBe(sha256sum(original));
      expect(stored.size).toBe(statSync(original).size);
      expect(stored.mtimeMs).toBe(statSync(original).mtimeMs);
      expect(stored.copyPath).toBe(join(store, stored.sha256));
      expect(sha256sum(stored.copyPath)).toBe(stored.sha256);
      const ofOriginal = opens.filter((o) => o.path === original);
      expect(ofOriginal).toEqual([{ path: original, flags: 'r' }]);
      expect(statSync(stored.copyPath).mode & 0o777).toBe(0o444);
    },
  );

  it('stores one copy for the same content, whatever the file is called or how often it is stored', async () => {
    const store = join(dir, 'dedupe');
    const a = join(dir, 'a.csv');
    const b = join(dir, 'b-renamed.csv');
    writeFileSync(a, 'x,y\n1,2\n');
    writeFileSync(b, 'x,y\n1,2\n');
    const first = await storeEvidence(a, store);
    const again = await storeEvidence(a, store);
    const renamed = await storeEvidence(b, store);
    expect(again.sha256).toBe(first.sha256);
    expect(renamed.copyPath).toBe(first.copyPath);
    expect(readdirSync(store)).toEqual([first.sha256]);
    writeFileSync(b, 'x,y\n1,3\n');
    const other = await storeEvidence(b, store);
    expect(other.sha256).not.toBe(first.sha256);
    expect(readdirSync(store).sort()).toEqual([first.sha256, other.sha256].sort());
  });

  it('replaces a same-named entry of the wrong size (a truncated copy) with the real bytes', async () => {
    const store = join(dir, 'truncated');
    const f = join(dir, 'full.csv');
    writeFileSync(f, 'h\n' + 'row\n'.repeat(1000));
    const { sha256, copyPath } = await storeEvidence(f, store);
    chmodSync(copyPath, 0o644);
    writeFileSync(copyPath, 'h\nrow\n');
    expect((await verifyEvidenceCopy(store, sha256)).status).toBe('changed');
    await storeEvidence(f, store);
    expect(await verifyEvidenceCopy(store, sha256)).toEqual({ status: 'ok', actual: sha256 });
    expect(statSync(copyPath).mode & 0o777).toBe(0o444);
  });

  it('handles an empty file and a file larger than one read chunk', async () => {
    const store = join(dir, 'sizes');
    const empty = join(dir, 'empty.csv');
    writeFileSync(empty, '');
    expect((await storeEvidence(empty, store)).sha256).toBe(sha256sum(empty));
    const big = join(dir, 'big.bin');
    const bytes = Buffer.alloc(3 * 1024 * 1024 + 17);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) % 251;
    writeFileSync(big, bytes);
    const stored = await storeEvidence(big, store);
    expect(stored.sha256).toBe(sha256sum(big));
    expect(readFileSync(stored.copyPath).equals(bytes)).toBe(true);
  });

  it('refuses folders and missing files without leaving anything in the store', async () => {
    const store = join(dir, 'refused');
    await expect(storeEvidence(join(dir, 'nope.csv'), store)).rejects.toThrow(/not found or not readable/);
    const folder = join(dir, 'a-folder');
    mkdirSync(folder);
    await expect(storeEvidence(folder, store)).rejects.toThrow(/not a regular file/);
    expect(readdirSync(store)).toEqual([]);
  });

  it('a cancelled copy leaves neither a <sha256> entry nor a temp file', async () => {
    const store = join(dir, 'cancel');
    const f = join(dir, 'to-cancel.bin');
    writeFileSync(f, Buffer.alloc(4 * 1024 * 1024, 1));
    const ac = new AbortController();
    ac.abort();
    await expect(storeEvidence(f, store, { signal: ac.signal })).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(readdirSync(store)).toEqual([]);
  });

  it('cleans temps of dead writers but keeps those of a live process', async () => {
    const store = join(dir, 'stale');
    mkdirSync(store);
    // pid 2^22+1 is above Linux's pid_max default ceiling, so no process has it; the parent's pid is alive.
    writeFileSync(join(store, `.tmp-${2 ** 22 + 1}-abcdef`), 'half a copy');
    mkdirSync(join(store, `.parse-${2 ** 22 + 1}-abcdef`));
    writeFileSync(join(store, `.tmp-${process.ppid}-abcdef`), 'a live writer');
    expect((await cleanStaleTemps(store)).sort()).toEqual([`.parse-${2 ** 22 + 1}-abcdef`, `.tmp-${2 ** 22 + 1}-abcdef`]);
    expect(readdirSync(store)).toEqual([`.tmp-${process.ppid}-abcdef`]);
  });

  it('verifyEvidenceCopy: ok, changed, missing, and never follows a register value that is not a hash', async () => {
    const store = join(dir, 'verify');
    const f = join(dir, 'v.csv');
    writeFileSync(f, 'a\n1\n');
    const { sha256, copyPath } = await storeEvidence(f, store);
    expect((await verifyEvidenceCopy(store, sha256)).status).toBe('ok');
    writeFileSync(join(dir, 'outside'), 'a\n1\n');
    expect((await verifyEvidenceCopy(store, '../outside')).status).toBe('missing');
    chmodSync(copyPath, 0o644);
    writeFileSync(copyPath, 'a\n2\n');
    expect(await verifyEvidenceCopy(store, sha256)).toEqual({ status: 'changed', actual: sha256sum(copyPath) });
    rmSync(copyPath);
    expect((await verifyEvidenceCopy(store, sha256)).status).toBe('missing');
  });

  it('keeps the evidence folder next to the case file', () => {
    expect(evidenceDirFor('/cases/acme.loupe')).toBe('/cases/acme.loupe.evidence');
    expect(existsSync(evidenceDirFor(join(dir, 'none.loupe')))).toBe(false);
  });
});

// Importing with copyEvidence: the original is only read, the register points at it, the parsed bytes are the stored copy's.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SourceRecord } from '../../../src-main/engine/case/catalog';

// Every file open in the importer is recorded (path, flags) so access to the original can be checked.
const opens: { path: string; flags: unknown }[] = [];
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  const open = (path: Parameters<typeof real.open>[0], flags?: Parameters<typeof real.open>[1], mode?: Parameters<typeof real.open>[2]) => {
    opens.push({ path: String(path), flags });
    return real.open(path, flags, mode);
  };
  return { ...real, open, default: { ...real, open } };
});
vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  const createReadStream = (path: Parameters<typeof real.createReadStream>[0], options?: Parameters<typeof real.createReadStream>[1]) => {
    opens.push({ path: String(path), flags: typeof options === 'object' && options !== null ? (options.flags ?? 'r') : 'r' });
    return real.createReadStream(path, options);
  };
  const createWriteStream = (path: Parameters<typeof real.createWriteStream>[0], options?: Parameters<typeof real.createWriteStream>[1]) => {
    opens.push({ path: String(path), flags: typeof options === 'object' && options !== null ? (options.flags ?? 'w') : 'w' });
    return real.createWriteStream(path, options);
  };
  return { ...real, createReadStream, createWriteStream, default: { ...real, createReadStream, createWriteStream } };
});

const { Engine } = await import('../../../src-main/engine/engine');
const { verifySources } = await import('../../../src-main/engine/case/verify');

const FIXTURES = resolve(__dirname, '../../../../shared/fixtures');
const dir = mkdtempSync(join(tmpdir(), 'loupe-evimport-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeEach(() => {
  opens.length = 0;
});

const sha256sum = (path: string) => execFileSync('sha256sum', [path], { encoding: 'utf8' }).split(' ')[0]!;
let n = 0;
/** A fresh folder holding a copy of a fixture (the "original"), and a case path in another folder. */
function setup(fixture: string): { original: string; casePath: string; evidence: string } {
  const base = join(dir, `t${++n}`);
  mkdirSync(join(base, 'originals'), { recursive: true });
  mkdirSync(join(base, 'case'));
  const original = join(base, 'originals', fixture.split('/').pop()!);
  copyFileSync(join(FIXTURES, fixture), original);
  chmodSync(original, 0o644); // the fixtures are read-only; these tests rewrite their originals (also when not root)
  const casePath = join(base, 'case', 'c.loupe');
  return { original, casePath, evidence: `${casePath}.evidence` };
}

/** Names, sizes, modes and mtimes of everything under a folder. */
function listing(folder: string): string[] {
  const out: string[] = [];
  const walk = (d: string, rel: string) => {
    for (const name of readdirSync(d).sort()) {
      const st = statSync(join(d, name), { throwIfNoEntry: false });
      out.push(`${rel}${name} ${st?.size} ${st?.mode} ${st?.mtimeMs}`);
      if (st?.isDirectory()) walk(join(d, name), `${rel}${name}/`);
    }
  };
  walk(folder, '');
  return out;
}

function records(engine: InstanceType<typeof Engine>): SourceRecord[] {
  return engine.db.prepare('SELECT * FROM sources ORDER BY id').all() as SourceRecord[];
}

const shaEntries = (store: string) => readdirSync(store).filter((e) => /^[0-9a-f]{64}$/.test(e));

describe('import with copyEvidence', () => {
  it('opens the original once, read-only, never writes beside it, and records the copy in the register', async () => {
    const { original, casePath, evidence } = setup('real/azure_activity.csv');
    const before = listing(join(original, '..'));
    const engine = new Engine(casePath, { create: true });
    try {
      const [summary] = await engine.importFiles([original], { copyEvidence: true });
      expect(summary?.ok).toBe(true);
      expect(listing(join(original, '..'))).toEqual(before);
      expect(opens.filter((o) => o.path === original)).toEqual([{ path: original, flags: 'r' }]);
      const sha = sha256sum(original);
      const [rec] = records(engine);
      expect(rec).toMatchObject({ path: original, sha256: sha, size: statSync(original).size });
      expect(JSON.parse(rec!.options_json)).toMatchObject({ copy: sha });
      expect(readdirSync(evidence)).toEqual([sha]);
      expect(statSync(join(evidence, sha)).mode & 0o777).toBe(0o444);
      expect(rec!.rows_imported).toBeGreaterThan(0);
    } finally {
      engine.close();
    }
  });

  it('parses the hashed copy: the original rewritten right after it was copied does not reach the case', async () => {
    const { original, casePath, evidence } = setup('real/disable_accounts.csv');
    writeFileSync(original, 'TimeGenerated,UserPrincipalName,IPAddress\n2024-01-01T00:00:00Z,a@x.test,10.0.0.1\n2024-01-01T00:00:01Z,b@x.test,10.0.0.2\n');
    const hashedSha = sha256sum(original);
    const engine = new Engine(casePath, { create: true });
    try {
      let swapped = false;
      await engine.importFiles([original], {
        copyEvidence: true,
        onProgress: (p) => {
          if (p.phase === 'hashing' && !swapped) {
            swapped = true;
            writeFileSync(original, 'TimeGenerated,UserPrincipalName,IPAddress\n' + '2024-02-02T00:00:00Z,evil@x.test,6.6.6.6\n'.repeat(50));
          }
        },
      });
      expect(swapped).toBe(true);
      const [rec] = records(engine);
      expect(rec).toMatchObject({ sha256: hashedSha, rows_read: 2, rows_imported: 2 });
      expect(JSON.parse(rec!.options_json).copy).toBe(hashedSha);
      const results = await verifySources(engine.db);
      expect(results).toEqual([expect.objectContaining({ status: 'mismatch', copy: 'ok' })]);
      expect(shaEntries(evidence)).toEqual([hashedSha]);
    } finally {
      engine.close();
    }
  });

  it('verify reports original-changed, copy-changed and copy-missing separately', async () => {
    const { original, casePath, evidence } = setup('seed-case/Azure_KV_Logs.xlsx');
    const engine = new Engine(casePath, { create: true });
    try {
      await engine.importFiles([original], { copyEvidence: true });
      const sha = sha256sum(original);
      const copy = join(evidence, sha);
      expect(await verifySources(engine.db)).toEqual([expect.objectContaining({ status: 'ok', copy: 'ok' })]);

      writeFileSync(original, Buffer.concat([Buffer.from('tampered'), Buffer.alloc(10)]));
      const [changed] = await verifySources(engine.db);
      expect(changed).toMatchObject({ status: 'mismatch', copy: 'ok' });
      expect(sha256sum(copy)).toBe(sha);

      chmodSync(copy, 0o644);
      writeFileSync(copy, 'not the workbook');
      const [copyChanged] = await verifySources(engine.db);
      expect(copyChanged).toMatchObject({ status: 'mismatch', copy: 'changed' });
      expect(copyChanged!.detail).toContain(`evidence copy ${sha} changed`);

      rmSync(copy);
      rmSync(original);
      const [gone] = await verifySources(engine.db);
      expect(gone).toMatchObject({ status: 'missing', copy: 'missing' });
      const audit = engine.db.prepare("SELECT params_json FROM audit_log WHERE action = 'sources.verify' ORDER BY seq DESC LIMIT 1").get() as { params_json: string };
      expect(audit.params_json).toContain('"missing","missing"');
    } finally {
      engine.close();
    }
  });

  it('importing the same file twice (or its twin under another name) stores one copy', async () => {
    const { original, casePath, evidence } = setup('real/office_activity_inbox_rule.csv');
    const twin = join(original, '..', 'renamed.csv');
    copyFileSync(original, twin);
    const engine = new Engine(casePath, { create: true });
    try {
      const first = await engine.importFiles([original], { copyEvidence: true });
      const second = await engine.importFiles([original, twin], { copyEvidence: true });
      expect(first[0]?.sources).toHaveLength(1);
      expect(second.map((s) => s.duplicateOf)).toEqual([first[0]!.sources[0]!.id, first[0]!.sources[0]!.id]);
      expect(readdirSync(evidence)).toEqual([sha256sum(original)]);
    } finally {
      engine.close();
    }
  });

  it('a .gz and a .zip are copied whole: the register names the container copy, verify re-hashes it', async () => {
    const { original: csv, casePath, evidence } = setup('real/office_activity_inbox_rule.csv');
    const folder = join(csv, '..');
    const gz = join(folder, 'inbox.csv.gz');
    writeFileSync(gz, gzipSync(Buffer.from('TimeGenerated,UserId,ClientIP\n2024-01-01T00:00:00Z,a@x.test,10.0.0.1\n')));
    writeFileSync(join(folder, 'other.csv'), 'TimeGenerated,UserId,ClientIP\n2024-03-03T00:00:00Z,z@x.test,10.9.9.9\n');
    const zip = join(folder, 'bundle.zip');
    execFileSync('zip', ['-q', '-j', zip, csv, join(folder, 'other.csv')]);
    const before = listing(folder);
    const engine = new Engine(casePath, { create: true });
    try {
      const res = await engine.importFiles([gz, zip], { copyEvidence: true });
      expect(res.every((s) => s.ok)).toBe(true);
      expect(listing(folder)).toEqual(before);
      const recs = records(engine);
      expect(recs).toHaveLength(3);
      const gzRec = recs.find((r) => r.container_name === 'inbox.csv.gz')!;
      expect(gzRec).toMatchObject({ path: gz, container_sha256: sha256sum(gz) });
      expect(JSON.parse(gzRec.options_json).copy).toBe(sha256sum(gz));
      const zipRecs = recs.filter((r) => r.container_name === 'bundle.zip');
      expect(zipRecs.map((r) => r.path)).toEqual([zip, zip]);
      expect(zipRecs.map((r) => JSON.parse(r.options_json).copy)).toEqual([sha256sum(zip), sha256sum(zip)]);
      expect(shaEntries(evidence).sort()).toEqual([sha256sum(gz), sha256sum(zip)].sort());
      expect(readdirSync(evidence).sort()).toEqual(shaEntries(evidence).sort());
      expect((await verifySources(engine.db)).map((r) => [r.status, r.copy])).toEqual([
        ['ok', 'ok'],
        ['ok', 'ok'],
        ['ok', 'ok'],
      ]);
    } finally {
      engine.close();
    }
  });

  it('a folder: each file is copied, register paths name the originals, links are not followed', async () => {
    const { original: csv, casePath, evidence } = setup('real/office_activity_inbox_rule.csv');
    const folder = join(csv, '..');
    mkdirSync(join(folder, 'sub'));
    writeFileSync(join(folder, 'sub', 'more.csv'), 'TimeGenerated,UserId,ClientIP\n2024-01-01T00:00:00Z,a@x.test,10.0.0.1\n');
    const secret = join(dir, `secret-${n}.csv`);
    writeFileSync(secret, 'TimeGenerated,UserId\n2024-01-01T00:00:00Z,secret@x.test\n');
    symlinkSync(secret, join(folder, 'link.csv'));
    const before = listing(folder);
    const engine = new Engine(casePath, { create: true });
    try {
      const res = await engine.importFiles([folder], { copyEvidence: true });
      expect(res.map((s) => s.ok)).toEqual([true, true]);
      expect(listing(folder)).toEqual(before);
      const recs = records(engine);
      expect(recs.map((r) => r.path).sort()).toEqual([csv, join(folder, 'sub', 'more.csv')].sort());
      for (const r of recs) expect(JSON.parse(r.options_json).copy).toBe(sha256sum(r.path));
      expect(shaEntries(evidence).sort()).toEqual([sha256sum(csv), sha256sum(join(folder, 'sub', 'more.csv'))].sort());
      expect(shaEntries(evidence)).not.toContain(sha256sum(secret));
      expect(readdirSync(evidence)).toHaveLength(2); // no parse tree left behind
    } finally {
      engine.close();
    }
  });

  it('a bad file is refused as before, and the parse tree is removed', async () => {
    const { original, casePath, evidence } = setup('real/README.md');
    writeFileSync(original, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0, 0, 0]));
    const engine = new Engine(casePath, { create: true });
    try {
      const [res] = await engine.importFiles([original], { copyEvidence: true });
      expect(res).toMatchObject({ ok: false });
      expect(res!.error).toMatch(/README\.md: .*legacy \.xls/);
      expect(readdirSync(evidence).filter((e) => e.startsWith('.'))).toEqual([]);
      const [missing] = await engine.importFiles([join(dir, 'no-such-file.csv')], { copyEvidence: true });
      expect(missing).toMatchObject({ ok: false });
      expect(missing!.error).toMatch(/no-such-file\.csv: file not found/);
    } finally {
      engine.close();
    }
  });

  it('without copyEvidence (the engine and CLI default) no evidence folder is made', async () => {
    const { original, casePath, evidence } = setup('real/office_activity_inbox_rule.csv');
    const engine = new Engine(casePath, { create: true });
    try {
      const [res] = await engine.importFiles([original]);
      expect(res?.ok).toBe(true);
      expect(existsSync(evidence)).toBe(false);
      expect(JSON.parse(records(engine)[0]!.options_json)).not.toHaveProperty('copy');
      expect((await verifySources(engine.db))[0]).not.toHaveProperty('copy');
    } finally {
      engine.close();
    }
  });
});

// The parse worker: the same case contents as parsing in-thread for every real export and container, and failures that name the file and leave the case as it was.
import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../src-main/engine/engine';
import type { ImportOptions } from '../../../src-main/engine/import/importFile';
import { ROOT, SEED_DIR, SHARED } from '../../support/cli';

const WORKER = join(ROOT, 'out/cli/parse-worker.cjs');
const dir = mkdtempSync(join(tmpdir(), 'loupe-parse-worker-'));
const viaWorker: ImportOptions = { parseWorker: WORKER, parseWorkerMinBytes: 0 };
const inThread: ImportOptions = { parseWorker: false };

beforeAll(async () => {
  if (!existsSync(WORKER)) {
    const { buildEngine } = (await import(join(ROOT, 'scripts/build-engine.mjs'))) as { buildEngine(o: { quiet: boolean }): Promise<void> };
    await buildEngine({ quiet: true });
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Everything an import writes, minus wall-clock times. */
function contents(path: string): unknown {
  const db = new Database(path, { readonly: true });
  try {
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'src_%' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
    const dump: Record<string, unknown> = {};
    for (const t of [...tables, 'events', 'source_columns']) dump[t] = db.prepare(`SELECT * FROM "${t}" ORDER BY 1, 2`).all();
    dump['sources'] = db.prepare('SELECT name, size, sha256, container_name, kind, profile, mapping_json, options_json, meta_json, rows_read, rows_imported, rows_rejected, warnings_json FROM sources ORDER BY id').all();
    dump['indexes'] = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name").all();
    return dump;
  } finally {
    db.close();
  }
}

async function importInto(name: string, files: string[], opts: ImportOptions) {
  const casePath = join(dir, `${name}.loupe`);
  const engine = new Engine(casePath, { create: true });
  try {
    const summaries = await engine.importFiles(files, { ...opts, deferFullText: true });
    return { casePath, summaries };
  } finally {
    engine.close();
  }
}

function containerFixtures(): string[] {
  const csv = ['When,User,IP address,Note', '2024-01-05T10:00:00Z,alice@x.test,10.0.0.1,"two', 'lines, ""quoted"""', '2024-01-05T10:00:01Z,bob@x.test,10.0.0.2,ragged,extra,fields', '2024-01-05T10:00:02Z,,,', '2024-01-05T10:00:03Z,Zoë@x.test,::1,émoji 🦊'].join('\r\n');
  const csvPath = join(dir, 'odd.csv');
  writeFileSync(csvPath, '\ufeff' + csv);
  const gz = join(dir, 'odd.csv.gz');
  writeFileSync(gz, gzipSync(Buffer.from(csv)));
  const zipDir = mkdtempSync(join(dir, 'zip-'));
  writeFileSync(join(zipDir, 'a.csv'), csv);
  writeFileSync(join(zipDir, 'b.json'), JSON.stringify({ value: [{ id: 1, user: { upn: 'carol@x.test' }, ip: '10.9.9.9', big: 12345678901234567890 }] }).replace('12345678901234567000', '12345678901234567890'));
  const zip = join(dir, 'both.zip');
  execFileSync('zip', ['-q', '-j', zip, join(zipDir, 'a.csv'), join(zipDir, 'b.json')]);
  return [csvPath, gz, zip];
}

describe('parse worker', () => {
  it('gives the same case as in-thread parsing for the seed, every real export and every container shape', async () => {
    const real = readdirSync(join(SHARED, 'fixtures/real')).filter((f) => /\.(csv|json)$/.test(f) && f !== 'expected_rows.json').map((f) => join(SHARED, 'fixtures/real', f));
    const files = [join(SEED_DIR, 'Sign_In_Logs.xlsx'), join(SEED_DIR, 'Azure_KV_Logs.xlsx'), ...real, ...containerFixtures()];
    const a = await importInto('thread', files, inThread);
    const b = await importInto('worker', files, viaWorker);
    expect(a.summaries.every((s) => s.ok), JSON.stringify(a.summaries.filter((s) => !s.ok))).toBe(true);
    expect(b.summaries.map((s) => ({ ...s, sources: s.sources.map((x) => ({ ...x, importedAt: '' })) }))).toEqual(
      a.summaries.map((s) => ({ ...s, sources: s.sources.map((x) => ({ ...x, importedAt: '' })) })),
    );
    const ca = contents(a.casePath);
    expect(contents(b.casePath)).toEqual(ca);
    expect((ca as { src_1: unknown[] }).src_1.length).toBeGreaterThan(100);
  });

  it('a bad file fails through the worker with the same message as in-thread, and the case keeps what it had', async () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, Buffer.concat([Buffer.from('a,b\n1,2\n'), Buffer.from([0xc3, 0x28]), Buffer.from(',x\n')]));
    const good = join(SEED_DIR, 'Azure_KV_Logs.xlsx');
    const a = await importInto('bad-thread', [good, bad], inThread);
    const b = await importInto('bad-worker', [good, bad], viaWorker);
    expect(b.summaries[1]?.ok).toBe(false);
    expect(b.summaries[1]?.error).toBe(a.summaries[1]?.error);
    expect(b.summaries[1]?.error).toMatch(/bad\.csv.*(UTF-8|encoding)/i);
    expect(contents(b.casePath)).toEqual(contents(a.casePath));
  });

  it('more columns than a source table can hold is refused before any row is read, in-thread and in the worker', async () => {
    const wide = join(dir, 'wide.csv');
    writeFileSync(wide, [Array.from({ length: 2000 }, (_, i) => `h${i}`).join(','), Array.from({ length: 2000 }, () => 'x').join(',')].join('\n'));
    for (const [name, opts] of [['wide-thread', inThread], ['wide-worker', viaWorker]] as const) {
      const r = await importInto(name, [wide], opts);
      expect(r.summaries[0]?.ok, name).toBe(false);
      expect(r.summaries[0]?.error, name).toMatch(/wide\.csv row 1: 2000 columns; Loupe stores at most 1990 per source/);
    }
  });

  it('a parser that dies is reported against the file, and nothing of it reaches the case', async () => {
    const broken = join(dir, 'broken-worker.cjs');
    writeFileSync(broken, "throw new Error('parser exploded');\n");
    const good = join(SEED_DIR, 'Sign_In_Logs.xlsx');
    const r = await importInto('crash', [good], { parseWorker: broken, parseWorkerMinBytes: 0 });
    expect(r.summaries[0]?.ok).toBe(false);
    expect(r.summaries[0]?.error).toMatch(/Sign_In_Logs\.xlsx.*parser (failed|stopped).*parser exploded/);
    const db = new Database(r.casePath, { readonly: true });
    expect(db.prepare('SELECT count(*) AS n FROM sources').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM events').get()).toEqual({ n: 0 });
    expect(db.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });
    db.close();
  });

  it('reports bytes read as it goes, in-thread and through the worker, ending at the file size', async () => {
    const rows = ['TimeGenerated,OperationName,CallerIPAddress'];
    for (let i = 0; i < 120_000; i++) rows.push(`2024-01-05T10:00:${String(i % 60).padStart(2, '0')}Z,SecretGet,10.0.${i % 250}.1`);
    const file = join(dir, 'progress.csv');
    writeFileSync(file, rows.join('\n'));
    const size = readFileSync(file).length;
    for (const [name, opts] of [['p-thread', inThread], ['p-worker', viaWorker]] as const) {
      const seen: { phase: string; bytes: number; totalBytes: number }[] = [];
      const engine = new Engine(join(dir, `${name}.loupe`), { create: true });
      await engine.importFiles([file], { ...opts, deferFullText: true, onProgress: (p) => seen.push(p) });
      engine.close();
      const parsing = seen.filter((p) => p.phase === 'parsing').map((p) => p.bytes);
      expect(parsing.length, name).toBeGreaterThan(3);
      expect(parsing.every((b, i) => b > 0 && b <= size && (i === 0 || b >= parsing[i - 1]!)), `${name}: ${parsing.join(',')}`).toBe(true);
      expect(parsing[0], name).toBeLessThan(size);
      expect(seen.at(-1), name).toMatchObject({ phase: 'done', bytes: size, totalBytes: size });
    }
  });

  it('a file that needs more memory than the parser may use fails alone, and the process and case carry on (SECURITY.md P-1)', async () => {
    // 40 columns of ~200 KB cells: within every reader limit, but a batch holds far more than a 24 MB heap
    const cell = 'x'.repeat(200_000);
    const lines = [Array.from({ length: 40 }, (_, i) => `c${i}`).join(',')];
    for (let i = 0; i < 30; i++) lines.push(Array.from({ length: 40 }, () => cell).join(','));
    const heavy = join(dir, 'heavy.csv');
    writeFileSync(heavy, lines.join('\n'));
    const good = join(SEED_DIR, 'Azure_KV_Logs.xlsx');
    const r = await importInto('oom', [heavy, good], { parseWorker: WORKER, parseWorkerMinBytes: 0, parseHeapMb: 24 });
    expect(r.summaries[0]?.ok).toBe(false);
    expect(r.summaries[0]?.error).toMatch(/heavy\.csv.*more than 24 MB of memory/);
    expect(r.summaries[1]?.ok).toBe(true);
    const db = new Database(r.casePath, { readonly: true });
    expect(db.prepare('SELECT name FROM sources').all()).toEqual([{ name: 'Azure_KV_Logs.xlsx' }]);
    expect(db.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });
    db.close();
  });

  it('cancelling stops the worker and leaves the case untouched', async () => {
    const rows = ['TimeGenerated,OperationName,CallerIPAddress'];
    for (let i = 0; i < 60_000; i++) rows.push(`2024-01-05T10:00:${String(i % 60).padStart(2, '0')}Z,SecretGet,10.0.${i % 250}.1`);
    const big = join(dir, 'big.csv');
    writeFileSync(big, rows.join('\n'));
    const casePath = join(dir, 'cancel.loupe');
    const engine = new Engine(casePath, { create: true });
    const ac = new AbortController();
    let seen = 0;
    const run = engine.importFiles([big], {
      ...viaWorker,
      deferFullText: true,
      signal: ac.signal,
      onProgress: (p) => {
        if (p.phase === 'parsing' && ++seen === 3) ac.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(engine.db.prepare('SELECT count(*) AS n FROM events').get()).toEqual({ n: 0 });
    engine.close();
    expect(readFileSync(big).length).toBeGreaterThan(1000);
  });
});

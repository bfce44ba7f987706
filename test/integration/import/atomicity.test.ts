// An import killed (SIGKILL) at random points leaves the case intact, holding exactly the sources committed before.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { bundleChild } from '../../support/bundleChild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../src-main/engine/engine';
import { buildFullText } from '../../../src-main/engine/import/fullText';

const dir = mkdtempSync(join(tmpdir(), 'loupe-kill-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A deterministic Key Vault-like CSV with distinct content per `tag` (so dedupe by hash does not skip it). */
function writeCsv(path: string, rows: number, tag: string): void {
  const lines = ['TimeGenerated [UTC],OperationName,CallerIPAddress,identity_claim_upn_s,CorrelationId,requestUri_s'];
  for (let i = 0; i < rows; i++) {
    lines.push(`2023-10-26T14:${String(i % 60).padStart(2, '0')}:00Z,SecretGet,10.0.${i % 250}.${i % 7},u${i % 97}@x.test,${tag}-${i},https://v.vault.azure.net/secrets/s${i}`);
  }
  writeFileSync(path, lines.join('\n') + '\n');
}

let childBundle = '';
beforeAll(async () => {
  childBundle = await bundleChild(resolve(__dirname, 'killChild.ts'), 'test-kill/killChild.mjs');
});

function startChild(casePath: string, files: string[]) {
  return spawn(process.execPath, [childBundle, casePath, ...files], { stdio: ['ignore', 'pipe', 'pipe'] });
}

function sourcesOf(casePath: string): { names: string[]; integrity: string; orphanEvents: number } {
  const db = new Database(casePath, { readonly: true });
  try {
    const integrity = db.pragma('integrity_check', { simple: true }) as string;
    const names = (db.prepare('SELECT name FROM sources ORDER BY id').all() as { name: string }[]).map((r) => r.name);
    const orphanEvents = (db.prepare('SELECT count(*) AS n FROM events WHERE source_id NOT IN (SELECT id FROM sources)').get() as { n: number }).n;
    const tables = (db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table' AND name LIKE 'src\\_%' ESCAPE '\\'").get() as { n: number }).n;
    expect(tables).toBe(names.length);
    return { names, integrity, orphanEvents };
  } finally {
    db.close();
  }
}

describe('import atomicity under SIGKILL', () => {
  it('after every kill the case passes integrity_check and holds exactly the committed sources', async () => {
    const casePath = join(dir, 'kill.loupe');
    new Engine(casePath, { create: true }).close();
    const files = Array.from({ length: 6 }, (_, i) => {
      const p = join(dir, `kv-${i}.csv`);
      writeCsv(p, 60_000, `t${i}`);
      return p;
    });
    // Deterministic "random" kill delays (ms after the child starts), spread over load, insert and commit.
    const delays = [900, 1700, 2600, 3400, 4300, 5200];
    let committed: string[] = [];
    let kills = 0;
    for (const [round, delay] of delays.entries()) {
      const todo = files.filter((f) => !committed.some((c) => c === f));
      if (todo.length === 0) break;
      const proc = startChild(casePath, todo);
      let out = '';
      proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
      let err = '';
      proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
      const exited = new Promise<number | null>((res) => proc.on('exit', (code) => res(code)));
      const timer = setTimeout(() => proc.kill('SIGKILL'), delay + round * 100);
      const code = await exited;
      clearTimeout(timer);
      if (code === null) kills++;
      const done = out.split('\n').filter((l) => l.startsWith('committed ')).map((l) => l.slice('committed '.length));
      expect(out.includes('failed '), `child failed: ${out} ${err}`).toBe(false);
      committed = [...committed, ...done];
      const state = sourcesOf(casePath);
      expect(state.integrity).toBe('ok');
      expect(state.orphanEvents).toBe(0);
      // A kill between COMMIT and the "committed" line may leave one more source than reported; never a partial one.
      const expectedNames = committed.map((f) => f.split('/').pop());
      expect(state.names.slice(0, expectedNames.length)).toEqual(expectedNames);
      expect(state.names.length - expectedNames.length).toBeLessThanOrEqual(code === null ? 1 : 0);
      committed = state.names.map((n) => join(dir, n));
    }
    expect(kills).toBeGreaterThanOrEqual(3);
    // Reopening resumes an interrupted full-text build; every committed row ends up searchable.
    const engine = new Engine(casePath, {});
    await buildFullText(engine.db);
    const rows = (engine.db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
    const pending = (engine.db.prepare('SELECT count(*) AS n FROM sources WHERE fts_pending = 1').get() as { n: number }).n;
    expect(pending).toBe(0);
    expect(rows).toBe(committed.length * 60_000);
    const hits = (engine.db.prepare(`SELECT count(*) AS n FROM fts WHERE fts MATCH '"SecretGet"'`).get() as { n: number }).n;
    expect(hits).toBe(rows);
    engine.close();
  }, 180_000);
});

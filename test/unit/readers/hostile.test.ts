// Runs the generated hostile corpus (scripts/gen-hostile.mjs) through expandInputs + openTables and checks each outcome.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expandInputs, ImportError, openTables } from '../../../src-main/engine/importers/readers';
import { REPO } from './helpers';

interface Expectation {
  expect: { rows: number } | { error: string };
  contains?: string;
  warning?: string;
}

const dir = mkdtempSync(join(tmpdir(), 'loupe-hostile-'));
execFileSync(process.execPath, [join(REPO, 'scripts/gen-hostile.mjs'), dir], { stdio: 'ignore' });
const manifest = JSON.parse(readFileSync(join(dir, 'hostile-manifest.json'), 'utf8')) as Record<string, Expectation>;

interface Outcome {
  rows: number;
  texts: Set<string>;
  warnings: string[];
}

async function run(file: string): Promise<Outcome> {
  const out: Outcome = { rows: 0, texts: new Set(), warnings: [] };
  for (const input of await expandInputs(join(dir, file))) {
    for await (const table of openTables(input)) {
      out.texts.add(table.name);
      table.headers.forEach((h) => out.texts.add(h));
      for await (const batch of table.batches(1000)) {
        out.rows += batch.length;
        for (const r of batch) for (const c of r.cells) if (c !== null) out.texts.add(c);
      }
      out.warnings.push(...table.warnings.map((w) => w.message));
    }
  }
  return out;
}

describe('hostile corpus', () => {
  const started = Date.now();
  beforeAll(() => {
    expect(Object.keys(manifest).length).toBeGreaterThanOrEqual(40);
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  for (const [file, exp] of Object.entries(manifest)) {
    it(`${file} → ${'error' in exp.expect ? `error "${exp.expect.error}"` : `${exp.expect.rows} rows`}`, async () => {
      const t0 = Date.now();
      if ('error' in exp.expect) {
        let caught: unknown;
        try {
          await run(file);
        } catch (err) {
          caught = err;
        }
        expect(caught, 'expected an ImportError').toBeInstanceOf(ImportError);
        const err = caught as ImportError;
        expect(err.message).toContain(exp.expect.error);
        expect(err.code).toBe('BAD_INPUT');
        // Every message names the file it is about.
        expect(err.message.startsWith(file) || err.file.startsWith(file)).toBe(true);
      } else {
        const got = await run(file);
        expect(got.rows).toBe(exp.expect.rows);
        if (exp.contains !== undefined) expect(got.texts.has(exp.contains), `"${exp.contains}" among headers/cells/table names`).toBe(true);
        if (exp.warning !== undefined) expect(got.warnings.some((w) => w.includes(exp.warning!))).toBe(true);
      }
      expect(Date.now() - t0).toBeLessThan(5000);
    });
  }

  it('no prototype was polluted and the whole corpus ran quickly with bounded memory', () => {
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('isAdmin');
    expect(Date.now() - started).toBeLessThan(60_000);
    const maxRssMiB = process.resourceUsage().maxRSS / 1024;
    console.log(`hostile corpus: ${Object.keys(manifest).length} files in ${Date.now() - started} ms, peak RSS ${Math.round(maxRssMiB)} MiB`);
    expect(maxRssMiB).toBeLessThan(1024);
  });
});

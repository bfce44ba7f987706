// The geo datasets must still be found when the engine is bundled to one CommonJS file for the CLI (import.meta gone).

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';

const REPO = resolve(__dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'loupe-geo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('ip datasets in a CommonJS bundle', () => {
  it('resolves the packages from the working directory and answers lookups', async () => {
    const out = join(dir, 'geo.cjs');
    await build({
      stdin: {
        contents: "import { geoLookup, datasetInfo } from './src-main/engine/enrich/ip';\nprocess.stdout.write(JSON.stringify({ g: geoLookup('8.8.8.8'), d: datasetInfo().map((x) => x.available) }));",
        resolveDir: REPO,
        loader: 'ts',
      },
      bundle: true,
      platform: 'node',
      format: 'cjs',
      outfile: out,
      logLevel: 'silent',
    });
    // run from the repo root, from a directory outside any node_modules tree: the bundle has no import.meta.url
    const stdout = execFileSync(process.execPath, [out], { cwd: REPO, encoding: 'utf8' });
    expect(JSON.parse(stdout)).toEqual({ g: { country: 'US', asn: 15169, asOrg: 'Google LLC' }, d: [true, true] });
    const elsewhere = execFileSync(process.execPath, [out], { cwd: dir, encoding: 'utf8' });
    expect(JSON.parse(elsewhere)).toEqual({ g: { country: null, asn: null, asOrg: null }, d: [false, false] });
  }, 60_000);
});

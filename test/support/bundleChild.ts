// Test helper: bundles a child-process script (TypeScript) into out/ inside the repo, so it resolves node_modules as the CLI does.
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

export const REPO = resolve(__dirname, '../..');

/** Bundles `entry` to `out/<outRelative>` as an ES module and returns the bundle's path. */
export async function bundleChild(entry: string, outRelative: string): Promise<string> {
  const outfile = join(REPO, 'out', outRelative);
  await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    logLevel: 'error',
    alias: { '@contract': join(REPO, 'src-main/contract') },
    outfile,
  });
  return outfile;
}

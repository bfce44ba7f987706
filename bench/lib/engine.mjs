// Bundles the engine's TypeScript for plain Node with esbuild (as scripts/build-engine.mjs does) and loads it.
import { build } from 'esbuild';
import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

const ENTRY = `
export { Engine } from './src-main/engine/engine';
export { importPath } from './src-main/engine/import/importFile';
export { buildFullText } from './src-main/engine/import/fullText';
export { buildColumnIndexes } from './src-main/engine/import/deferredIndexes';
export { sourcePage, timelinePage } from './src-main/engine/explore/page';
export { SeekCache } from './src-main/engine/explore/seek';
export { buildTimelineMarks } from './src-main/engine/explore/buildTimelineMarks';
export { BatchInsert } from './src-main/engine/import/batchInsert';
export { countRows, stackColumn } from './src-main/engine/explore/aggregate';
export { pivot } from './src-main/engine/explore/pivot';
`;

/** Builds (once per process) and returns the bundle's path. */
export async function bundleEngine() {
  const dir = join(root, 'out/bench'); // inside the repo so the bundle resolves node_modules
  mkdirSync(dir, { recursive: true });
  const outfile = join(dir, 'engine.cjs');
  const common = {
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    logLevel: 'error',
    define: { 'import.meta.url': 'importMetaUrl' },
    inject: [join(root, 'scripts/import-meta-shim.js')],
    alias: { '@contract': join(root, 'src-main/contract') },
  };
  await build({ ...common, stdin: { contents: ENTRY, resolveDir: root, loader: 'ts' }, outfile });
  // The import's parse worker, found next to the bundle that imports (as out/cli/parse-worker.cjs is next to the CLI).
  await build({ ...common, entryPoints: [join(root, 'src-main/engine/import/parseWorker.ts')], outfile: join(dir, 'parse-worker.cjs') });
  return outfile;
}

export function loadBundle(path) {
  return createRequire(join(root, 'package.json'))(path);
}

export function argRows(argv, fallback, flag = '--rows') {
  const i = argv.indexOf(flag);
  const n = i >= 0 ? Number(argv[i + 1]) : fallback;
  if (!Number.isSafeInteger(n) || n <= 0) throw new Error(`${flag} needs a positive integer`);
  return n;
}

export const fmtS = (ms) => `${(ms / 1000).toFixed(2)} s`;
export const fmtMB = (bytes) => `${Math.round(bytes / 1024 / 1024)} MB`;

// Bundles the engine for plain Node: the CLI (out/cli/loupe.cjs), the engine worker and the import's parse worker (out/cli/*-worker.cjs).
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export async function buildEngine({ quiet = false } = {}) {
  const common = {
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: quiet ? 'error' : 'warning',
    define: { 'import.meta.url': 'importMetaUrl' },
    inject: [join(root, 'scripts/import-meta-shim.js')],
    alias: { '@contract': join(root, 'src-main/contract') },
  };
  await build({ ...common, entryPoints: [join(root, 'src-main/cli/main.ts')], outfile: join(root, 'out/cli/loupe.cjs') });
  await build({ ...common, entryPoints: [join(root, 'src-main/host/worker.ts')], outfile: join(root, 'out/cli/engine-worker.cjs') });
  await build({ ...common, entryPoints: [join(root, 'src-main/engine/import/parseWorker.ts')], outfile: join(root, 'out/cli/parse-worker.cjs') });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildEngine();
}

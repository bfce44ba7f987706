#!/usr/bin/env node
// `loupe`: runs the bundled CLI, rebuilding it first when the sources are newer than the bundle (dev checkouts).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'out/cli/loupe.cjs');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

const src = join(root, 'src-main');
if (existsSync(src) && (!existsSync(bundle) || newestMtime(src) > statSync(bundle).mtimeMs)) {
  const { buildEngine } = await import('../scripts/build-engine.mjs');
  await buildEngine({ quiet: true });
}
createRequire(import.meta.url)(bundle);

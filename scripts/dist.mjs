// `npm run dist`: packages Loupe with a pinned electron-builder (AppImage + deb, dmg, NSIS); needs internet.
// Offline it says why in one line and exits 1. Release: `npm ci && npm run build && npm run dist` on each OS.
import { spawnSync } from 'node:child_process';
import { lookup } from 'node:dns/promises';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const config = require('../electron-builder.config.cjs');
const CONFIG_FILE = 'electron-builder.config.cjs';

function fail(reason) {
  console.error(`dist: ${reason}`);
  process.exit(1);
}

/** Hosts electron-builder needs: the npm registry (tools) and GitHub (Electron and its builder binaries). */
// LOUPE_DIST_PROBE_HOSTS (comma separated) replaces them, so a test can exercise the offline path anywhere.
const HOSTS = (process.env.LOUPE_DIST_PROBE_HOSTS ?? 'registry.npmjs.org,github.com').split(',').filter(Boolean);

async function unreachable() {
  const results = await Promise.all(HOSTS.map((h) => lookup(h).then(() => null, () => h)));
  return results.filter((h) => h !== null);
}

const missing = await unreachable();
if (missing.length) fail(`offline: cannot resolve ${missing.join(' and ')}; electron-builder downloads Electron and its tools, so run this on a machine with internet.`);
if (!existsSync(join(root, 'out/main/index.js'))) {
  const build = spawnSync('npm', ['run', '-s', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) fail('the build failed; fix `npm run build` first.');
}

// Extra arguments pass through, e.g. `npm run dist -- --linux` or `-- --win --x64`.
const args = ['--yes', '-p', `electron-builder@${config.ELECTRON_BUILDER_VERSION}`, '-p', `@electron/fuses@${config.ELECTRON_FUSES_VERSION}`, 'electron-builder', '--config', CONFIG_FILE, ...process.argv.slice(2)];
const run = spawnSync('npx', args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
if (run.status !== 0) fail(`electron-builder exited ${run.status ?? 'on a signal'}.`);

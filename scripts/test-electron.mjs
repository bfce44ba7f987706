// Runs the Playwright-Electron suite when an Electron binary exists; otherwise says so in one line and passes.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function hasElectronBinary() {
  if (!existsSync(join(root, 'node_modules/electron/dist'))) return false;
  try {
    const path = createRequire(join(root, 'package.json'))('electron');
    return typeof path === 'string' && existsSync(path);
  } catch {
    return false;
  }
}

if (!hasElectronBinary()) {
  console.log('Electron e2e skipped: no Electron binary installed (node_modules/electron/dist missing; offline install)');
  process.exit(0);
}

const run = (cmd, args) => spawnSync(cmd, args, { cwd: root, stdio: 'inherit' }).status ?? 1;

if (!existsSync(join(root, 'out/main/index.js'))) {
  const built = run('npx', ['electron-vite', 'build']);
  if (built !== 0) process.exit(built);
}

const playwright = ['playwright', 'test', '-c', 'playwright.electron.config.ts', ...process.argv.slice(2)];
// Electron needs a display; on a headless Linux box use xvfb-run when it is there.
const headless = process.platform === 'linux' && !process.env.DISPLAY && spawnSync('which', ['xvfb-run']).status === 0;
process.exit(headless ? run('xvfb-run', ['-a', 'npx', ...playwright]) : run('npx', playwright));
